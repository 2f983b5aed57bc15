package dev.portolan.lab;

import dev.portolan.result.PortState;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The UDP side of a lab host: ports a {@link PortListener} answers on (it echoes each datagram back), ports whose
 * datagrams iptables DROPs, and ports it REJECTs with an ICMP administratively-prohibited; the kernel answers every
 * other port with a port-unreachable (rate-limited as on any Linux host).
 */
public record UdpPorts(PortSet listening, PortSet dropped, PortSet rejected) {
    public static final UdpPorts NONE = new UdpPorts(PortSet.none(), PortSet.none(), PortSet.none());

    public UdpPorts {
        Objects.requireNonNull(listening, "listening");
        Objects.requireNonNull(dropped, "dropped");
        Objects.requireNonNull(rejected, "rejected");
        if (listening.contains(0)) {
            throw new IllegalArgumentException("cannot listen on UDP port 0");
        }
        if (!listening.intersection(dropped).isEmpty() || !listening.intersection(rejected).isEmpty()
                || !dropped.intersection(rejected).isEmpty()) {
            throw new IllegalArgumentException("a UDP port is in two of listening, dropped and rejected");
        }
    }

    public boolean isEmpty() {
        return listening.isEmpty() && dropped.isEmpty() && rejected.isEmpty();
    }

    /** nmap's state for {@code port}: open, open|filtered (dropped), filtered (rejected) or closed. */
    public PortState stateOf(int port) {
        if (listening.contains(port)) {
            return PortState.OPEN;
        }
        if (dropped.contains(port)) {
            return PortState.OPEN_FILTERED;
        }
        return rejected.contains(port) ? PortState.FILTERED : PortState.CLOSED;
    }

    /** The expected state of each port in {@code scanned}, ascending. */
    public SortedMap<Integer, PortState> states(PortSet scanned) {
        SortedMap<Integer, PortState> out = new TreeMap<>();
        scanned.stream().forEach(p -> out.put(p, stateOf(p)));
        return out;
    }
}
