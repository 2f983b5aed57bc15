package dev.portolan.lab.bench;

import dev.portolan.lab.LabException;
import dev.portolan.lab.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * masscan in the lab: its command line, when to stop it, and what its {@code -oL} list and status lines say.
 * masscan brings its own TCP stack, so it sends from the scanner namespace's interface with the target's MAC as the
 * next hop; the scanner's kernel answers the SYN-ACKs it sees with RSTs, which only ends the target's half-open
 * connections.
 */
final class Masscan {
    /** Seconds masscan keeps listening after its last probe ({@code --wait}). */
    static final int WAIT_SECONDS = 3;
    private static final Pattern RATE = Pattern.compile("rate:\\s*([0-9.]+)-kpps");
    private static final Pattern VERSION = Pattern.compile("version (\\S+)");

    private Masscan() {
    }

    /** "masscan 1.3.2", or empty when masscan is not installed. */
    static java.util.Optional<String> label() {
        if (!Shell.onPath("masscan")) {
            return java.util.Optional.empty();
        }
        Shell.Result r = Shell.run("masscan", "--version");
        Matcher m = VERSION.matcher(r.stdout() + r.stderr());
        return java.util.Optional.of(m.find() ? "masscan " + m.group(1) : "masscan");
    }

    /** The command: {@code targets} on {@code ports} at {@code rate} packets/s out of {@code iface}. */
    static List<String> command(String targets, String ports, long rate, String iface, String routerMac,
                                String adapterIp, Path list) {
        return new ArrayList<>(List.of("masscan", targets, "-p", ports, "--rate", Long.toString(rate),
                "--interface", iface, "--router-mac", routerMac, "--adapter-ip", adapterIp,
                "--wait", Integer.toString(WAIT_SECONDS), "-oL", list.toString()));
    }

    /**
     * When to interrupt masscan (from its start): once its probes should be out and its wait is over, then again,
     * because it may keep waiting after {@code --wait} and the first Ctrl-C only starts another wait.
     */
    static List<Duration> interrupts(long probes, long rate) {
        long sendMillis = probes * 1000 / Math.max(1, rate);
        Duration first = Duration.ofMillis(sendMillis).plusSeconds(WAIT_SECONDS + 2L);
        return List.of(first, first.plusSeconds(3));
    }

    /** How many ports masscan's {@code -p} value ("0-65535", "22,80-90") names. */
    static long portCount(String ports) {
        long n = 0;
        for (String item : ports.split(",")) {
            String[] ends = item.strip().split("-", 2);
            int first = Integer.parseInt(ends[0].strip());
            int last = ends.length == 2 ? Integer.parseInt(ends[1].strip()) : first;
            n += last - first + 1;
        }
        return n;
    }

    /** Address → open ports, from an {@code -oL} list ("open tcp 80 198.18.0.7 1795364182"). */
    static Map<String, Set<Integer>> readList(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new LabException("cannot read masscan's list " + file + ": " + e.getMessage(), e);
        }
        Map<String, Set<Integer>> open = new HashMap<>();
        for (String line : lines) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 4 && f[0].equals("open") && f[1].equals("tcp")) {
                open.computeIfAbsent(f[3], a -> new TreeSet<>()).add(Integer.parseInt(f[2]));
            }
        }
        return open;
    }

    /** The median of the non-zero send rates masscan printed on its status line, in packets per second. */
    static OptionalDouble sustainedRate(String status) {
        List<Double> rates = new ArrayList<>();
        Matcher m = RATE.matcher(status);
        while (m.find()) {
            double kpps = Double.parseDouble(m.group(1));
            if (kpps > 0) {
                rates.add(kpps * 1000);
            }
        }
        if (rates.isEmpty()) {
            return OptionalDouble.empty();
        }
        rates.sort(null);
        int n = rates.size();
        return OptionalDouble.of(n % 2 == 1 ? rates.get(n / 2) : (rates.get(n / 2 - 1) + rates.get(n / 2)) / 2);
    }

    static String rateText(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }
}
