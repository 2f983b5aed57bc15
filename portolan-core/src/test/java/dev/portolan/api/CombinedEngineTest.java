package dev.portolan.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portolan.result.HostResult;
import dev.portolan.result.HostStatus;
import dev.portolan.result.PortResult;
import dev.portolan.result.PortState;
import dev.portolan.result.Reason;
import dev.portolan.service.ServiceNames;
import dev.portolan.target.PortList;
import dev.portolan.target.Protocol;
import dev.portolan.target.Target;
import dev.portolan.target.TargetOptions;
import dev.portolan.target.TargetSet;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A run of TCP and UDP techniques: one engine per protocol, each host reported once with all its ports. */
class CombinedEngineTest {
    private static final ScanConfig CONFIG = ScanConfig.builder(
                    TargetSet.parse(List.of("192.0.2.1", "192.0.2.2", "192.0.2.3"), TargetOptions.defaults()),
                    PortList.parse("T:22,U:53", ServiceNames.builtin()))
            .scanTypes(EnumSet.of(ScanType.SYN, ScanType.UDP)).build();

    @Test
    void theConfigurationSplitsByProtocolTcpFirst() {
        List<ScanConfig> parts = Engines.byProtocol(CONFIG);
        assertThat(parts).extracting(ScanConfig::scanTypes)
                .containsExactly(Set.of(ScanType.SYN), Set.of(ScanType.UDP));
        assertThat(parts.get(1).ports()).isEqualTo(CONFIG.ports());
        // discovery runs once, in the first part
        assertThat(parts.get(0).skipDiscovery()).isFalse();
        assertThat(parts.get(1).skipDiscovery()).isTrue();
        assertThat(Engines.byProtocol(CONFIG.withScanTypes(Set.of(ScanType.UDP)))).hasSize(1);
    }

    @Test
    void eachHostComesOnceWithThePortsOfEveryPart() throws Exception {
        Target a = CONFIG.targets().get(0);
        Target b = CONFIG.targets().get(1);
        Target c = CONFIG.targets().get(2);
        PortResult silent = PortResult.of(Protocol.UDP, 53, PortState.OPEN_FILTERED, Reason.NO_RESPONSE, "domain");
        ScanEngine tcp = fake(host(a, HostStatus.UP, Reason.SYN_ACK, PortResult.of(Protocol.TCP, 22, PortState.OPEN,
                Reason.SYN_ACK, "ssh")), host(b, HostStatus.DOWN, Reason.NO_RESPONSE),
                host(c, HostStatus.DOWN, Reason.NO_RESPONSE));
        ScanEngine udp = fake(host(b, HostStatus.UP, Reason.UDP_RESPONSE, PortResult.of(Protocol.UDP, 53,
                PortState.OPEN, Reason.UDP_RESPONSE, "domain")), host(a, HostStatus.UP, Reason.USER_SET, silent),
                host(c, HostStatus.UP, Reason.USER_SET, silent));
        ScanReport report = Scan.withEngine(CONFIG, new CombinedEngine(Engines.byProtocol(CONFIG),
                part -> part.scanTypes().contains(ScanType.UDP) ? udp : tcp)).collect();
        assertThat(report.hosts()).hasSize(3);
        HostResult first = report.hosts().stream().filter(h -> h.target().equals(a)).findFirst().orElseThrow();
        assertThat(first.status()).isEqualTo(HostStatus.UP);
        assertThat(first.statusReason()).isEqualTo(Reason.SYN_ACK);
        assertThat(first.ports()).extracting(p -> p.protocol() + "/" + p.port() + " " + p.state())
                .containsExactly("tcp/22 open", "udp/53 open|filtered");
        HostResult second = report.hosts().stream().filter(h -> h.target().equals(b)).findFirst().orElseThrow();
        assertThat(second.status()).isEqualTo(HostStatus.UP);
        assertThat(second.statusReason()).isEqualTo(Reason.UDP_RESPONSE);
        assertThat(second.ports()).extracting(PortResult::port).containsExactly(53);
        // down by discovery, and UDP's "up" came only from -Pn: still down, with no ports
        HostResult third = report.hosts().stream().filter(h -> h.target().equals(c)).findFirst().orElseThrow();
        assertThat(third.status()).isEqualTo(HostStatus.DOWN);
        assertThat(third.ports()).isEmpty();
        assertThat(report.summary().hostsUp()).isEqualTo(2);
    }

    private static HostResult host(Target t, HostStatus status, Reason reason, PortResult... ports) {
        return new HostResult(t, status, reason, List.of(), List.of(ports), Instant.EPOCH, Instant.EPOCH,
                Optional.empty(), false);
    }

    private static ScanEngine fake(HostResult... hosts) {
        return new ScanEngine() {
            @Override
            public EngineStats run(ScanConfig config, ScanListener listener) {
                for (HostResult h : hosts) {
                    listener.hostDone(h);
                }
                return new EngineStats(hosts.length, 0, 0);
            }

            @Override
            public void cancel() {
            }
        };
    }
}
