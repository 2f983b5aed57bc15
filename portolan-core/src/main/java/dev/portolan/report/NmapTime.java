package dev.portolan.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The human-readable times nmap writes, in a given zone (nmap uses local time). */
final class NmapTime {
    /** ctime(3) layout, day padded with a space: "Sun Nov  2 14:03:11 2026". */
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH);
    /** The interactive "Starting ... at 2026-11-22 14:03 UTC" line. */
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ENGLISH);
    /** The -vv "Scanned at 2026-11-22 14:03:11 UTC for 3s" line. */
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ENGLISH);

    private final ZoneId zone;

    NmapTime(ZoneId zone) {
        this.zone = zone;
    }

    String ctime(Instant t) {
        return CTIME.format(t.atZone(zone));
    }

    String minute(Instant t) {
        return MINUTE.format(t.atZone(zone));
    }

    String second(Instant t) {
        return SECOND.format(t.atZone(zone));
    }
}
