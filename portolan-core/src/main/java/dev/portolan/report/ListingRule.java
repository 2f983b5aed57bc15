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
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** nmap's rules for which hosts a report lists and which of their ports it lists or collapses (one rule for all formats). */
final class ListingRule {
    /** nmap collapses a state holding more than this many ports, times (verbosity + 1). */
    static final int MAX_PER_STATE = 25;

    private static final Comparator<PortResult> PORT_ORDER =
            Comparator.comparing(PortResult::protocol).thenComparingInt(PortResult::port);

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

    /** The listed and collapsed ports of {@code host}. */
    PortListing ports(HostResult host) {
        Map<PortState, Integer> counts = new EnumMap<>(PortState.class);
        for (PortResult p : host.ports()) {
            counts.merge(p.state(), 1, Integer::sum);
        }
        boolean everyPort = host.answersEveryPort();
        List<PortResult> shown = new ArrayList<>();
        Map<PortState, List<PortResult>> collapsed = new EnumMap<>(PortState.class);
        for (PortResult p : host.ports()) {
            if (isIgnored(p.state(), counts.get(p.state()), everyPort)) {
                collapsed.computeIfAbsent(p.state(), s -> new ArrayList<>()).add(p);
            } else {
                shown.add(p);
            }
        }
        shown.sort(PORT_ORDER);
        List<IgnoredState> ignored = new ArrayList<>();
        for (Map.Entry<PortState, List<PortResult>> e : collapsed.entrySet()) {
            ignored.add(new IgnoredState(e.getKey(), e.getValue().size(), groups(e.getValue())));
        }
        // largest state first; on a tie nmap puts the lower state number first, which is our enum order
        ignored.sort(Comparator.comparingInt(IgnoredState::count).reversed()
                .thenComparing(IgnoredState::state));
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

    private static List<ReasonGroup> groups(List<PortResult> ports) {
        record Key(Reason reason, Protocol protocol) {
        }
        Map<Key, List<Integer>> byKey = new LinkedHashMap<>();
        for (PortResult p : ports) {
            byKey.computeIfAbsent(new Key(p.reason(), p.protocol()), k -> new ArrayList<>()).add(p.port());
        }
        List<ReasonGroup> groups = new ArrayList<>();
        for (Map.Entry<Key, List<Integer>> e : byKey.entrySet()) {
            List<Integer> numbers = e.getValue();
            groups.add(new ReasonGroup(e.getKey().reason(), e.getKey().protocol(), numbers.size(),
                    PortRanges.compact(numbers)));
        }
        groups.sort(Comparator.comparingInt(ReasonGroup::count).reversed()
                .thenComparing(ReasonGroup::protocol)
                .thenComparing(ReasonGroup::reason));
        return groups;
    }
}
