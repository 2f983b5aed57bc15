package dev.portolan.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * The zone of the reports' local times, as {@link ZoneId#systemDefault()} gives it; but a machine set to UTC, the
 * usual case of servers and containers, is recognised from its configuration, without the JDK reading and parsing
 * its whole time-zone database (10-30 ms of every cold start).
 */
final class SystemZone {
    private static final Path LOCALTIME = Path.of("/etc/localtime");
    private static final Path TIMEZONE = Path.of("/etc/timezone");
    /** The zone names the tz database gives to UTC. */
    static final Set<String> UTC_NAMES = Set.of("UTC", "Etc/UTC", "UCT", "Etc/UCT", "Universal", "Etc/Universal",
            "Zulu", "Etc/Zulu");

    private SystemZone() {
    }

    static ZoneId get() {
        return isUtc(System.getProperty("user.timezone"), System.getenv("TZ"), LOCALTIME, TIMEZONE)
                ? ZoneOffset.UTC : ZoneId.systemDefault();
    }

    /**
     * Whether the JVM's default zone is UTC for sure: no {@code user.timezone} and no TZ given, {@code localtime} a
     * link into the zone database's UTC, and {@code timezone} (Debian's name of the zone), if there is one, UTC.
     * False whenever that is not certain, so that the JDK decides.
     */
    static boolean isUtc(String property, String tz, Path localtime, Path timezone) {
        if (property != null && !property.isEmpty() || tz != null) {
            return false;
        }
        try {
            String link = Files.readSymbolicLink(localtime).toString();
            int at = link.indexOf("zoneinfo/");
            if (at < 0 || !UTC_NAMES.contains(link.substring(at + "zoneinfo/".length()))) {
                return false;
            }
            if (Files.exists(timezone)) {
                List<String> lines = Files.readAllLines(timezone);
                return lines.size() == 1 && UTC_NAMES.contains(lines.getFirst().strip());
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
