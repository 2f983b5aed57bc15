package dev.portolan.craft;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * -S as a list: comma-separated addresses and ranges, {@code 198.51.100.1,198.51.100.9-16} (a last-octet range),
 * {@code 198.51.100.9-198.51.100.16} or {@code 2001:db8::10-2001:db8::17} (first to last, one family). Literals
 * only: a source is never looked up by name. Errors are one line naming the option.
 */
public final class SourceAddresses {
    /** More sockets than this would only crowd the descriptor table: 64 sources already give 64 unreachables/s. */
    public static final int MAX_SOURCES = 256;

    private SourceAddresses() {
    }

    /** True when {@code text} names more than one address or a range (not a plain single address). */
    public static boolean isList(String text) {
        return text.indexOf(',') >= 0 || text.indexOf('-') >= 0;
    }

    /** The addresses of {@code text}, in order, each once. */
    public static List<InetAddress> parse(String text) {
        Objects.requireNonNull(text, "text");
        String option = "-S " + text;
        LinkedHashSet<InetAddress> out = new LinkedHashSet<>();
        for (String word : text.split(",", -1)) {
            String w = word.strip();
            int dash = w.indexOf('-');
            if (dash < 0) {
                add(option, out, ProbeCrafting.literal(option, "'" + w + "'", w));
                continue;
            }
            InetAddress first = ProbeCrafting.literal(option, "'" + w.substring(0, dash) + "'", w.substring(0, dash));
            String end = w.substring(dash + 1);
            InetAddress last;
            if (first instanceof Inet4Address && end.chars().allMatch(Character::isDigit) && !end.isEmpty()
                    && end.length() <= 3) {
                byte[] b = first.getAddress();
                int octet = Integer.parseInt(end);
                if (octet > 255) {
                    throw new IllegalArgumentException(option + ": '" + w + "' ends past .255");
                }
                b[3] = (byte) octet;
                last = of(b);
            } else {
                last = ProbeCrafting.literal(option, "'" + end + "'", end);
            }
            if (first.getClass() != last.getClass()) {
                throw new IllegalArgumentException(option + ": '" + w + "' mixes IPv4 and IPv6");
            }
            BigInteger from = new BigInteger(1, first.getAddress());
            BigInteger to = new BigInteger(1, last.getAddress());
            if (to.compareTo(from) < 0) {
                throw new IllegalArgumentException(option + ": '" + w + "' ends before it starts");
            }
            if (to.subtract(from).compareTo(BigInteger.valueOf(MAX_SOURCES)) >= 0) {
                throw new IllegalArgumentException(option + ": more than " + MAX_SOURCES + " source addresses");
            }
            int length = first.getAddress().length;
            for (BigInteger a = from; a.compareTo(to) <= 0; a = a.add(BigInteger.ONE)) {
                add(option, out, of(bytes(a, length)));
            }
        }
        return List.copyOf(out);
    }

    private static void add(String option, LinkedHashSet<InetAddress> out, InetAddress a) {
        out.add(a);
        if (out.size() > MAX_SOURCES) {
            throw new IllegalArgumentException(option + ": more than " + MAX_SOURCES + " source addresses");
        }
    }

    private static byte[] bytes(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] b = new byte[length];
        int n = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - n, b, length - n, n);
        return b;
    }

    private static InetAddress of(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
