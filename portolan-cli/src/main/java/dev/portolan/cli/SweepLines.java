package dev.portolan.cli;

import dev.portolan.result.HostInventory;
import dev.portolan.result.HostResult;
import dev.portolan.result.HostStatus;
import dev.portolan.result.ScanMeta;
import dev.portolan.result.ScanSummary;
import dev.portolan.report.ResultSink;
import java.io.PrintWriter;
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
            screen.print(() -> {
                out.println(line);
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
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-15s  %-24s  %-17s  %-24s  %9s  ttl %-3s  %s",
                host.target().ip(), name, inv.mac().orElse("-"), clip(inv.vendor().orElse("-"), 24), rtt, ttl, why));
        inv.netbios().ifPresent(nb -> sb.append("  netbios ").append(nb.workgroup().map(w -> w + "\\").orElse(""))
                .append(nb.name()));
        inv.pings().ifPresent(p -> sb.append(String.format(Locale.ROOT,
                "  xmt/rcv/%%loss = %d/%d/%d%%", p.sent(), p.received(), p.lossPercent()))
                .append(p.received() == 0 ? "" : ", min/avg/max = " + millis(p.minMicros()) + "/"
                        + millis(p.avgMicros()) + "/" + millis(p.maxMicros()) + " ms"));
        return sb.toString().stripTrailing();
    }

    private static String millis(long micros) {
        return String.format(Locale.ROOT, "%.2f", micros / 1000.0);
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
