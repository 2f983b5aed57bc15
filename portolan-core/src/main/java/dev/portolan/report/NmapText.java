package dev.portolan.report;

import dev.portolan.result.HostResult;
import dev.portolan.result.PortState;
import dev.portolan.result.ScanSummary;
import dev.portolan.target.Protocol;

/** Numbers, phrases and host names written the way nmap writes them in its text formats. */
final class NmapText {
    private NmapText() {
    }

    /**
     * A latency in seconds with two significant digits, as nmap's "(0.00012s latency)": rounded half up to two
     * digits, with the decimals the unrounded value's magnitude asks for. In long arithmetic: BigDecimal's first use
     * costs a cold JVM some 14 ms at the end of every scan.
     */
    static String latency(long micros) {
        if (micros <= 0) {
            return "0.00";
        }
        int digits = Long.toString(micros).length();
        int decimals = Math.max(0, 8 - digits);
        long rounded = micros;
        if (digits > 2) {
            long unit = POWERS_OF_TEN[digits - 2];
            rounded = (micros + unit / 2) / unit * unit;
        }
        return fixed(rounded, 6, decimals);
    }

    /** Elapsed milliseconds as seconds with two decimals ("0.23"), rounded half up. */
    static String seconds(long millis) {
        return fixed(millis < 0 ? -((-millis + 5) / 10 * 10) : (millis + 5) / 10 * 10, 3, 2);
    }

    private static final long[] POWERS_OF_TEN = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
            100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L,
            10_000_000_000_000L, 100_000_000_000_000L, 1_000_000_000_000_000L, 1_000_000_000_000_000_000L};

    /**
     * {@code value} / 10^{@code scale} written with {@code decimals} decimals; the digits dropped when decimals is
     * less than scale are zero (the caller rounded).
     */
    private static String fixed(long value, int scale, int decimals) {
        StringBuilder sb = new StringBuilder();
        if (value < 0) {
            sb.append('-');
            value = -value;
        }
        sb.append(value / POWERS_OF_TEN[scale]);
        if (decimals > 0) {
            // the fraction zero-padded to scale digits
            String fraction = Long.toString(POWERS_OF_TEN[scale] + value % POWERS_OF_TEN[scale]).substring(1);
            sb.append('.').append(fraction, 0, Math.min(decimals, scale));
            for (int i = scale; i < decimals; i++) {
                sb.append('0');
            }
        }
        return sb.toString();
    }

    /** "1 IP address (1 host up) scanned in 0.08 seconds". */
    static String doneCounts(ScanSummary s) {
        return s.hostsTotal() + (s.hostsTotal() == 1 ? " IP address (" : " IP addresses (")
                + s.hostsUp() + (s.hostsUp() == 1 ? " host up)" : " hosts up)")
                + " scanned in " + seconds(s.elapsedMillis()) + " seconds";
    }

    /** The scanner's name as a title ("portolan" becomes "Portolan"). */
    static String title(String scanner) {
        if (scanner.isEmpty()) {
            return scanner;
        }
        return Character.toUpperCase(scanner.charAt(0)) + scanner.substring(1);
    }

    /** "name (ip)" with the name the user gave, else the reverse-DNS name; the bare address without either. */
    /** The note on a host that {@linkplain HostResult#answersEveryPort() answers on every port}, one line. */
    static String everyPortNote(HostResult host) {
        long open = host.ports().stream().filter(p -> p.state() == PortState.OPEN).count();
        long tcp = host.ports().stream().filter(p -> p.protocol() == Protocol.TCP).count();
        return "answers on " + open + " of " + tcp + " TCP ports: a SYN proxy or tarpit, so its open ports say nothing"
                + " about services (they are not listed one by one)";
    }

    static String nameIp(HostResult host) {
        String name = displayName(host);
        return name.isEmpty() ? host.target().ip() : printable(name) + " (" + host.target().ip() + ")";
    }

    /** The name the user gave, else the first reverse-DNS name, else "". */
    static String displayName(HostResult host) {
        return host.target().userName().orElseGet(() -> ptrName(host));
    }

    /** The first reverse-DNS name, or "" (the name grepable output puts in parentheses). */
    static String ptrName(HostResult host) {
        return host.ptrNames().isEmpty() ? "" : host.ptrNames().getFirst();
    }

    /** Control characters as \xNN so a hostile DNS name cannot break a line-oriented format. */
    static String printable(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (sb == null) {
                    sb = new StringBuilder(s.length() + 8).append(s, 0, i);
                }
                sb.append(String.format("\\x%02X", (int) c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }
}
