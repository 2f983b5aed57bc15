package dev.portolan.technique.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portolan.api.ScanConfig;
import dev.portolan.api.ScanType;
import dev.portolan.engine.TimingTemplate;
import dev.portolan.net.NativeAccess;
import dev.portolan.net.Privileges;
import dev.portolan.result.HostResult;
import dev.portolan.result.PortResult;
import dev.portolan.result.PortState;
import dev.portolan.result.Reason;
import dev.portolan.result.ScanSummary;
import dev.portolan.target.PortList;
import dev.portolan.target.Protocol;
import dev.portolan.target.Target;
import dev.portolan.target.TargetSet;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The SYN scan against listening and closed ports of 127.0.0.1; needs raw-socket rights. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SynScanLoopbackTest {
    private static final String SKIPPED = "SYN scan loopback test skipped: it needs root or CAP_NET_RAW";
    private static final TimingTemplate FAST = TimingTemplate.AGGRESSIVE.withInitialRttTimeout(Duration.ofMillis(200));

    private final Loopback lo = new Loopback();
    private final InetAddress v4 = InetAddress.getByName("127.0.0.1");

    SynScanLoopbackTest() throws IOException {
    }

    @AfterEach
    void close() {
        lo.close();
    }

    private static void assumeRaw() {
        boolean allowed = NativeAccess.available() && Privileges.current().rawSockets();
        if (!allowed) {
            System.err.println(SKIPPED);
        }
        assumeTrue(allowed, SKIPPED);
    }

    @Test
    void openAndClosedPortsAreExactWithTheirTtl() throws IOException {
        assumeRaw();
        int open1 = lo.listen(v4);
        int open2 = lo.listen(v4);
        int closed1 = Loopback.closedPort(v4);
        int closed2 = Loopback.closedPort(v4);
        ScanConfig config = ScanConfig.builder(TargetSet.of(List.of(Target.of(v4))),
                        PortList.of(Protocol.TCP, open1, closed1, open2, closed2))
                .scanTypes(EnumSet.of(ScanType.SYN)).timing(FAST).build();
        ConnectScannerTest.Recorder recorder = new ConnectScannerTest.Recorder();

        ScanSummary summary = RawTcpEngineProvider.scanner(config, recorder).run();

        assertThat(summary.errorMessage()).isEmpty();
        assertThat(recorder.warnings).isEmpty();
        assertThat(recorder.hosts).hasSize(1);
        HostResult host = recorder.hosts.getFirst();
        assertThat(host.ports()).extracting(PortResult::port, PortResult::state, PortResult::reason,
                        PortResult::reasonTtl)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(open1, PortState.OPEN, Reason.SYN_ACK, 64),
                        org.assertj.core.groups.Tuple.tuple(open2, PortState.OPEN, Reason.SYN_ACK, 64),
                        org.assertj.core.groups.Tuple.tuple(closed1, PortState.CLOSED, Reason.RESET, 64),
                        org.assertj.core.groups.Tuple.tuple(closed2, PortState.CLOSED, Reason.RESET, 64));
        assertThat(summary.probesUnanswered()).isZero();
    }

    @Test
    void theProviderOffersSynOnlyWithRawRights() {
        ScanConfig syn = ScanConfig.builder(TargetSet.of(List.of(Target.of(v4))), PortList.of(Protocol.TCP, 80))
                .scanTypes(EnumSet.of(ScanType.SYN)).build();
        ScanConfig connect = ScanConfig.builder(TargetSet.of(List.of(Target.of(v4))), PortList.of(Protocol.TCP, 80))
                .build();
        RawTcpEngineProvider provider = new RawTcpEngineProvider();
        assertThat(provider.supports(syn)).isEqualTo(Privileges.current().rawSockets());
        assertThat(provider.supports(connect)).isFalse();
        assertThat(new ConnectEngineProvider().supports(syn)).isFalse();
    }
}
