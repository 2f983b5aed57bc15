package dev.portolan.lab;

import dev.portolan.result.PortState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The TCP state every port of a lab host must have: open where something listens, filtered where iptables drops
 * or rejects, closed everywhere else.
 */
public record GroundTruth(PortSet open, PortSet filtered) {

    public GroundTruth {
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(filtered, "filtered");
        if (!open.intersection(filtered).isEmpty()) {
            throw new IllegalArgumentException("ports both open and filtered: " + open.intersection(filtered));
        }
    }

    public PortState stateOf(int port) {
        if (port < 0 || port > PortSet.MAX_PORT) {
            throw new IllegalArgumentException("port out of range 0-65535: " + port);
        }
        if (open.contains(port)) {
            return PortState.OPEN;
        }
        return filtered.contains(port) ? PortState.FILTERED : PortState.CLOSED;
    }

    /** The expected state of each port in {@code scanned}, ascending. */
    public SortedMap<Integer, PortState> states(PortSet scanned) {
        SortedMap<Integer, PortState> out = new TreeMap<>();
        scanned.stream().forEach(p -> out.put(p, stateOf(p)));
        return out;
    }

    /**
     * One port whose observed state is not the declared one; {@code actual} is null when the scan omitted it,
     * {@code expected} is null when the scan reported a port it was not asked to scan.
     */
    public record Mismatch(int port, PortState expected, PortState actual) {
        @Override
        public String toString() {
            return port + ": expected " + (expected == null ? "not scanned" : expected)
                    + ", got " + (actual == null ? "nothing" : actual);
        }
    }

    /**
     * Every port of {@code scanned} whose state in {@code observed} differs from the truth, plus every observed port
     * outside {@code scanned}; empty when the scan got everything exactly right.
     */
    public List<Mismatch> mismatches(PortSet scanned, Map<Integer, PortState> observed) {
        List<Mismatch> out = new ArrayList<>();
        scanned.stream().forEach(p -> {
            PortState actual = observed.get(p);
            if (actual != stateOf(p)) {
                out.add(new Mismatch(p, stateOf(p), actual));
            }
        });
        observed.keySet().stream().filter(p -> !scanned.contains(p)).sorted()
                .forEach(p -> out.add(new Mismatch(p, null, observed.get(p))));
        return out;
    }

    /** How many of the truly open ports {@code observed} reports open. */
    public int openFound(Map<Integer, PortState> observed) {
        return (int) open.stream().filter(p -> observed.get(p) == PortState.OPEN).count();
    }
}
