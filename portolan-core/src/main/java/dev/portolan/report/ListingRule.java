package dev.portolan.report;

import dev.portolan.report.PortListing.IgnoredState;
import dev.portolan.report.PortListing.ReasonGroup;
import dev.portolan.result.HostResult;
import dev.portolan.result.HostStatus;
import dev.portolan.result.PortResult;
import dev.portolan.result.PortState;
import dev.portolan.result.Reason;
import dev.portolan.target.Protocol;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** nmap's rules for which hosts a report lists and which of their ports it lists or collapses (one rule for all formats). */
final class ListingRule {
    /** nmap collapses a state holding more than this many ports, times (verbosity + 1). */
    static final int MAX_PER_STATE = 25;

    private static final Comparator<PortResult> PORT_ORDER = PortResult.ORDER;

    private static final PortState[] STATES = PortState.values();

    private final ReportOptions options;

    ListingRule(ReportOptions options) {
        this.options = options;
    }

    /**
     * Whether a report lists the host at all: down hosts only with {@code -v} and never with {@code --open};
     * with {@code --open} only hosts that have a port that may be open.
     */
    boolean listsHost(HostResult host) {
        if (host.status() == HostStatus.DOWN) {
            return options.verbosity() >= 1 && !options.openOnly();
        }
        return !options.openOnly() || host.ports().stream().anyMatch(p -> mayBeOpen(p.state()));
    }

    /**
     * The listed and collapsed ports of {@code host}. A -p- scan's host has 65 536 ports and every report asks for
     * them at the end of the scan, so each port costs a few array operations here: no boxing, no map.
     */
    PortListing ports(HostResult host) {
        List<PortResult> all = host.ports();
        int[] counts = new int[STATES.length];
        for (PortResult p : all) {
            counts[p.state().ordinal()]++;
        }
        boolean everyPort = host.answersEveryPort();
        boolean[] collapse = new boolean[STATES.length];
        for (PortState s : STATES) {
            collapse[s.ordinal()] = isIgnored(s, counts[s.ordinal()], everyPort);
        }
        List<PortResult> shown = new ArrayList<>();
        Groups[] collapsed = new Groups[STATES.length];
        for (PortResult p : all) {
            int s = p.state().ordinal();
            if (collapse[s]) {
                (collapsed[s] == null ? collapsed[s] = new Groups() : collapsed[s]).add(p);
            } else {
                shown.add(p);
            }
        }
        shown.sort(PORT_ORDER);
        List<IgnoredState> ignored = new ArrayList<>();
        for (PortState s : STATES) {
            if (collapsed[s.ordinal()] != null) {
                ignored.add(new IgnoredState(s, counts[s.ordinal()], collapsed[s.ordinal()].groups()));
            }
        }
        // largest state first; on a tie nmap puts the lower state number first, which is our enum order
        // (written out: see PortResult.ORDER)
        ignored.sort((a, b) -> a.count() != b.count() ? Integer.compare(b.count(), a.count())
                : a.state().compareTo(b.state()));
        return new PortListing(shown, ignored, host.ports().size());
    }

    /**
     * Whether ports in {@code state} are collapsed when the host has {@code count} of them; open ports only on a host
     * that {@linkplain HostResult#answersEveryPort() answers on every port}.
     */
    boolean isIgnored(PortState state, int count, boolean everyPort) {
        if (count == 0) {
            return false;
        }
        if (state == PortState.OPEN) {
            return everyPort && !options.allPorts();
        }
        if (state == PortState.OPEN_FILTERED && options.verbosity() > 2) {
            return false;
        }
        if (options.openOnly() && !mayBeOpen(state)) {
            return true;
        }
        if (options.allPorts()) {
            return false;
        }
        return count > (long) MAX_PER_STATE * (options.verbosity() + 1L);
    }

    /** nmap's "ports that might be open", the ones {@code --open} keeps. */
    static boolean mayBeOpen(PortState state) {
        return state == PortState.OPEN || state == PortState.OPEN_FILTERED || state == PortState.UNFILTERED;
    }

    /** The collapsed ports of one state by reason and protocol, in the order each pair first came. */
    private static final class Groups {
        private Reason[] reasons = new Reason[2];
        private Protocol[] protocols = new Protocol[2];
        private int[][] numbers = new int[2][];
        private int[] sizes = new int[2];
        private int count;
        /** The group the last port went to: a state's ports mostly share one reason. */
        private int last;

        void add(PortResult p) {
            int g = last < count && reasons[last] == p.reason() && protocols[last] == p.protocol()
                    ? last : find(p.reason(), p.protocol());
            if (sizes[g] == numbers[g].length) {
                numbers[g] = Arrays.copyOf(numbers[g], numbers[g].length * 2);
            }
            numbers[g][sizes[g]++] = p.port();
            last = g;
        }

        private int find(Reason reason, Protocol protocol) {
            for (int g = 0; g < count; g++) {
                if (reasons[g] == reason && protocols[g] == protocol) {
                    return g;
                }
            }
            if (count == reasons.length) {
                reasons = Arrays.copyOf(reasons, count * 2);
                protocols = Arrays.copyOf(protocols, count * 2);
                numbers = Arrays.copyOf(numbers, count * 2);
                sizes = Arrays.copyOf(sizes, count * 2);
            }
            reasons[count] = reason;
            protocols[count] = protocol;
            numbers[count] = new int[16];
            return count++;
        }

        /** Largest first; ties by protocol, then reason, then first come. */
        List<ReasonGroup> groups() {
            List<ReasonGroup> groups = new ArrayList<>(count);
            for (int g = 0; g < count; g++) {
                groups.add(new ReasonGroup(reasons[g], protocols[g], sizes[g], PortRanges.compact(numbers[g],
                        sizes[g])));
            }
            groups.sort((a, b) -> a.count() != b.count() ? Integer.compare(b.count(), a.count())
                    : a.protocol() != b.protocol() ? a.protocol().compareTo(b.protocol())
                    : a.reason().compareTo(b.reason()));
            return groups;
        }
    }
}
