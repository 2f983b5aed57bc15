package dev.portolan.cli;

import dev.portolan.result.HostInventory;
import dev.portolan.result.HostResult;
import dev.portolan.result.HostStatus;
import dev.portolan.result.ScanMeta;
import dev.portolan.result.ScanSummary;
import dev.portolan.report.ResultSink;
import java.io.PrintStream;
import java.io.PrintWriter;
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

    private static final String NEWLINE = System.lineSeparator();
    private static final String PAD = "         ";

    private final PrintWriter out;
    /** Standard output as bytes, when the lines go there (null: through {@link #out}, as in tests). */
    private final PrintStream bytesOut;
    private final PrintWriter summaryOut;
    private final Screen screen;
    private final Mode mode;
    /** A batch's lines, reused from batch to batch. */
    private final StringBuilder text = new StringBuilder(1 << 16);
    private int alive;
    private int unreachable;

    SweepLines(PrintWriter out, PrintWriter summaryOut, Screen screen, Mode mode) {
        this(out, null, summaryOut, screen, mode);
    }

    /**
     * As above; {@code bytesOut}, when not null, is the stream {@code out} writes to, and takes the lines as bytes
     * in its charset: text that is all ASCII is then copied as it is, not widened to chars and encoded back one by
     * one (a /16 sweep's table is megabytes).
     */
    SweepLines(PrintWriter out, PrintStream bytesOut, PrintWriter summaryOut, Screen screen, Mode mode) {
        this.out = out;
        this.bytesOut = bytesOut;
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

    /**
     * The lines of a batch of hosts, built in one buffer and written with one flush: a /16 sweep is neither 65 536
     * writes nor 65 536 strings.
     */
    @Override
    public void acceptAll(List<HostResult> hosts) {
        StringBuilder text = this.text;
        text.setLength(0);
        for (HostResult host : hosts) {
            boolean up = host.status() == HostStatus.UP;
            if (up) {
                alive++;
            } else {
                unreachable++;
            }
            switch (mode) {
                case ALIVE -> {
                    if (up) {
                        host.target().appendIp(text).append(NEWLINE);
                    }
                }
                case UNREACHABLE -> {
                    if (!up) {
                        host.target().appendIp(text).append(NEWLINE);
                    }
                }
                case TABLE -> {
                    if (up) {
                        appendLine(text, host).append(NEWLINE);
                    }
                }
            }
        }
        if (text.isEmpty()) {
            return;
        }
        String lines = text.toString();
        if (bytesOut != null) {
            byte[] bytes = lines.getBytes(bytesOut.charset());
            screen.print(() -> {
                out.flush();
                bytesOut.write(bytes, 0, bytes.length);
                bytesOut.flush();
            });
        } else {
            screen.print(() -> {
                out.write(lines);
                out.flush();
            });
        }
    }

    /** One live host: fixed columns, "-" where nothing is known. */
    static String line(HostResult host) {
        return appendLine(new StringBuilder(128), host).toString();
    }

    /** Appends {@link #line}'s text to {@code sb}, padded by hand: String.format per host would cost most of a sweep. */
    private static StringBuilder appendLine(StringBuilder sb, HostResult host) {
        int begin = sb.length();
        HostInventory inv = host.inventory();
        int ipStart = sb.length();
        host.target().appendIp(sb);
        sb.repeat(' ', Math.max(0, 15 - (sb.length() - ipStart))).append("  ");
        left(sb, host.ptrNames().isEmpty() ? host.target().userName().orElse("-") : host.ptrNames().getFirst(), 24)
                .append("  ");
        left(sb, inv.mac().orElse("-"), 17).append("  ");
        left(sb, clip(inv.vendor().orElse("-"), 24), 24).append("  ");
        int rttStart = sb.length();
        if (host.times().isPresent()) {
            appendMillis(sb, host.times().get().srttMicros()).append(" ms");
        } else {
            sb.append('-');
        }
        int rttWidth = sb.length() - rttStart;
        if (rttWidth < 9) {
            sb.insert(rttStart, PAD, 0, 9 - rttWidth);
        }
        sb.append("  ttl ");
        if (inv.replyTtl() == 0) {
            sb.append("-  ");
        } else {
            int ttlStart = sb.length();
            sb.append(inv.replyTtl());
            sb.repeat(' ', Math.max(0, 3 - (sb.length() - ttlStart)));
        }
        sb.append("  ").append(host.statusReason().label());
        if (inv.probe().isPresent()) {
            sb.append(" (").append(inv.probe().get()).append(')');
        }
        if (inv.netbios().isPresent()) {
            var nb = inv.netbios().get();
            sb.append("  netbios ").append(nb.workgroup().map(w -> w + "\\").orElse("")).append(nb.name());
        }
        if (inv.pings().isPresent()) {
            var p = inv.pings().get();
            sb.append(String.format(Locale.ROOT, "  xmt/rcv/%%loss = %d/%d/%d%%", p.sent(), p.received(),
                    p.lossPercent())).append(p.received() == 0 ? "" : ", min/avg/max = " + millis(p.minMicros()) + "/"
                    + millis(p.avgMicros()) + "/" + millis(p.maxMicros()) + " ms");
        }
        // as String.stripTrailing: a name or NetBIOS field may end in blanks
        int end = sb.length();
        while (end > begin && Character.isWhitespace(sb.charAt(end - 1))) {
            end--;
        }
        sb.setLength(end);
        return sb;
    }

    private static StringBuilder left(StringBuilder sb, String s, int width) {
        return sb.append(s).repeat(' ', Math.max(0, width - s.length()));
    }

    /** Milliseconds with two decimals, rounded half up as {@code %.2f} rounds them. */
    static String millis(long micros) {
        return appendMillis(new StringBuilder(12), micros).toString();
    }

    private static StringBuilder appendMillis(StringBuilder sb, long micros) {
        long hundredths = (Math.abs(micros) + 5) / 10;
        long cents = hundredths % 100;
        return sb.append(micros < 0 ? "-" : "").append(hundredths / 100).append(cents < 10 ? ".0" : ".").append(cents);
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
