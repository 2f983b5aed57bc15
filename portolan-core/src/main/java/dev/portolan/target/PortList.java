package dev.portolan.target;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The ports to scan, per protocol, each once and sorted. (Placeholder body: the parser issue adds parse.)
 */
public final class PortList {
    private final Map<Protocol, int[]> ports;

    private PortList(Map<Protocol, int[]> ports) {
        this.ports = ports;
    }

    public static PortList of(Protocol protocol, int... ports) {
        Map<Protocol, int[]> m = new EnumMap<>(Protocol.class);
        m.put(protocol, Arrays.stream(ports).distinct().sorted().toArray());
        return new PortList(m);
    }

    /** All ports of all protocols. */
    public int size() {
        return ports.values().stream().mapToInt(a -> a.length).sum();
    }

    /** The ports of {@code protocol}, ascending; empty when none. */
    public int[] ports(Protocol protocol) {
        int[] p = ports.get(protocol);
        return p == null ? new int[0] : p.clone();
    }

    public Set<Protocol> protocols() {
        return ports.keySet();
    }
}
