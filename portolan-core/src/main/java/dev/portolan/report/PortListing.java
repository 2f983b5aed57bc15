package dev.portolan.report;

import dev.portolan.result.PortResult;
import dev.portolan.result.PortState;
import dev.portolan.result.Reason;
import dev.portolan.target.Protocol;
import java.util.List;

/**
 * The ports of one host as a report shows them: the listed rows and the collapsed ("Not shown", extraports) states.
 *
 * @param shown the ports listed one per row, sorted by protocol then number
 * @param ignored the collapsed states, largest first (nmap's order)
 * @param total every port of the host
 */
record PortListing(List<PortResult> shown, List<IgnoredState> ignored, int total) {

    PortListing {
        shown = List.copyOf(shown);
        ignored = List.copyOf(ignored);
    }

    /** True when ports were scanned but every one of them is collapsed. */
    boolean allIgnored() {
        return total > 0 && shown.isEmpty();
    }

    /**
     * One collapsed state, as nmap's {@code <extraports>}.
     *
     * @param reasons the ports of this state by reason and protocol, largest group first
     */
    record IgnoredState(PortState state, int count, List<ReasonGroup> reasons) {
        IgnoredState {
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * The collapsed ports of one state that share a reason and protocol, as nmap's {@code <extrareasons>}.
     *
     * @param ports the port numbers as a compact range list ("1-21,23-79")
     */
    record ReasonGroup(Reason reason, Protocol protocol, int count, String ports) {
    }
}
