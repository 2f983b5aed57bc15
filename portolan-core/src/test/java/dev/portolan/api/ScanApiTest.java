package dev.portolan.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portolan.engine.TimingTemplate;
import dev.portolan.report.ReportFormat;
import dev.portolan.report.ReportOptions;
import dev.portolan.report.ResultSink;
import dev.portolan.result.ScanMeta;
import dev.portolan.result.ScanSummary;
import dev.portolan.target.Addresses;
import dev.portolan.result.HostResult;
import dev.portolan.result.HostStatus;
import dev.portolan.result.PortResult;
import dev.portolan.result.PortState;
import dev.portolan.result.Reason;
import dev.portolan.service.ServiceNames;
import dev.portolan.target.PortList;
import dev.portolan.target.Target;
import dev.portolan.target.TargetOptions;
import dev.portolan.target.TargetSet;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The library entry points as the README shows them, on loopback. */
class ScanApiTest {

    @Test
    void collectsOneHostWithExactStates() throws Exception {
        try (ServerSocket open = new ServerSocket()) {
            open.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int closed = closedPort();
            TargetSet targets = TargetSet.parse(List.of("127.0.0.1"), TargetOptions.defaults());
            PortList ports = PortList.parse(open.getLocalPort() + "," + closed, ServiceNames.builtin());
            ScanConfig config = ScanConfig.builder(targets, ports).timing(TimingTemplate.AGGRESSIVE)
                    .dnsMode(DnsMode.NEVER).build();

            ScanReport report = Scan.of(config).commandLine("test").collect();

            assertThat(report.hosts()).hasSize(1);
            HostResult host = report.hosts().getFirst();
            assertThat(host.status()).isEqualTo(HostStatus.UP);
            assertThat(host.ports()).extracting(PortResult::port, PortResult::state, PortResult::reason)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(open.getLocalPort(), PortState.OPEN, Reason.SYN_ACK),
                            org.assertj.core.groups.Tuple.tuple(closed, PortState.CLOSED, Reason.CONN_REFUSED));
            assertThat(report.summary().hostsUp()).isEqualTo(1);
            assertThat(report.summary().interrupted()).isFalse();
            assertThat(report.meta().args()).isEqualTo("test");
        }
    }

    @Test
    void streamsPortsToListenersAndHostsToSinks() throws Exception {
        try (ServerSocket open = new ServerSocket()) {
            open.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            ScanConfig config = ScanConfig.builder(
                            TargetSet.parse(List.of("127.0.0.1"), TargetOptions.defaults()),
                            PortList.parse(String.valueOf(open.getLocalPort()), ServiceNames.builtin()))
                    .dnsMode(DnsMode.NEVER).build();
            List<PortResult> seen = new CopyOnWriteArrayList<>();
            ByteArrayOutputStream xml = new ByteArrayOutputStream();

            Scan.of(config)
                    .listener(new ScanListener() {
                        @Override
                        public void portDone(Target t, PortResult p) {
                            seen.add(p);
                        }
                    })
                    .sink(ReportFormat.XML.open(xml, ReportOptions.DEFAULTS))
                    .run();

            assertThat(seen).extracting(PortResult::state).containsExactly(PortState.OPEN);
            String text = xml.toString(StandardCharsets.UTF_8);
            assertThat(text).contains("portid=\"" + open.getLocalPort() + "\"").contains("<state state=\"open\"")
                    .contains("</nmaprun>");
        }
    }

    @Test
    void cancelBeforeRunStillClosesTheReports() throws Exception {
        ScanConfig config = ScanConfig.builder(TargetSet.parse(List.of("127.0.0.1"), TargetOptions.defaults()),
                PortList.parse("1-100", ServiceNames.builtin())).dnsMode(DnsMode.NEVER).build();
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        Scan scan = Scan.of(config).sink(ReportFormat.JSON.open(json, ReportOptions.DEFAULTS));
        scan.cancel();

        var summary = scan.run();

        assertThat(summary.interrupted()).isTrue();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toByteArray());
    }

    @Test
    void aSlowReportHoldsTheEngineBackInsteadOfQueueingEveryHost() throws Exception {
        int hosts = 20_000;
        ScanConfig config = ScanConfig.builder(TargetSet.parse(List.of("127.0.0.1"), TargetOptions.defaults()),
                PortList.parse("80", ServiceNames.builtin())).dnsMode(DnsMode.NEVER).build();
        AtomicInteger written = new AtomicInteger();
        AtomicInteger mostWaiting = new AtomicInteger();
        ResultSink slow = new ResultSink() {
            @Override
            public void open(ScanMeta meta) {
            }

            @Override
            public void accept(HostResult host) {
                LockSupport.parkNanos(20_000);
                written.incrementAndGet();
            }

            @Override
            public void close(ScanSummary summary) {
            }
        };
        ScanEngine engine = new ScanEngine() {
            @Override
            public EngineStats run(ScanConfig c, ScanListener listener) {
                Instant now = Instant.now();
                for (int i = 0; i < hosts; i++) {
                    Target t = Target.of(Addresses.ipv4(0xC6120000L + i));
                    listener.hostDone(new HostResult(t, HostStatus.UP, Reason.USER_SET, List.of(), List.of(), now,
                            now, Optional.empty(), false));
                    mostWaiting.accumulateAndGet(i + 1 - written.get(), Math::max);
                }
                // the same host again: delivered once only
                listener.hostDone(new HostResult(Target.of(Addresses.ipv4(0xC6120000L)), HostStatus.UP,
                        Reason.USER_SET, List.of(), List.of(), now, now, Optional.empty(), false));
                return new EngineStats(hosts, 0, 0);
            }

            @Override
            public void cancel() {
            }
        };

        ScanSummary summary = Scan.withEngine(config, engine).sink(slow).run();

        assertThat(written.get()).isEqualTo(hosts);
        assertThat(summary.hostsUp()).isEqualTo(hosts);
        // the writer's queue (4096), the batch in its hands (256) and the one being handed over: no more waits
        assertThat(mostWaiting.get()).isLessThanOrEqualTo(4096 + 256 + 2).isGreaterThan(100);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }
}
