package dev.portolan.lab;

import dev.portolan.result.PortState;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The state and reason nmap's rules give each kind of lab port for one raw TCP technique, against a Linux target
 * (which answers every unfiltered segment without SYN by a RST with a zero window, and ACK-carrying ones to a
 * listening port too).
 *
 * @param listening what a listening port is
 * @param closed what a port nobody listens on is
 * @param dropped what a port whose packets iptables drops is
 * @param rejected what a port iptables rejects with ICMP admin-prohibited is
 */
record TechniqueTruth(Port listening, Port closed, Port dropped, Port rejected) {
    /** A port's state and the reason nmap gives for it. */
    record Port(PortState state, String reason) {
        @Override
        public String toString() {
            return state.label() + " " + reason;
        }
    }

    private static final Port FILTERED_SILENT = new Port(PortState.FILTERED, "no-response");
    private static final Port PROHIBITED = new Port(PortState.FILTERED, "admin-prohibited");
    private static final Port OPEN_FILTERED = new Port(PortState.OPEN_FILTERED, "no-response");
    private static final Port RESET_CLOSED = new Port(PortState.CLOSED, "reset");
    private static final Port UNFILTERED = new Port(PortState.UNFILTERED, "reset");

    static final TechniqueTruth SYN = new TechniqueTruth(new Port(PortState.OPEN, "syn-ack"), RESET_CLOSED,
            FILTERED_SILENT, PROHIBITED);
    static final TechniqueTruth ACK = new TechniqueTruth(UNFILTERED, UNFILTERED, FILTERED_SILENT, PROHIBITED);
    /** Linux's RSTs carry a zero window, so nmap calls every answering port closed. */
    static final TechniqueTruth WINDOW = new TechniqueTruth(RESET_CLOSED, RESET_CLOSED, FILTERED_SILENT, PROHIBITED);
    /** FIN, NULL, Xmas: a listening port keeps silent. */
    static final TechniqueTruth SILENT_OPEN = new TechniqueTruth(OPEN_FILTERED, RESET_CLOSED, OPEN_FILTERED,
            PROHIBITED);
    /** FIN/ACK carries ACK, so Linux resets it at a listening port too (the BSD quirk Maimon found is not here). */
    static final TechniqueTruth MAIMON = new TechniqueTruth(RESET_CLOSED, RESET_CLOSED, OPEN_FILTERED, PROHIBITED);

    Port of(LabHost host, int port) {
        if (host.listening().contains(port)) {
            return listening;
        }
        if (host.dropped().contains(port)) {
            return dropped;
        }
        return host.rejected().contains(port) ? rejected : closed;
    }

    /** Every port of {@code scanned} on {@code host}, ascending. */
    SortedMap<Integer, Port> of(LabHost host, PortSet scanned) {
        SortedMap<Integer, Port> out = new TreeMap<>();
        scanned.stream().forEach(p -> out.put(p, of(host, p)));
        return out;
    }

    /** The states alone, to compare with a report. */
    SortedMap<Integer, PortState> states(LabHost host, PortSet scanned) {
        SortedMap<Integer, PortState> out = new TreeMap<>();
        of(host, scanned).forEach((p, v) -> out.put(p, v.state()));
        return out;
    }

    /** The ports whose state or reason in {@code seen} differs from this truth, as lines. */
    java.util.List<String> mismatches(LabHost host, PortSet scanned, Map<Integer, PortolanJson.Port> seen) {
        java.util.List<String> out = new java.util.ArrayList<>();
        of(host, scanned).forEach((p, want) -> {
            PortolanJson.Port got = seen.get(p);
            if (got == null || got.state() != want.state() || !got.reason().equals(want.reason())) {
                out.add(p + ": expected " + want + ", got " + (got == null ? "nothing" : got.state().label() + " "
                        + got.reason()));
            }
        });
        seen.keySet().stream().filter(p -> !scanned.contains(p)).forEach(p -> out.add(p + ": not scanned"));
        return out;
    }
}
