package dev.portolan.target;

import dev.portolan.service.PortGroups;
import dev.portolan.service.PortRanking;
import dev.portolan.service.ServiceEntry;
import dev.portolan.service.ServiceNames;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The ports to scan, per protocol, each once and sorted. {@link #parse} reads nmap's -p syntax; its
 * {@link #toString()} writes it back ("T:1-1000,8080,U:53").
 */
public final class PortList {
    private static final int MAX_PORT = 65535;

    private final Map<Protocol, int[]> ports; // only protocols with ports; each array sorted, distinct

    private PortList(Map<Protocol, int[]> ports) {
        this.ports = ports;
    }

    /** The given ports of one protocol; each must be 0..65535. */
    public static PortList of(Protocol protocol, int... ports) {
        Objects.requireNonNull(protocol, "protocol");
        BitSet bits = new BitSet(MAX_PORT + 1);
        for (int p : ports) {
            if (p < 0 || p > MAX_PORT) {
                throw new PortSpecException(String.valueOf(p), "ports are 0 to 65535");
            }
            bits.set(p);
        }
        Map<Protocol, BitSet> m = new EnumMap<>(Protocol.class);
        m.put(protocol, bits);
        return fromBits(m);
    }

    /** No ports at all. */
    public static PortList empty() {
        return new PortList(new EnumMap<>(Protocol.class));
    }

    /** Parses nmap's -p syntax where ports without a T:, U: or S: qualifier are TCP. */
    public static PortList parse(String spec, ServiceNames names) {
        return parse(spec, names, EnumSet.of(Protocol.TCP));
    }

    /**
     * Parses nmap's -p syntax: a comma-separated list of ports ("22"), ranges ("1000-2000", "-1024" from 1,
     * "60000-" to 65535, "-" alone for 1-65535; port 0 only when written), service names and wildcards ("http",
     * "http*"), and named groups ("@web"). "T:", "U:" and "S:" set the protocol of everything after them until the
     * next qualifier; before the first one, ports belong to every protocol in {@code unqualified} (nmap gives
     * them to every protocol being scanned) and a group brings its own protocols.
     *
     * @throws PortSpecException naming the offending item: out of range, reversed, unknown name or group, empty
     */
    public static PortList parse(String spec, ServiceNames names, Set<Protocol> unqualified) {
        Objects.requireNonNull(names, "names");
        if (spec == null || spec.isBlank()) {
            throw new PortSpecException(spec == null ? "" : spec, "no ports given");
        }
        if (unqualified.isEmpty()) {
            throw new IllegalArgumentException("unqualified ports need at least one protocol");
        }
        Map<Protocol, BitSet> bits = new EnumMap<>(Protocol.class);
        Set<Protocol> current = EnumSet.copyOf(unqualified);
        boolean qualified = false;
        for (String raw : spec.split(",", -1)) {
            String item = raw.strip();
            if (item.length() >= 2 && item.charAt(1) == ':') {
                current = EnumSet.of(qualifier(raw, item.charAt(0)));
                qualified = true;
                item = item.substring(2).strip();
            }
            if (item.isEmpty()) {
                throw new PortSpecException(raw.isBlank() ? spec : raw, "empty entry in the port list");
            }
            if (item.startsWith("@")) {
                addGroup(bits, raw, item.substring(1), qualified ? current : null);
            } else if (item.startsWith("[")) {
                throw new PortSpecException(raw, "nmap's [ranges] of registered ports are not supported");
            } else if (item.chars().allMatch(c -> c == '-' || (c >= '0' && c <= '9'))) {
                addRange(bits, raw, item, current);
            } else {
                addNames(bits, raw, item, current, names);
            }
        }
        return fromBits(bits);
    }

    /**
     * The {@code n} most commonly open ports of {@code protocol} from Portolan's ranking (--top-ports n;
     * -F is 100); n above the ranking's length continues with the other ports ascending, up to all 65535.
     */
    public static PortList top(int n, Protocol protocol) {
        if (n < 1) {
            throw new PortSpecException(String.valueOf(n), "the number of top ports must be at least 1");
        }
        return of(protocol, PortRanking.builtin().top(protocol, n));
    }

    /** The ports of both lists. */
    public PortList union(PortList other) {
        Map<Protocol, BitSet> m = bits();
        other.bits().forEach((p, b) -> m.computeIfAbsent(p, x -> new BitSet()).or(b));
        return fromBits(m);
    }

    /** The ports of this list that are not in {@code other} (--exclude-ports); may be empty. */
    public PortList exclude(PortList other) {
        Map<Protocol, BitSet> m = bits();
        other.bits().forEach((p, b) -> {
            if (m.containsKey(p)) {
                m.get(p).andNot(b);
            }
        });
        return fromBits(m);
    }

    /** All ports of all protocols. */
    public int size() {
        return ports.values().stream().mapToInt(a -> a.length).sum();
    }

    /** How many ports of {@code protocol}. */
    public int count(Protocol protocol) {
        int[] p = ports.get(protocol);
        return p == null ? 0 : p.length;
    }

    public boolean isEmpty() {
        return ports.isEmpty();
    }

    /** The ports of {@code protocol}, ascending; empty when none. */
    public int[] ports(Protocol protocol) {
        int[] p = ports.get(protocol);
        return p == null ? new int[0] : p.clone();
    }

    /** The protocols that have at least one port, in tcp, udp, sctp order. */
    public Set<Protocol> protocols() {
        return Collections.unmodifiableSet(ports.keySet());
    }

    public boolean contains(Protocol protocol, int port) {
        int[] p = ports.get(protocol);
        return p != null && Arrays.binarySearch(p, port) >= 0;
    }

    /** The ports of {@code protocol} with runs folded into ranges, as nmap prints them: "1-1000,8080". */
    public String compact(Protocol protocol) {
        int[] p = ports.get(protocol);
        if (p == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < p.length; i++) {
            int j = i;
            while (j + 1 < p.length && p[j + 1] == p[j] + 1) {
                j++;
            }
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(p[i]);
            if (j > i) {
                sb.append('-').append(p[j]);
            }
            i = j;
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PortList other) || !ports.keySet().equals(other.ports.keySet())) {
            return false;
        }
        return ports.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), other.ports.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return ports.entrySet().stream().mapToInt(e -> e.getKey().hashCode() ^ Arrays.hashCode(e.getValue())).sum();
    }

    /** The list in -p syntax with a qualifier per protocol, which {@link #parse} reads back: "T:22,80,U:53". */
    @Override
    public String toString() {
        return ports.keySet().stream().map(p -> qualifierLetter(p) + ":" + compact(p))
                .collect(Collectors.joining(","));
    }

    private static Protocol qualifier(String raw, char letter) {
        return switch (Character.toUpperCase(letter)) {
            case 'T' -> Protocol.TCP;
            case 'U' -> Protocol.UDP;
            case 'S' -> Protocol.SCTP;
            case 'P' -> throw new PortSpecException(raw, "IP protocol scans (P:) are not supported");
            default -> throw new PortSpecException(raw, "unknown protocol qualifier " + letter
                    + ": (use T:, U: or S:)");
        };
    }

    private static char qualifierLetter(Protocol p) {
        return switch (p) {
            case TCP -> 'T';
            case UDP -> 'U';
            case SCTP -> 'S';
        };
    }

    private static void addRange(Map<Protocol, BitSet> bits, String raw, String item, Set<Protocol> protocols) {
        int dash = item.indexOf('-');
        if (dash >= 0 && item.indexOf('-', dash + 1) >= 0) {
            throw new PortSpecException(raw, "a range has one dash");
        }
        int from;
        int to;
        if (dash < 0) {
            from = number(raw, item);
            to = from;
        } else {
            from = dash == 0 ? 1 : number(raw, item.substring(0, dash));
            to = dash == item.length() - 1 ? MAX_PORT : number(raw, item.substring(dash + 1));
        }
        if (from > to) {
            throw new PortSpecException(raw, "the range runs backwards");
        }
        for (Protocol p : protocols) {
            bits.computeIfAbsent(p, x -> new BitSet(MAX_PORT + 1)).set(from, to + 1);
        }
    }

    private static int number(String raw, String digits) {
        if (digits.length() > 5 || Integer.parseInt(digits) > MAX_PORT) {
            throw new PortSpecException(raw, "ports are 0 to 65535");
        }
        return Integer.parseInt(digits);
    }

    private static void addNames(Map<Protocol, BitSet> bits, String raw, String pattern, Set<Protocol> protocols,
                                 ServiceNames names) {
        boolean found = false;
        for (Protocol p : protocols) {
            for (ServiceEntry e : names.matching(p, pattern)) {
                bits.computeIfAbsent(p, x -> new BitSet(MAX_PORT + 1)).set(e.port());
                found = true;
            }
        }
        if (!found) {
            String on = protocols.stream().map(Protocol::label).collect(Collectors.joining(" or "));
            throw new PortSpecException(raw, pattern.contains("*") || pattern.contains("?")
                    ? "matches no known " + on + " service name"
                    : "not a port number or a known " + on + " service name");
        }
    }

    /** A group brings its own protocols, or only those of the qualifier in force ({@code only} non-null). */
    private static void addGroup(Map<Protocol, BitSet> bits, String raw, String name, Set<Protocol> only) {
        PortList group = PortGroups.builtin().group(name).orElseThrow(() -> new PortSpecException(raw,
                "no such port group; the groups are " + PortGroups.builtin().names().stream().map(n -> "@" + n)
                        .collect(Collectors.joining(" "))))
                .ports();
        boolean found = false;
        for (var e : group.bits().entrySet()) {
            if (only == null || only.contains(e.getKey())) {
                bits.computeIfAbsent(e.getKey(), x -> new BitSet(MAX_PORT + 1)).or(e.getValue());
                found = true;
            }
        }
        if (!found) {
            throw new PortSpecException(raw, "the group has no " + only.iterator().next().label() + " ports");
        }
    }

    private Map<Protocol, BitSet> bits() {
        Map<Protocol, BitSet> m = new EnumMap<>(Protocol.class);
        ports.forEach((p, a) -> {
            BitSet b = new BitSet(MAX_PORT + 1);
            for (int port : a) {
                b.set(port);
            }
            m.put(p, b);
        });
        return m;
    }

    private static PortList fromBits(Map<Protocol, BitSet> bits) {
        Map<Protocol, int[]> m = new EnumMap<>(Protocol.class);
        bits.forEach((p, b) -> {
            if (!b.isEmpty()) {
                m.put(p, b.stream().toArray());
            }
        });
        return new PortList(m);
    }
}
