package dev.portolan.service.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portolan.result.HostResult;
import dev.portolan.result.HostStatus;
import dev.portolan.result.PortResult;
import dev.portolan.result.PortState;
import dev.portolan.result.Reason;
import dev.portolan.result.ServiceDetails;
import dev.portolan.service.probe.NmapProbeParser;
import dev.portolan.service.probe.ProbeCatalog;
import dev.portolan.service.probe.ServiceCatalog;
import dev.portolan.service.probe.VersionIntensity;
import dev.portolan.target.Protocol;
import dev.portolan.target.Target;
import java.io.IOException;
import java.io.StringReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * UDP version detection against services on loopback written for the test: plan order decides between answers that
 * come back out of order, a soft match narrows the rest as nmap's sequence would, and hostile services (silent,
 * garbage, floods, huge datagrams, answers from another port, a closed port) cost at most their waits.
 */
class UdpProberTest {
    static final VersionOptions FAST = new VersionOptions(VersionIntensity.DEFAULT, false, Duration.ofMillis(300),
            Duration.ofSeconds(4), 8, true);
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** A catalog whose first probe lists {@code port}; "rare" is beyond the default intensity. */
    static String catalog(int port) {
        return """
                Probe UDP Hello q|hello|
                rarity 8
                ports %d
                match echo m|^hello$| p/Echo/

                Probe UDP Ask q|ask|
                rarity 2
                match gadget m|^GADGET (\\d+)$| p/Gadget/ v/$1/
                softmatch gadget m|^GADGET|

                Probe UDP Version q|version|
                rarity 3
                match gadget m|^GADGET v=(\\S+)| p/Gadget/ v/$1/ i/via version/

                Probe UDP Other q|other|
                rarity 3
                match other m|^OTHER| p/Other/

                Probe UDP Rare q|rare|
                rarity 9
                match rare m|^RARE| p/Rare/
                """.formatted(port);
    }

    @FunctionalInterface
    interface Reply {
        /** What to send back to {@code request} (nothing: stay silent), from {@code socket} to {@code from}. */
        void answer(String request, DatagramSocket socket, InetSocketAddress from) throws Exception;
    }

    private final List<DatagramSocket> servers = new CopyOnWriteArrayList<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop() {
        servers.forEach(DatagramSocket::close);
        threads.shutdownNow();
    }

    private InetSocketAddress serve(Reply reply) throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        servers.add(socket);
        // platform threads: a flooding reply never parks, and must not starve the prober's virtual threads
        Thread.ofPlatform().daemon().start(() -> {
            byte[] buffer = new byte[2048];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                    socket.receive(p);
                    String request = new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1);
                    received.add(request);
                    InetSocketAddress from = (InetSocketAddress) p.getSocketAddress();
                    Thread.ofPlatform().daemon().start(() -> {
                        try {
                            reply.answer(request, socket, from);
                        } catch (Exception e) {
                            // the test's server stops answering when the socket closes
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
        return new InetSocketAddress(LOOPBACK, socket.getLocalPort());
    }

    private static void send(DatagramSocket s, InetSocketAddress to, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        s.send(new DatagramPacket(b, b.length, to));
    }

    private UdpProber prober(String catalogText, VersionOptions options) throws IOException {
        ProbeCatalog c = NmapProbeParser.parse(new StringReader(catalogText), "test");
        return new UdpProber(new dev.portolan.service.probe.ProbeSelector(c),
                new dev.portolan.service.probe.ServiceMatcher(c), options, () -> false, threads);
    }

    private UdpProber.Outcome probe(InetSocketAddress to) throws IOException {
        return probe(to, FAST);
    }

    private UdpProber.Outcome probe(InetSocketAddress to, VersionOptions options) throws IOException {
        return prober(catalog(to.getPort()), options).probe(to, new HostRtt(0), Optional.of("table-name"));
    }

    /** For the tests whose answers come late on purpose: waits far above the delays, on a loaded machine too. */
    static final VersionOptions PATIENT = FAST.withMinWait(Duration.ofMillis(1500));

    @Test
    void aHardMatchNamesProductAndVersion() throws IOException {
        InetSocketAddress to = serve((req, s, from) -> {
            if (req.equals("ask")) {
                send(s, from, "GADGET 42");
            }
        });
        UdpProber.Outcome o = probe(to);
        assertThat(o.answered()).isTrue();
        ServiceDetails d = o.details().orElseThrow();
        assertThat(d.name()).isEqualTo("gadget");
        assertThat(d.product()).isEqualTo("Gadget");
        assertThat(d.version()).isEqualTo("42");
        assertThat(d.method()).isEqualTo(ServiceDetails.Method.PROBED);
        assertThat(received).as("the probe listing the port goes first, alone").first().isEqualTo("hello");
        assertThat(received).doesNotContain("rare");
    }

    @Test
    void theFirstHardMatchInPlanOrderWinsWhateverArrivesFirst() throws IOException {
        InetSocketAddress to = serve((req, s, from) -> {
            switch (req) {
                case "ask" -> {
                    Thread.sleep(150);
                    send(s, from, "GADGET 7");
                }
                case "other" -> send(s, from, "OTHER");
                default -> { }
            }
        });
        assertThat(probe(to, PATIENT).details().orElseThrow().product()).isEqualTo("Gadget");
    }

    @Test
    void aSoftMatchLeavesOnlyTheProbesThatCanNameThatService() throws IOException {
        InetSocketAddress to = serve((req, s, from) -> {
            switch (req) {
                case "ask" -> send(s, from, "GADGET soft");
                case "version" -> {
                    Thread.sleep(100);
                    send(s, from, "GADGET v=2.0");
                }
                // nmap would not send "other" after the soft match: its answer must not count
                case "other" -> send(s, from, "OTHER");
                default -> { }
            }
        });
        ServiceDetails d = probe(to, PATIENT).details().orElseThrow();
        assertThat(d.product()).isEqualTo("Gadget");
        assertThat(d.version()).isEqualTo("2.0");
        assertThat(d.extraInfo()).isEqualTo("via version");
    }

    @Test
    void aSoftMatchAloneIsReported() throws IOException {
        InetSocketAddress to = serve((req, s, from) -> {
            if (req.equals("ask")) {
                send(s, from, "GADGET soft");
            }
        });
        ServiceDetails d = probe(to).details().orElseThrow();
        assertThat(d.name()).isEqualTo("gadget");
        assertThat(d.product()).isEmpty();
        assertThat(d.method()).isEqualTo(ServiceDetails.Method.PROBED);
    }

    @Test
    void aSilentPortCostsAFewWaitsAndStaysUnanswered() throws IOException {
        InetSocketAddress to = serve((req, s, from) -> { });
        long t0 = System.nanoTime();
        UdpProber.Outcome o = probe(to);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(o).isEqualTo(UdpProber.Outcome.SILENT);
        // two waves (the listing probe, then the other three) of 300 ms: far from one wait per probe in turn
        assertThat(millis).isBetween(500L, 2000L);
        assertThat(received).containsExactlyInAnyOrder("hello", "ask", "version", "other");
    }

    @Test
    void aClosedPortEndsAtTheFirstUnreachable() throws IOException {
        int port;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            port = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        UdpProber.Outcome o = probe(new InetSocketAddress(LOOPBACK, port));
        assertThat(o.answered()).isFalse();
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1000);
    }

    @Test
    void garbageIsAnAnswerThatNamesNothing() throws IOException {
        InetSocketAddress to = serve((req, s, from) -> {
            byte[] junk = new byte[1000];
            ThreadLocalRandom.current().nextBytes(junk);
            s.send(new DatagramPacket(junk, junk.length, from));
        });
        UdpProber.Outcome o = probe(to);
        assertThat(o.answered()).isTrue();
        ServiceDetails d = o.details().orElseThrow();
        assertThat(d.name()).isEqualTo("table-name");
        assertThat(d.method()).isEqualTo(ServiceDetails.Method.TABLE);
        assertThat(d.banner()).isNotEmpty().hasSizeLessThanOrEqualTo(Banner.MAX_CHARS);
    }

    @Test
    void floodsAndHugeDatagramsAreBoundedInSizeAndTime() throws IOException {
        InetSocketAddress to = serve((req, s, from) -> {
            byte[] huge = new byte[60_000];
            s.send(new DatagramPacket(huge, huge.length, from));
            byte[] small = "GADGET flood ".repeat(100).getBytes(StandardCharsets.ISO_8859_1);
            long end = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < end && !s.isClosed()) {
                s.send(new DatagramPacket(small, small.length, from));
            }
        });
        long t0 = System.nanoTime();
        UdpProber.Outcome o = probe(to);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(o.answered()).isTrue();
        assertThat(millis).as("within the waves' waits, not the flood's 3 s").isLessThan(2500);
    }

    @Test
    void aDatagramBeyondTheBoundIsCut() throws IOException {
        DatagramSocket server = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        servers.add(server);
        InetSocketAddress to = new InetSocketAddress(LOOPBACK, server.getLocalPort());
        try (DatagramSocket client = new DatagramSocket()) {
            client.connect(to);
            Thread.ofVirtual().start(() -> {
                try {
                    byte[] b = new byte[2048];
                    DatagramPacket p = new DatagramPacket(b, b.length);
                    server.receive(p);
                    for (int i = 0; i < 3; i++) {
                        byte[] big = new byte[Datagrams.MAX_DATAGRAM];
                        server.send(new DatagramPacket(big, big.length, p.getSocketAddress()));
                    }
                } catch (IOException e) {
                    // closed
                }
            });
            UdpProber.Answer a = Datagrams.exchange(client, new byte[] {1}, 1000, 200, bytes -> false);
            assertThat(a.bytes().length).isEqualTo(Exchange.MAX_BYTES);
        }
    }

    @Test
    void answersFromAnotherPortDoNotCount() throws IOException {
        DatagramSocket elsewhere = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        servers.add(elsewhere);
        InetSocketAddress to = serve((req, s, from) -> send(elsewhere, from, "GADGET 1"));
        assertThat(probe(to)).isEqualTo(UdpProber.Outcome.SILENT);
    }

    @Test
    void theScannerTurnsAnAnsweringOpenFilteredPortOpenAndLeavesASilentOneAlone() throws IOException {
        InetSocketAddress dns = serve((req, s, from) -> {
            // the own set's version.bind query, answered as dnsmasq does (RFC 1035 TXT in class CHAOS)
            byte[] q = req.getBytes(StandardCharsets.ISO_8859_1);
            if (q.length > 12 && req.contains("version")) {
                String text = "dnsmasq-2.90";
                byte[] answer = new byte[q.length + 12 + 1 + text.length()];
                System.arraycopy(q, 0, answer, 0, q.length);
                answer[2] = (byte) 0x84;
                answer[7] = 1;
                byte[] rr = {(byte) 0xc0, 0x0c, 0, 0x10, 0, 0x03, 0, 0, 0, 0, 0, (byte) (text.length() + 1)};
                System.arraycopy(rr, 0, answer, q.length, rr.length);
                answer[q.length + rr.length] = (byte) text.length();
                System.arraycopy(text.getBytes(StandardCharsets.US_ASCII), 0, answer, q.length + rr.length + 1,
                        text.length());
                s.send(new DatagramPacket(answer, answer.length, from));
            }
        });
        InetSocketAddress silent = serve((req, s, from) -> { });
        ServiceCatalog own = ServiceCatalog.load(List.of(), false, null);
        List<PortResult> ports = new ArrayList<>(List.of(
                PortResult.of(Protocol.UDP, dns.getPort(), PortState.OPEN_FILTERED, Reason.NO_RESPONSE, "domain"),
                PortResult.of(Protocol.UDP, silent.getPort(), PortState.OPEN_FILTERED, Reason.NO_RESPONSE, "snmp"),
                PortResult.of(Protocol.UDP, silent.getPort(), PortState.OPEN, Reason.UDP_RESPONSE, "snmp")));
        HostResult host = new HostResult(Target.of(LOOPBACK), HostStatus.UP, Reason.USER_SET, List.of(), ports,
                Instant.now(), Instant.now(), Optional.empty(), false);
        // the own DNS probe lists 53 only: at --version-all every UDP probe goes to these ephemeral ports
        try (VersionScanner scanner = new VersionScanner(PATIENT.withIntensity(VersionIntensity.ALL), own)) {
            HostResult done = scanner.detect(host);
            PortResult d = done.ports().get(0);
            assertThat(d.state()).isEqualTo(PortState.OPEN);
            assertThat(d.reason()).isEqualTo(Reason.UDP_RESPONSE);
            assertThat(d.details().orElseThrow().product()).isEqualTo("dnsmasq");
            assertThat(d.details().orElseThrow().version()).isEqualTo("2.90");
            assertThat(done.ports().get(1)).isEqualTo(ports.get(1));
            // open from the port scan but silent to every probe: the table's name, unconfirmed (nmap's "snmp?")
            PortResult open = done.ports().get(2);
            assertThat(open.state()).isEqualTo(PortState.OPEN);
            assertThat(open.details().orElseThrow().method()).isEqualTo(ServiceDetails.Method.TABLE);
            assertThat(open.details().orElseThrow().name()).isEqualTo("snmp");
        }
    }
}
