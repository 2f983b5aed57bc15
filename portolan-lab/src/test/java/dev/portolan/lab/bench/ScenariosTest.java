package dev.portolan.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portolan.lab.PortSet;
import dev.portolan.result.PortState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenariosTest {

    @Test
    void connectScenarioIsIssueTwosHost() {
        Scenario s = Scenarios.connect();
        assertThat(s.scanned()).isEqualTo(PortSet.range(1, 65535));
        assertThat(s.portArgs()).containsExactly("-p-");
        assertThat(s.host().listening().size()).isEqualTo(36);
        assertThat(s.host().dropped().size()).isEqualTo(1000);
        assertThat(s.host().listening().contains(1)).isTrue();
        assertThat(s.host().listening().contains(65535)).isTrue();
        assertThat(s.host().listening().contains(443)).isTrue();
        // spread over the range: open and filtered ports in every quarter of it
        for (int q = 0; q < 4; q++) {
            PortSet quarter = PortSet.range(q * 16384 + 1, q * 16384 + 16383);
            assertThat(s.host().listening().intersection(quarter).isEmpty()).isFalse();
            assertThat(s.host().dropped().intersection(quarter).size()).isGreaterThan(150);
        }
        assertThat(s.host().truth().states(s.scanned()).values().stream().filter(st -> st == PortState.CLOSED)
                .count()).isEqualTo(65535 - 36 - 1000);
    }

    @Test
    void scenariosAreTheSameEveryRun() {
        assertThat(Scenarios.connect().host()).isEqualTo(Scenarios.connect().host());
        assertThat(Scenarios.connectSmall().host()).isEqualTo(Scenarios.connectSmall().host());
        assertThat(Scenarios.connectSmall().host().listening().size()).isEqualTo(7);
        assertThat(Scenarios.connectSmall().host().dropped().size()).isEqualTo(20);
    }

    @Test
    void templatesAreFilledTokenByToken() {
        Map<String, List<String>> values = Map.of("technique", List.of("-sS"), "ports", List.of("-p", "1-2000"),
                "target", List.of("198.51.100.2"), "xml", List.of("/tmp/a.xml"), "interface", List.of());
        assertThat(ToolRunner.fill("scan {technique} {ports} -Pn {interface} {target} -oX {xml}", values))
                .containsExactly("scan", "-sS", "-p", "1-2000", "-Pn", "198.51.100.2", "-oX", "/tmp/a.xml");
        assertThatThrownBy(() -> ToolRunner.fill("scan {ports}", values))
                .isInstanceOf(BenchUsageException.class)
                .hasMessage("argument template needs {target} and {xml}: scan {ports}");
        assertThatThrownBy(() -> ToolRunner.fill("scan {speed} {target} {xml}", values))
                .isInstanceOf(BenchUsageException.class)
                .hasMessage("unknown placeholder {speed} in: scan {speed} {target} {xml}");
    }

    @Test
    void synScenarioScansTheConnectHostWithMasscanBeside() {
        Scenario syn = Scenarios.syn();
        assertThat(syn.technique()).isEqualTo("-sS");
        assertThat(syn.masscanPorts()).contains("0-65535");
        assertThat(syn.host().listening()).isEqualTo(Scenarios.connect().host().listening());
        assertThat(syn.host().dropped()).isEqualTo(Scenarios.connect().host().dropped());
        assertThat(syn.scanned()).isEqualTo(PortSet.range(1, 65535));
        assertThat(Scenarios.connect().technique()).isEqualTo("-sT");
        assertThat(Scenarios.connect().masscanPorts()).isEmpty();
    }

    @Test
    void udpScenarioScansTwoHundredPortsOfWhichMostAreClosed() {
        UdpScenario udp = Scenarios.udp();
        assertThat(udp.ports()).isEqualTo(PortSet.range(1, 200));
        assertThat(udp.sources()).isEqualTo(8);
        java.util.Map<dev.portolan.result.PortState, Long> states = udp.ports().stream().boxed()
                .collect(java.util.stream.Collectors.groupingBy(p -> udp.hosts().getFirst().udp().stateOf(p),
                        java.util.stream.Collectors.counting()));
        assertThat(states).containsEntry(dev.portolan.result.PortState.OPEN, 4L)
                .containsEntry(dev.portolan.result.PortState.OPEN_FILTERED, 3L)
                .containsEntry(dev.portolan.result.PortState.FILTERED, 2L)
                .containsEntry(dev.portolan.result.PortState.CLOSED, 191L);
        assertThatThrownBy(() -> new UdpScenario("x", "", udp.hosts(), udp.ports(), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UdpScenario("x", "", List.of(), udp.ports(), 8))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void udpHostsScenarioScansTheTopHundredOnSixteenHostsThatDifferInTheirDroppedAndRejectedPorts() {
        UdpScenario udp = Scenarios.udpHosts();
        assertThat(udp.hosts()).hasSize(16);
        assertThat(udp.ports().size()).isEqualTo(100);
        assertThat(udp.pairs()).isEqualTo(1600);
        java.util.Set<String> droppedSets = new java.util.HashSet<>();
        for (dev.portolan.lab.LabHost h : udp.hosts()) {
            dev.portolan.lab.UdpPorts u = h.udp();
            assertThat(u.listening().intersection(udp.ports())).isEqualTo(u.listening());
            assertThat(u.dropped().size()).isEqualTo(2);
            assertThat(u.rejected().size()).isEqualTo(1);
            assertThat(u.dropped().union(u.rejected()).intersection(udp.ports()).size()).isEqualTo(3);
            assertThat(u.listening().intersection(u.dropped().union(u.rejected())).isEmpty()).isTrue();
            assertThat(u.listening().contains(53) && u.listening().contains(123) && u.listening().contains(161))
                    .isTrue();
            droppedSets.add(u.dropped().toString());
        }
        assertThat(droppedSets).hasSize(16);
        assertThat(udp.hosts().stream().map(dev.portolan.lab.LabHost::name).distinct().count()).isEqualTo(16);
    }

    @Test
    void sweepScenarioCoversASlash18AndTheWholeSlash15OnOneOpenPort() {
        SweepScenario sweep = Scenarios.sweep();
        assertThat(sweep.ranges()).containsExactly("198.18.0.0/18", "198.18.0.0/15");
        assertThat(sweep.port()).isEqualTo(80);
        assertThat(sweep.host().listening()).isEqualTo(PortSet.of(80));
        assertThat(sweep.host().sweepRanges()).containsExactly("198.18.0.0/15");
        assertThat(sweep.host().sweepAddresses()).isEqualTo(131_072);
        assertThat(Scenarios.all().keySet()).containsExactly("connect", "connect-small", "syn", "sweep", "service",
                "discover", "udp", "udp-hosts");
        assertThatThrownBy(() -> new SweepScenario("x", "", sweep.host(), List.of("198.20.0.0/24"), 80))
                .hasMessage("host sweep does not answer for 198.20.0.0/24");
        assertThatThrownBy(() -> new SweepScenario("x", "", sweep.host(), List.of("198.18.0.0/24"), 81))
                .hasMessage("sweep port 81 does not listen on sweep");
    }
}
