package dev.portolan.cli;

import dev.portolan.result.HostInventory;
import dev.portolan.result.HostResult;
import dev.portolan.result.HostStatus;
import dev.portolan.result.ScanMeta;
import dev.portolan.result.ScanSummary;
import dev.portolan.report.ResultSink;
import dev.portolan.report.TextBytes;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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

    private static final byte[] NEWLINE = TextBytes.ascii(System.lineSeparator());
    private static final byte[] MS = TextBytes.ascii(" ms");
    private static final byte[] TTL = TextBytes.ascii("  ttl ");
    private static final byte[] NO_TTL = TextBytes.ascii("-  ");
    private static final byte[] GAP = TextBytes.ascii("  ");

    private final PrintWriter out;
    /** Standard output as bytes, when the lines go there (null: through {@link #out}, as in tests). */
    private final PrintStream bytesOut;
    private final PrintWriter summaryOut;
    private final Screen screen;
    private final Mode mode;
    /** A batch's lines, reused from batch to batch. */
    private final TextBytes text = new TextBytes(1 << 16);
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
        TextBytes text = this.text;
        text.clear();
        // a call per host: compiled after a few hundred hosts, where this method, called once per batch, waits
        for (int h = 0; h < hosts.size(); h++) {
            add(text, hosts.get(h));
        }
        if (text.isEmpty()) {
            return;
        }
        if (bytesOut != null) {
            // UTF-8 as built, or ASCII, the same in any charset a terminal uses; else encoded again
            byte[] recoded = text.isAscii() || bytesOut.charset().equals(StandardCharsets.UTF_8) ? null
                    : text.toString().getBytes(bytesOut.charset());
            screen.print(() -> {
                out.flush();
                if (recoded == null) {
                    text.writeTo(bytesOut);
                } else {
                    bytesOut.write(recoded, 0, recoded.length);
                }
                bytesOut.flush();
            });
        } else {
            String lines = text.toString();
            screen.print(() -> {
                out.write(lines);
                out.flush();
            });
        }
    }

    /** Counts {@code host} and appends its line, if the mode gives it one. */
    private void add(TextBytes text, HostResult host) {
        boolean up = host.status() == HostStatus.UP;
        if (up) {
            alive++;
        } else {
            unreachable++;
        }
        switch (mode) {
            case ALIVE -> {
                if (up) {
                    text.appendIp(host.target().address()).append(NEWLINE);
                }
            }
            case UNREACHABLE -> {
                if (!up) {
                    text.appendIp(host.target().address()).append(NEWLINE);
                }
            }
            case TABLE -> {
                if (up) {
                    appendLine(text, host).append(NEWLINE);
                }
            }
        }
    }

    /** One live host: fixed columns, "-" where nothing is known. */
    static String line(HostResult host) {
        return appendLine(new TextBytes(128), host).toString();
    }

    /** Appends {@link #line}'s text to {@code sb}, padded by hand: String.format per host would cost most of a sweep. */
    private static TextBytes appendLine(TextBytes sb, HostResult host) {
        int begin = sb.length();
        HostInventory inv = host.inventory();
        int ipStart = sb.length();
        sb.appendIp(host.target().address());
        sb.spaces(15 - (sb.length() - ipStart)).append(GAP);
        left(sb, host.ptrNames().isEmpty() ? host.target().userName().orElse("-") : host.ptrNames().getFirst(), 24)
                .append(GAP);
        left(sb, inv.mac().orElse("-"), 17).append(GAP);
        left(sb, clip(inv.vendor().orElse("-"), 24), 24).append(GAP);
        int rttStart = sb.length();
        if (host.times().isPresent()) {
            appendThousandths(sb, host.times().get().srttMicros()).append(MS);
        } else {
            sb.append('-');
        }
        // right-aligned in 9 columns: the text is ASCII, a byte per column
        sb.insertSpaces(rttStart, 9 - (sb.length() - rttStart));
        sb.append(TTL);
        if (inv.replyTtl() == 0) {
            sb.append(NO_TTL);
        } else {
            int ttlStart = sb.length();
            sb.append(inv.replyTtl());
            sb.spaces(3 - (sb.length() - ttlStart));
        }
        sb.append(GAP).append(host.statusReason().label());
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
        sb.stripTrailing(begin);
        return sb;
    }

    /** {@code s} and blanks to {@code width} characters. */
    private static TextBytes left(TextBytes sb, String s, int width) {
        return sb.append(s).spaces(width - s.length());
    }

    /** Milliseconds with two decimals, rounded half up as {@code %.2f} rounds them. */
    static String millis(long micros) {
        return appendThousandths(new TextBytes(12), micros).toString();
    }

    /**
     * {@code thousandths} (microseconds as milliseconds, milliseconds as seconds) written with two decimals, rounded
     * half up as {@code %.2f} rounds them; without String.format, whose first use loads the JDK's locale data (about
     * 10 ms of a sweep's end).
     */
    private static TextBytes appendThousandths(TextBytes sb, long thousandths) {
        long hundredths = (Math.abs(thousandths) + 5) / 10;
        long cents = hundredths % 100;
        if (thousandths < 0) {
            sb.append('-');
        }
        sb.append(hundredths / 100).append('.');
        if (cents < 10) {
            sb.append('0');
        }
        return sb.append(cents);
    }

    private static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "~";
    }

    @Override
    public void close(ScanSummary summary) {
        TextBytes line = new TextBytes(80).append(alive + unreachable).append(" addresses: ").append(alive)
                .append(" alive, ").append(unreachable).append(" unreachable, in ");
        String text = appendThousandths(line, summary.elapsedMillis()).append(" s")
                .append(summary.interrupted() ? " (interrupted)" : "").toString();
        screen.print(() -> {
            summaryOut.println(text);
            summaryOut.flush();
        });
    }
}
