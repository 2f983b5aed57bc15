package dev.portolan.technique.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portolan.api.ScanConfig;
import dev.portolan.api.ScanListener;
import dev.portolan.api.ScanType;
import dev.portolan.api.UdpOptions;
import dev.portolan.engine.TimingTemplate;
import dev.portolan.net.NativeAccess;
import dev.portolan.result.HostResult;
import dev.portolan.result.HostStatus;
import dev.portolan.result.PortResult;
import dev.portolan.target.PortList;
import dev.portolan.target.Protocol;
import dev.portolan.target.TargetOptions;
import dev.portolan.target.TargetSet;
import dev.portolan.technique.discovery.LocalAddresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The UDP scanner against loopback (which Linux does not rate-limit): a service that answers only its payload is
 * open, a bound socket that never answers is open|filtered, an unbound port closed; the host once, each port once.
 */
class UdpScannerLoopbackTest {
    private static final byte[] HELLO = "portolan-hello".getBytes(StandardCharsets.US_ASCII);

    /** What a scan reported: its hosts, ports and warnings. */
    private static final class Collected implements ScanListener {
        final List<HostResult> hosts = new CopyOnWriteArrayList<>();
        final List<PortResult> ports = new CopyOnWriteArrayList<>();
        final List<String> warnings = new CopyOnWriteArrayList<>();

        @Override
        public void portDone(dev.portolan.target.Target target, PortResult result) {
            ports.add(result);
        }

        @Override
        public void hostDone(HostResult h) {
            hosts.add(h);
        }

        @Override
        public void warning(String message) {
            warnings.add(message);
        }
    }

    /** Runs a UDP scan of loopback whose only payload is {@link #HELLO} to {@code helloPort}: its wall time. */
    private static Duration scanWithHello(ScanConfig config, Collected seen, int helloPort) {
        UdpPayload hello = new UdpPayload("hello", List.of(helloPort), HELLO, "test");
        long start = System.nanoTime();
        new UdpScanner(config, seen, LocalAddresses.loopbackOnly(), UdpPayloads.of(List.of(hello))).run();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void openClosedAndSilentOnIpv4AndIpv6() throws Exception {
        assumeTrue(NativeAccess.available(), "native bindings not available");
        for (String host : List.of("127.0.0.1", "::1")) {
            try (DatagramChannel picky = DatagramChannel.open(); DatagramChannel silent = DatagramChannel.open();
                 DatagramChannel closed = DatagramChannel.open()) {
                InetAddress loopback = InetAddress.getByName(host);
                picky.bind(new InetSocketAddress(loopback, 0));
                silent.bind(new InetSocketAddress(loopback, 0));
                closed.bind(new InetSocketAddress(loopback, 0));
                int pickyPort = ((InetSocketAddress) picky.getLocalAddress()).getPort();
                int silentPort = ((InetSocketAddress) silent.getLocalAddress()).getPort();
                int closedPort = ((InetSocketAddress) closed.getLocalAddress()).getPort();
                closed.close();
                Thread answerer = Thread.ofVirtual().start(() -> answerOnly(picky, HELLO));
                Collected seen = new Collected();
                List<HostResult> hosts = seen.hosts;
                List<PortResult> ports = seen.ports;
                ScanConfig config = ScanConfig.builder(TargetSet.parse(List.of(host), TargetOptions.defaults()),
                                PortList.of(Protocol.UDP, pickyPort, silentPort, closedPort))
                        .scanTypes(EnumSet.of(ScanType.UDP))
                        .timing(TimingTemplate.AGGRESSIVE)
                        .udp(new UdpOptions(false, List.of())).build();
                Duration wall = scanWithHello(config, seen, pickyPort);
                answerer.interrupt();
                assertThat(hosts).as(host).hasSize(1);
                HostResult h = hosts.getFirst();
                assertThat(h.status()).isEqualTo(HostStatus.UP);
                Map<Integer, String> states = new TreeMap<>();
                h.ports().forEach(p -> states.put(p.port(), p.state() + " " + p.reason()));
                assertThat(states).as(host).containsEntry(pickyPort, "open udp-response")
                        .containsEntry(silentPort, "open|filtered no-response")
                        .containsEntry(closedPort, "closed port-unreach").hasSize(3);
                assertThat(ports).hasSize(3);
                // nmap's reason_ttl: the answer's TTL (hop limit), loopback's default for the reply and the ICMP error
                java.nio.file.Path defaultTtl = java.nio.file.Path.of(host.contains(":")
                        ? "/proc/sys/net/ipv6/conf/lo/hop_limit" : "/proc/sys/net/ipv4/ip_default_ttl");
                int ttl = Integer.parseInt(java.nio.file.Files.readAllLines(defaultTtl).getFirst().strip());
                Map<Integer, Integer> ttls = new TreeMap<>();
                h.ports().forEach(p -> ttls.put(p.port(), p.reasonTtl()));
                assertThat(ttls).as(host).isEqualTo(Map.of(pickyPort, ttl, silentPort, 0, closedPort, ttl));
                // its own round trips, as nmap's latency and <times>
                assertThat(h.times()).as(host).hasValueSatisfying(t -> {
                    assertThat(t.srttMicros()).isPositive().isLessThan(1_000_000);
                    assertThat(t.timeoutMicros()).isGreaterThanOrEqualTo(t.srttMicros());
                });
                // -T4: the silent port costs two timeouts of at most 1.25 s
                assertThat(wall).isLessThan(Duration.ofSeconds(5));
            }
        }
    }

    /**
     * With -S 127.0.0.2-5 the probes leave from those four addresses, spread across them, and the replies and the
     * unreachables that come back to each are matched: every state stays exact.
     */
    @Test
    void probesAreSpreadAcrossTheSourceAddressesAndEveryStateStaysExact() throws Exception {
        assumeTrue(NativeAccess.available(), "native bindings not available");
        List<InetAddress> sources = dev.portolan.craft.SourceAddresses.parse("127.0.0.2-5");
        List<DatagramChannel> open = new java.util.ArrayList<>();
        java.util.Set<InetAddress> senders = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try {
            int[] scanned = new int[16];
            for (int i = 0; i < 8; i++) {
                DatagramChannel c = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
                open.add(c);
                scanned[i] = ((InetSocketAddress) c.getLocalAddress()).getPort();
                Thread.ofVirtual().start(() -> answerAll(c, (from, length) -> senders.add(from.getAddress())));
            }
            for (int i = 8; i < 16; i++) {
                try (DatagramChannel gone = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
                    scanned[i] = ((InetSocketAddress) gone.getLocalAddress()).getPort();
                }
            }
            Collected seen = new Collected();
            List<HostResult> hosts = seen.hosts;
            ScanConfig config = ScanConfig.builder(TargetSet.parse(List.of("127.0.0.1"), TargetOptions.defaults()),
                            PortList.of(Protocol.UDP, scanned))
                    .scanTypes(EnumSet.of(ScanType.UDP))
                    .timing(TimingTemplate.AGGRESSIVE)
                    .udp(new UdpOptions(false, List.of(), sources)).build();
            new UdpScanner(config, seen, LocalAddresses.loopbackOnly(), UdpPayloads.of(List.of())).run();
            assertThat(hosts).hasSize(1);
            Map<Integer, String> states = new TreeMap<>();
            hosts.getFirst().ports().forEach(p -> states.put(p.port(), p.state() + " " + p.reason()));
            Map<Integer, String> truth = new TreeMap<>();
            for (int i = 0; i < 16; i++) {
                truth.put(scanned[i], i < 8 ? "open udp-response" : "closed port-unreach");
            }
            assertThat(states).isEqualTo(truth);
            assertThat(sources).containsAll(senders);
            assertThat(senders).as("8 probes from 4 sources in turn").hasSizeGreaterThan(1);
        } finally {
            for (DatagramChannel c : open) {
                c.close();
            }
        }
    }

    /**
     * -g: every probe leaves from that port, and the port itself on this machine, which the scan's socket holds, is
     * closed (with a warning), not the "open" its own looped-back probe would make it; --data-length: the protocol
     * payloads give way to that many random bytes.
     */
    @Test
    void sourcePortAndDataLengthShapeEveryProbe() throws Exception {
        assumeTrue(NativeAccess.available(), "native bindings not available");
        int own;
        try (DatagramChannel free = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            own = ((InetSocketAddress) free.getLocalAddress()).getPort();
        }
        List<Integer> senderPorts = new CopyOnWriteArrayList<>();
        List<Integer> lengths = new CopyOnWriteArrayList<>();
        try (DatagramChannel service = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            int servicePort = ((InetSocketAddress) service.getLocalAddress()).getPort();
            Thread answerer = Thread.ofVirtual().start(() -> answerAll(service, (from, length) -> {
                senderPorts.add(from.getPort());
                lengths.add(length);
            }));
            Collected seen = new Collected();
            ScanConfig config = ScanConfig.builder(TargetSet.parse(List.of("127.0.0.1"), TargetOptions.defaults()),
                            PortList.of(Protocol.UDP, servicePort, own))
                    .scanTypes(EnumSet.of(ScanType.UDP))
                    .timing(TimingTemplate.AGGRESSIVE)
                    .crafting(dev.portolan.craft.ProbeCrafting.builder().sourcePort(own).ttl(33).build())
                    .udp(new UdpOptions(false, List.of(), List.of(), java.util.OptionalInt.of(23))).build();
            // through the engine, which chooses the payloads: the built-in set would send DNS's to a port 53
            new UdpEngineProvider().create().run(config, seen);
            answerer.interrupt();
            Map<Integer, String> states = new TreeMap<>();
            seen.hosts.getFirst().ports().forEach(p -> states.put(p.port(), p.state() + " " + p.reason()));
            assertThat(states).containsEntry(servicePort, "open udp-response")
                    .containsEntry(own, "closed port-unreach").hasSize(2);
            assertThat(senderPorts).isNotEmpty().containsOnly(own);
            assertThat(lengths).isNotEmpty().containsOnly(23);
            assertThat(seen.warnings).containsExactly("-g " + own + ": UDP port " + own + " of this machine is the "
                    + "scan's own source port, so nothing else can listen there: listed closed without a probe");
        }
    }

    /**
     * --host-timeout: a host whose silent ports would keep the scan waiting through its tries is given up that long
     * after its first probe, reported cut short with the ports settled by then (the answered one), and the scan ends.
     */
    @Test
    void hostTimeoutCutsAHostShort() throws Exception {
        assumeTrue(NativeAccess.available(), "native bindings not available");
        List<DatagramChannel> silent = new java.util.ArrayList<>();
        try (DatagramChannel picky = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            int pickyPort = ((InetSocketAddress) picky.getLocalAddress()).getPort();
            int[] scanned = new int[9];
            scanned[0] = pickyPort;
            for (int i = 1; i < scanned.length; i++) {
                DatagramChannel c = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
                silent.add(c);
                scanned[i] = ((InetSocketAddress) c.getLocalAddress()).getPort();
            }
            Thread answerer = Thread.ofVirtual().start(() -> answerOnly(picky, HELLO));
            Collected seen = new Collected();
            ScanConfig config = ScanConfig.builder(TargetSet.parse(List.of("127.0.0.1"), TargetOptions.defaults()),
                            PortList.of(Protocol.UDP, scanned))
                    .scanTypes(EnumSet.of(ScanType.UDP))
                    .timing(TimingTemplate.NORMAL.withHostTimeout(Duration.ofMillis(400)))
                    .udp(new UdpOptions(false, List.of())).build();
            Duration wall = scanWithHello(config, seen, pickyPort);
            answerer.interrupt();
            assertThat(seen.hosts).hasSize(1);
            HostResult h = seen.hosts.getFirst();
            assertThat(h.timedOut()).isTrue();
            assertThat(h.ports()).extracting(PortResult::port).containsExactly(pickyPort);
            // -T3 without the timeout: the first tries of the silent ports alone wait out the initial 1 s
            assertThat(wall).isLessThan(Duration.ofMillis(1000));
        } finally {
            for (DatagramChannel c : silent) {
                c.close();
            }
        }
    }

    /** Answers every datagram with one byte, telling {@code seen} its sender and length first. */
    private static void answerAll(DatagramChannel channel,
                                  java.util.function.BiConsumer<InetSocketAddress, Integer> seen) {
        ByteBuffer buf = ByteBuffer.allocate(2048);
        try {
            while (true) {
                buf.clear();
                InetSocketAddress from = (InetSocketAddress) channel.receive(buf);
                seen.accept(from, buf.position());
                channel.send(ByteBuffer.wrap(new byte[] {1}), from);
            }
        } catch (java.io.IOException e) {
            // closed: the test is over
        }
    }

    /** Answers a datagram only when it is exactly {@code expected}: the payload table must have been used. */
    private static void answerOnly(DatagramChannel channel, byte[] expected) {
        ByteBuffer buf = ByteBuffer.allocate(2048);
        try {
            while (true) {
                buf.clear();
                SocketAddress from = channel.receive(buf);
                byte[] got = Arrays.copyOf(buf.array(), buf.position());
                if (Arrays.equals(got, expected)) {
                    channel.send(ByteBuffer.wrap("hi".getBytes(StandardCharsets.US_ASCII)), from);
                }
            }
        } catch (java.io.IOException e) {
            // closed: the test is over
        }
    }
}
