package dev.portolan.lab;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** An immutable set of port numbers 0..65535, written like nmap's {@code -p} list ("22,80,1000-1099"). */
public final class PortSet {
    public static final int MAX_PORT = 65535;
    private static final PortSet NONE = new PortSet(new BitSet());

    private final BitSet bits;

    private PortSet(BitSet bits) {
        this.bits = bits;
    }

    public static PortSet none() {
        return NONE;
    }

    public static PortSet of(int... ports) {
        BitSet bits = new BitSet(MAX_PORT + 1);
        for (int port : ports) {
            bits.set(checked(port, Integer.toString(port)));
        }
        return new PortSet(bits);
    }

    public static PortSet of(Iterable<Integer> ports) {
        BitSet bits = new BitSet(MAX_PORT + 1);
        for (int port : ports) {
            bits.set(checked(port, Integer.toString(port)));
        }
        return new PortSet(bits);
    }

    /** Ports {@code first..last} inclusive. */
    public static PortSet range(int first, int last) {
        PortRange range = new PortRange(first, last);
        BitSet bits = new BitSet(MAX_PORT + 1);
        bits.set(range.first(), range.last() + 1);
        return new PortSet(bits);
    }

    /** Reads "22,80,1000-1099" (empty text is the empty set); a bad token gives an exception naming it. */
    public static PortSet parse(String text) {
        BitSet bits = new BitSet(MAX_PORT + 1);
        if (text.isBlank()) {
            return NONE;
        }
        for (String token : text.split(",", -1)) {
            String t = token.strip();
            int dash = t.indexOf('-');
            if (dash < 0) {
                bits.set(number(t, t));
            } else {
                int first = number(t.substring(0, dash), t);
                int last = number(t.substring(dash + 1), t);
                if (first > last) {
                    throw new IllegalArgumentException("port range runs backwards: " + t);
                }
                bits.set(first, last + 1);
            }
        }
        return new PortSet(bits);
    }

    private static int number(String digits, String token) {
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not a port or port range: '" + token + "'");
        }
        return checked(Integer.parseInt(digits), token);
    }

    private static int checked(int port, String token) {
        if (port < 0 || port > MAX_PORT) {
            throw new IllegalArgumentException("port out of range 0-65535: " + token);
        }
        return port;
    }

    public boolean contains(int port) {
        return port >= 0 && bits.get(port);
    }

    public int size() {
        return bits.cardinality();
    }

    public boolean isEmpty() {
        return bits.isEmpty();
    }

    /** The ports in ascending order. */
    public IntStream stream() {
        return bits.stream();
    }

    public PortSet union(PortSet other) {
        BitSet b = (BitSet) bits.clone();
        b.or(other.bits);
        return new PortSet(b);
    }

    public PortSet intersection(PortSet other) {
        BitSet b = (BitSet) bits.clone();
        b.and(other.bits);
        return new PortSet(b);
    }

    public PortSet minus(PortSet other) {
        BitSet b = (BitSet) bits.clone();
        b.andNot(other.bits);
        return new PortSet(b);
    }

    /** The ports as maximal runs, ascending. */
    public List<PortRange> ranges() {
        List<PortRange> out = new ArrayList<>();
        int start = bits.nextSetBit(0);
        while (start >= 0) {
            int end = bits.nextClearBit(start) - 1;
            out.add(new PortRange(start, end));
            start = end == MAX_PORT ? -1 : bits.nextSetBit(end + 1);
        }
        return out;
    }

    /** "22,80,1000-1099"; {@link #parse} reads it back to an equal set. */
    @Override
    public String toString() {
        return ranges().stream().map(PortRange::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PortSet other && bits.equals(other.bits);
    }

    @Override
    public int hashCode() {
        return bits.hashCode();
    }
}
