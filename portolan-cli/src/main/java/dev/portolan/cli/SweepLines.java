package dev.portolan.cli;

import dev.portolan.result.HostInventory;
import dev.portolan.result.HostResult;
import dev.portolan.result.HostStatus;
import dev.portolan.result.ScanMeta;
import dev.portolan.result.ScanSummary;
import dev.portolan.report.ResultSink;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code portolan discover}'s terminal report, fping's and Angry IP Scanner's habits: one line per live host
 * (address, name, MAC, vendor, round trip, TTL, reason and probe, NetBIOS name), or only the addresses with --alive or
 * --unreachable, and a summary line.
 */
final class SweepLines implements ResultSink {
    /** Which hosts get a line and how much of one. */
    enum Mode { TABLE, ALIVE, UNREACHABLE }

    private final PrintWriter out;
    private final PrintWriter summaryOut;
    private final Screen screen;
    private final Mode mode;
    private int alive;
    private int unreachable;

    SweepLines(PrintWriter out, PrintWriter summaryOut, Screen screen, Mode mode) {
        this.out = out;
        this.summaryOut = summaryOut;
        this.screen = screen;
        this.mode = mode;
    }

    @Override
    public void open(ScanMeta meta) {
        // no header: each line stands alone, for grep and cut
    }

    @Override
    public void accept(HostResult host) {
        acceptAll(List.of(host));
    }

    /** The lines of a batch of hosts, written and flushed at once: a /16 sweep is not 65 536 writes. */
    @Override
    public void acceptAll(List<HostResult> hosts) {
        List<String> lines = new ArrayList<>(hosts.size());
        for (HostResult host : hosts) {
            boolean up = host.status() == HostStatus.UP;
            if (up) {
                alive++;
            } else {
                unreachable++;
            }
            String line = switch (mode) {
                case ALIVE -> up ? host.target().ip() : null;
                case UNREACHABLE -> up ? null : host.target().ip();
                case TABLE -> up ? line(host) : null;
            };
            if (line != null) {
                lines.add(line);
            }
        }
        if (!lines.isEmpty()) {
            screen.print(() -> {
                lines.forEach(out::println);
                out.flush();
            });
        }
    }

    /** One live host: fixed columns, "-" where nothing is known. */
    static String line(HostResult host) {
        HostInventory inv = host.inventory();
        String name = host.ptrNames().isEmpty() ? host.target().userName().orElse("-") : host.ptrNames().getFirst();
        String rtt = host.times().map(t -> millis(t.srttMicros()) + " ms").orElse("-");
        String ttl = inv.replyTtl() == 0 ? "-" : Integer.toString(inv.replyTtl());
        String why = host.statusReason().label() + inv.probe().map(p -> " (" + p + ")").orElse("");
        // padded by hand: String.format per host is most of the cost of printing a large sweep
        StringBuilder sb = new StringBuilder(128);
        left(sb, host.target().ip(), 15).append("  ");
        left(sb, name, 24).append("  ");
        left(sb, inv.mac().orElse("-"), 17).append("  ");
        left(sb, clip(inv.vendor().orElse("-"), 24), 24).append("  ");
        sb.repeat(' ', Math.max(0, 9 - rtt.length())).append(rtt).append("  ttl ");
        left(sb, ttl, 3).append("  ").append(why);
        inv.netbios().ifPresent(nb -> sb.append("  netbios ").append(nb.workgroup().map(w -> w + "\\").orElse(""))
                .append(nb.name()));
        inv.pings().ifPresent(p -> sb.append(String.format(Locale.ROOT,
                "  xmt/rcv/%%loss = %d/%d/%d%%", p.sent(), p.received(), p.lossPercent()))
                .append(p.received() == 0 ? "" : ", min/avg/max = " + millis(p.minMicros()) + "/"
                        + millis(p.avgMicros()) + "/" + millis(p.maxMicros()) + " ms"));
        return sb.toString().stripTrailing();
    }

    private static StringBuilder left(StringBuilder sb, String s, int width) {
        return sb.append(s).repeat(' ', Math.max(0, width - s.length()));
    }

    /** Milliseconds with two decimals, rounded half up as {@code %.2f} rounds them. */
    static String millis(long micros) {
        long hundredths = (Math.abs(micros) + 5) / 10;
        String cents = Long.toString(hundredths % 100);
        return (micros < 0 ? "-" : "") + hundredths / 100 + (cents.length() == 1 ? ".0" : ".") + cents;
    }

    private static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "~";
    }

    @Override
    public void close(ScanSummary summary) {
        String text = String.format(Locale.ROOT, "%d addresses: %d alive, %d unreachable, in %.2f s%s",
                alive + unreachable, alive, unreachable, summary.elapsedMillis() / 1000.0,
                summary.interrupted() ? " (interrupted)" : "");
        screen.print(() -> {
            summaryOut.println(text);
            summaryOut.flush();
        });
    }
}
