package dev.portolan.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portolan.report.PortListing.IgnoredState;
import dev.portolan.report.PortListing.ReasonGroup;
import dev.portolan.result.HostResult;
import dev.portolan.result.HostStatus;
import dev.portolan.result.PortResult;
import dev.portolan.result.PortState;
import dev.portolan.result.Reason;
import dev.portolan.target.Protocol;
import dev.portolan.target.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListingRuleTest {

    private static ListingRule rule(boolean open, int verbosity) {
        return new ListingRule(ReportFixtures.options(open, false, verbosity));
    }

    /** {@code count} ports of {@code state} starting at {@code first}. */
    private static List<PortResult> run(int first, int count, PortState state, Reason reason) {
        List<PortResult> ports = new ArrayList<>();
        for (int p = first; p < first + count; p++) {
            ports.add(new PortResult(Protocol.TCP, p, state, reason, 0, Optional.empty()));
        }
        return ports;
    }

    private static HostResult host(HostStatus status, List<PortResult> ports) {
        return new HostResult(Target.of(ReportFixtures.address("192.0.2.1")), status, Reason.ECHO_REPLY, List.of(),
                ports, ReportFixtures.START, ReportFixtures.START, Optional.empty(), false);
    }

    private static List<PortResult> concat(List<PortResult> a, List<PortResult> b) {
        List<PortResult> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void collapsesAStateAboveTwentyFivePorts() {
        PortListing at25 = rule(false, 0).ports(host(HostStatus.UP, run(1, 25, PortState.CLOSED, Reason.RESET)));
        PortListing at26 = rule(false, 0).ports(host(HostStatus.UP, run(1, 26, PortState.CLOSED, Reason.RESET)));
        assertThat(at25.shown()).hasSize(25);
        assertThat(at25.ignored()).isEmpty();
        assertThat(at26.shown()).isEmpty();
        assertThat(at26.allIgnored()).isTrue();
        assertThat(at26.ignored()).containsExactly(new IgnoredState(PortState.CLOSED, 26,
                List.of(new ReasonGroup(Reason.RESET, Protocol.TCP, 26, "1-26"))));
    }

    @Test
    void verbosityRaisesTheThresholdAsNmapDoes() {
        HostResult fifty = host(HostStatus.UP, run(1, 50, PortState.CLOSED, Reason.RESET));
        HostResult fiftyOne = host(HostStatus.UP, run(1, 51, PortState.CLOSED, Reason.RESET));
        assertThat(rule(false, 1).ports(fifty).shown()).hasSize(50);
        assertThat(rule(false, 1).ports(fiftyOne).shown()).isEmpty();
        assertThat(rule(false, 2).ports(host(HostStatus.UP, run(1, 75, PortState.FILTERED, Reason.NO_RESPONSE)))
                .shown()).hasSize(75);
    }

    @Test
    void openPortsAreNeverCollapsed() {
        PortListing l = rule(false, 0).ports(host(HostStatus.UP, run(1, 100, PortState.OPEN, Reason.SYN_ACK)));
        assertThat(l.shown()).hasSize(100);
        assertThat(l.ignored()).isEmpty();
    }

    @Test
    void openOnlyKeepsPortsThatMightBeOpen() {
        List<PortResult> ports = concat(concat(run(1, 2, PortState.CLOSED, Reason.RESET),
                        run(10, 1, PortState.OPEN_FILTERED, Reason.NO_RESPONSE)),
                concat(run(20, 1, PortState.UNFILTERED, Reason.RESET), run(30, 1, PortState.OPEN, Reason.SYN_ACK)));
        PortListing l = rule(true, 0).ports(host(HostStatus.UP, ports));
        assertThat(l.shown()).extracting(PortResult::port).containsExactly(10, 20, 30);
        assertThat(l.ignored()).extracting(IgnoredState::state).containsExactly(PortState.CLOSED);
    }

    @Test
    void openOnlyStillCollapsesManyOpenFilteredPortsUnlessVeryVerbose() {
        HostResult many = host(HostStatus.UP, run(1, 30, PortState.OPEN_FILTERED, Reason.NO_RESPONSE));
        assertThat(rule(true, 0).ports(many).shown()).isEmpty();
        assertThat(rule(false, 3).ports(host(HostStatus.UP, run(1, 500, PortState.OPEN_FILTERED, Reason.NO_RESPONSE)))
                .shown()).hasSize(500);
    }

    @Test
    void allPortsListsEveryPortButKeepsOpenOnly() {
        HostResult h = host(HostStatus.UP, concat(run(1, 900, PortState.CLOSED, Reason.RESET),
                run(901, 3, PortState.OPEN, Reason.SYN_ACK)));
        assertThat(new ListingRule(ReportFixtures.options(false, false, 0).withAllPorts(true)).ports(h).shown())
                .hasSize(903);
        assertThat(new ListingRule(ReportFixtures.options(true, false, 0).withAllPorts(true)).ports(h).shown())
                .hasSize(3);
    }

    @Test
    void collapsedStatesComeLargestFirstAndTiesInNmapStateOrder() {
        List<PortResult> ports = concat(concat(run(1, 30, PortState.FILTERED, Reason.NO_RESPONSE),
                        run(100, 30, PortState.CLOSED, Reason.RESET)),
                run(200, 40, PortState.CLOSED_FILTERED, Reason.NO_RESPONSE));
        assertThat(rule(false, 0).ports(host(HostStatus.UP, ports)).ignored()).extracting(IgnoredState::state)
                .containsExactly(PortState.CLOSED_FILTERED, PortState.CLOSED, PortState.FILTERED);
    }

    @Test
    void reasonsWithinAStateAreGroupedLargestFirstWithCompactRanges() {
        List<PortResult> ports = new ArrayList<>(run(1, 20, PortState.FILTERED, Reason.NO_RESPONSE));
        ports.addAll(run(21, 3, PortState.FILTERED, Reason.HOST_UNREACH));
        ports.addAll(run(24, 10, PortState.FILTERED, Reason.NO_RESPONSE));
        ports.add(new PortResult(Protocol.UDP, 53, PortState.FILTERED, Reason.NO_RESPONSE, 0, Optional.empty()));
        IgnoredState state = rule(false, 0).ports(host(HostStatus.UP, ports)).ignored().getFirst();
        assertThat(state.count()).isEqualTo(34);
        assertThat(state.reasons()).containsExactly(
                new ReasonGroup(Reason.NO_RESPONSE, Protocol.TCP, 30, "1-20,24-33"),
                new ReasonGroup(Reason.HOST_UNREACH, Protocol.TCP, 3, "21-23"),
                new ReasonGroup(Reason.NO_RESPONSE, Protocol.UDP, 1, "53"));
    }

    @Test
    void downHostsAreListedOnlyWithVerbosityAndNeverWithOpen() {
        HostResult down = host(HostStatus.DOWN, List.of());
        assertThat(rule(false, 0).listsHost(down)).isFalse();
        assertThat(rule(false, 1).listsHost(down)).isTrue();
        assertThat(rule(true, 2).listsHost(down)).isFalse();
    }

    @Test
    void openHidesHostsWithoutAPortThatMightBeOpen() {
        HostResult closedOnly = host(HostStatus.UP, run(1, 5, PortState.CLOSED, Reason.RESET));
        HostResult withUnfiltered = host(HostStatus.UP, run(1, 5, PortState.UNFILTERED, Reason.RESET));
        assertThat(rule(false, 0).listsHost(closedOnly)).isTrue();
        assertThat(rule(true, 0).listsHost(closedOnly)).isFalse();
        assertThat(rule(true, 0).listsHost(withUnfiltered)).isTrue();
    }

    @Test
    void portRangesAreCompact() {
        assertThat(PortRanges.compact(List.of(5, 1, 2, 3, 7, 8, 10))).isEqualTo("1-3,5,7-8,10");
        assertThat(PortRanges.compact(List.of(65535))).isEqualTo("65535");
        assertThat(PortRanges.compact(List.of())).isEmpty();
        assertThat(PortRanges.compact(List.of(9, 5, 5, 6, 9, 1))).as("duplicates").isEqualTo("1,5-6,9");
        int[] numbers = {8, 3, 4, 99, 100};
        assertThat(PortRanges.compact(numbers, 3)).isEqualTo("3-4,8");
        assertThat(numbers).as("left as it was").containsExactly(8, 3, 4, 99, 100);
    }

    /**
     * Mixed states, reasons and protocols in random order, against the rule written plainly: every collapsed state
     * with its count, and its ports by reason and protocol with nmap's order of groups.
     */
    @Test
    void collapsedGroupsMatchAPlainModelOnRandomHosts() {
        java.util.Random random = new java.util.Random(11);
        PortState[] states = {PortState.CLOSED, PortState.FILTERED, PortState.OPEN, PortState.OPEN_FILTERED};
        Reason[] reasons = {Reason.RESET, Reason.NO_RESPONSE, Reason.PORT_UNREACH, Reason.SYN_ACK};
        for (int round = 0; round < 50; round++) {
            List<PortResult> ports = new ArrayList<>();
            int n = random.nextInt(3000);
            for (int i = 0; i < n; i++) {
                ports.add(new PortResult(random.nextInt(4) == 0 ? Protocol.UDP : Protocol.TCP,
                        1 + random.nextInt(65535), states[random.nextInt(random.nextInt(4) + 1)],
                        reasons[random.nextInt(random.nextInt(4) + 1)], 0, Optional.empty()));
            }
            int verbosity = random.nextInt(3);
            PortListing listing = rule(false, verbosity).ports(host(HostStatus.UP, ports));

            List<IgnoredState> expected = new ArrayList<>();
            for (PortState state : PortState.values()) {
                List<PortResult> of = ports.stream().filter(p -> p.state() == state).toList();
                if (of.size() > ListingRule.MAX_PER_STATE * (verbosity + 1) && state != PortState.OPEN) {
                    java.util.Map<List<Object>, List<Integer>> byKey = new java.util.LinkedHashMap<>();
                    for (PortResult p : of) {
                        byKey.computeIfAbsent(List.of(p.reason(), p.protocol()), k -> new ArrayList<>()).add(p.port());
                    }
                    List<ReasonGroup> groups = new ArrayList<>();
                    byKey.forEach((k, v) -> groups.add(new ReasonGroup((Reason) k.get(0), (Protocol) k.get(1),
                            v.size(), PortRanges.compact(v))));
                    groups.sort(java.util.Comparator.comparingInt(ReasonGroup::count).reversed()
                            .thenComparing(ReasonGroup::protocol).thenComparing(ReasonGroup::reason));
                    expected.add(new IgnoredState(state, of.size(), groups));
                }
            }
            expected.sort(java.util.Comparator.comparingInt(IgnoredState::count).reversed()
                    .thenComparing(IgnoredState::state));
            assertThat(listing.ignored()).as("round %d", round).isEqualTo(expected);
            assertThat(listing.shown().size() + expected.stream().mapToInt(IgnoredState::count).sum())
                    .isEqualTo(ports.size());
        }
    }
}
