package dev.portolan.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portolan.lab.Capture.Frame;
import dev.portolan.lab.LabScans.PortolanRun;
import dev.portolan.packet.IpPacket;
import dev.portolan.packet.Ipv4Address;
import dev.portolan.packet.Ipv4Header;
import dev.portolan.packet.TcpHeader;
import dev.portolan.result.PortState;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FIREWALL/IDS EVASION AND SPOOFING options of {@code portolan scan -sS} on the wire: a capture inside the target
 * namespace shows each probe as the option shapes it, and the scan's result stays exactly the declared truth for
 * every option that lets the answers come back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CraftingLabTest {
    static final PortSet SCANNED = PortSet.parse("1-1000,3306");
    static final LabHost CRAFT = LabHost.builder("craft").listen(22, 80, 443, 3306).drop("25,135-139").reject(113)
            .build();
    /** A second scanner address for -S, on the lab link (the target gets a route back to it). */
    static final String SECOND_SOURCE = "198.51.100.250";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;

    private Lab lab;
    private LabScans scans;
    private LabTarget target;

    @BeforeAll
    void startLab() {
        lab = LabFixture.startOrSkip(CRAFT);
        scans = new LabScans(lab, dir);
        target = lab.target("craft");
    }

    @AfterAll
    void closeLab() {
        LabFixture.close(lab);
    }

    /** Runs portolan -sS with {@code options} on the scanned ports while capturing on the target. */
    private Scan scan(String name, String... options) {
        return scanPorts(name, SCANNED.toString(), options);
    }

    private Scan scanPorts(String name, String ports, String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("-sS", "-Pn", "-n", "-p", ports));
        args.addAll(List.of(options));
        args.add(target.ipv4());
        try (Capture capture = Capture.on(lab, target)) {
            PortolanRun run = scans.portolan(name, args.toArray(String[]::new));
            return new Scan(run, capture.stop());
        }
    }

    record Scan(PortolanRun run, List<Frame> frames) {
        SortedMap<Integer, PortState> states(String address) {
            return NmapXml.read(run.xml()).get(address);
        }
    }

    private void resultIsTheTruth(Scan s) {
        assertThat(s.run().describe()).doesNotContain("scanning with -sT");
        assertThat(target.truth().mismatches(SCANNED, s.states(target.ipv4()))).as(s.run().describe()).isEmpty();
    }

    private static void sh(List<String> command) {
        Shell.check(command.toArray(String[]::new));
    }

    private static int bits(String address) {
        return Ipv4Address.parse(address).bits();
    }

    @Test
    void sourcePortTtlAndPayloadOnEveryProbe() {
        Scan s = scan("g-ttl-data", "-g", "5353", "--ttl", "33", "--data-length", "40");
        resultIsTheTruth(s);
        List<IpPacket> syns = Capture.syns(s.frames());
        Set<Integer> ports = new TreeSet<>();
        for (IpPacket p : syns) {
            Ipv4Header ip = (Ipv4Header) p.ip();
            TcpHeader tcp = (TcpHeader) p.upper();
            assertThat(ip.source().bits()).isEqualTo(bits(target.scannerIpv4()));
            assertThat(tcp.sourcePort()).isEqualTo(5353);
            assertThat(ip.ttl()).isEqualTo(33);
            assertThat(p.payload().length()).isEqualTo(40);
            assertThat(p.checksumValid()).isTrue();
            ports.add(tcp.destinationPort());
        }
        assertThat(ports).hasSize(SCANNED.size());
        assertThat(ports).allMatch(SCANNED::contains);
    }

    @Test
    void badChecksumsGetNoAnswer() {
        Scan s = scanPorts("badsum", "22,80,443,1000", "--badsum", "--max-retries", "1");
        SortedMap<Integer, PortState> states = s.states(target.ipv4());
        assertThat(states).as(s.run().describe()).hasSize(4).containsOnlyKeys(22, 80, 443, 1000);
        assertThat(states.values()).containsOnly(PortState.FILTERED);
        List<IpPacket> syns = Capture.syns(s.frames());
        assertThat(syns).hasSizeGreaterThanOrEqualTo(4);
        assertThat(syns).noneMatch(IpPacket::checksumValid);
        assertThat(s.frames()).as("the target sent no TCP at all").noneMatch(f -> !f.incoming() && f.isTcp());
    }

    @Test
    void eightByteFragmentsReassembleToTheProbes() {
        Scan s = scan("fragments", "-f");
        resultIsTheTruth(s);
        checkFragments(s, 8, Set.of(8));
    }

    @Test
    void mtuSetsTheFragmentSize() {
        Scan s = scan("mtu", "--mtu", "16", "--data-length", "20");
        resultIsTheTruth(s);
        checkFragments(s, 16, Set.of(16, 12));
    }

    /** Every probe came in pieces of at most {@code size} bytes and reassembles to a valid SYN. */
    private void checkFragments(Scan s, int size, Set<Integer> lengths) {
        assertThat(Capture.syns(s.frames())).as("unfragmented SYNs").isEmpty();
        Set<Integer> seenLengths = new TreeSet<>();
        for (Frame f : s.frames()) {
            Ipv4Header h = f.header();
            // whole TCP packets that reach the target are the scanner kernel's RSTs to SYN-ACKs
            if (f.incoming() && f.isTcp() && h.isFragment()) {
                int length = h.totalLength() - h.headerLength();
                assertThat(length).isLessThanOrEqualTo(size);
                assertThat(h.fragmentOffsetBytes() % size).isZero();
                seenLengths.add(length);
            }
        }
        assertThat(seenLengths).isEqualTo(lengths);
        Set<Integer> ports = new TreeSet<>();
        for (byte[] datagram : Capture.reassemble(s.frames()).values()) {
            IpPacket p = IpPacket.parse(ByteBuffer.wrap(datagram));
            TcpHeader tcp = (TcpHeader) p.upper();
            assertThat(tcp.syn() && !tcp.ack()).isTrue();
            assertThat(p.checksumValid()).as("reassembled probe to port %d", tcp.destinationPort()).isTrue();
            ports.add(tcp.destinationPort());
        }
        assertThat(ports).hasSize(SCANNED.size());
    }

    @Test
    void decoysAreSentBesideTheRealProbe() throws Exception {
        Scan s = scanPorts("decoys", "1-200,443", "-D", "192.0.2.5,ME,RND:2");
        SortedMap<Integer, PortState> states = s.states(target.ipv4());
        PortSet scanned = PortSet.parse("1-200,443");
        assertThat(target.truth().mismatches(scanned, states)).as(s.run().describe()).isEmpty();
        Map<Integer, Set<Integer>> portsBySource = new HashMap<>();
        for (IpPacket p : Capture.syns(s.frames())) {
            portsBySource.computeIfAbsent(((Ipv4Header) p.ip()).source().bits(), k -> new TreeSet<>())
                    .add(((TcpHeader) p.upper()).destinationPort());
        }
        assertThat(portsBySource).as(sources(portsBySource)).hasSize(4);
        assertThat(portsBySource).containsKeys(bits("192.0.2.5"), bits(target.scannerIpv4()));
        for (Map.Entry<Integer, Set<Integer>> e : portsBySource.entrySet()) {
            assertThat(e.getValue()).as("ports probed from %s", new Ipv4Address(e.getKey())).hasSize(scanned.size());
            InetAddress a = new Ipv4Address(e.getKey()).toInetAddress();
            if (e.getKey() != bits("192.0.2.5") && e.getKey() != bits(target.scannerIpv4())) {
                assertThat(a.isSiteLocalAddress() || a.isLoopbackAddress() || a.isMulticastAddress()
                        || a.isAnyLocalAddress() || a.isLinkLocalAddress()).as("RND decoy %s", a).isFalse();
            }
        }
        // the target answered the decoys too, but had no route to them: nothing left the lab
        lab.assertIsolated();
    }

    private static String sources(Map<Integer, Set<Integer>> bySource) {
        return bySource.keySet().stream().map(b -> new Ipv4Address(b).toString()).collect(Collectors.joining(", "));
    }

    @Test
    void sourceAddressOfThisMachineGetsItsAnswers() {
        sh(lab.inScanner("ip", "addr", "add", SECOND_SOURCE + "/32", "dev", target.scannerInterface()));
        sh(lab.inTarget(target, "ip", "route", "add", SECOND_SOURCE + "/32", "dev", LabTarget.INTERFACE));
        try {
            Scan s = scan("spoof-own", "-S", SECOND_SOURCE);
            resultIsTheTruth(s);
            assertThat(s.run().result().stderr()).doesNotContain("not an address of this machine");
            List<IpPacket> syns = Capture.syns(s.frames());
            assertThat(syns).hasSizeGreaterThanOrEqualTo(SCANNED.size());
            assertThat(syns).allMatch(p -> ((Ipv4Header) p.ip()).source().bits() == bits(SECOND_SOURCE));
        } finally {
            sh(lab.inTarget(target, "ip", "route", "del", SECOND_SOURCE + "/32"));
            sh(lab.inScanner("ip", "addr", "del", SECOND_SOURCE + "/32", "dev", target.scannerInterface()));
        }
    }

    @Test
    void sourceAddressElsewhereIsWarnedAboutAndSeesNoAnswers() {
        Scan s = scanPorts("spoof-other", "22,80", "-S", "198.51.100.77", "--max-retries", "0");
        assertThat(s.run().result().stderr()).contains("Warning: -S 198.51.100.77 is not an address of this "
                + "machine: replies go there and are not seen here, so ports show as filtered");
        assertThat(s.states(target.ipv4()).values()).containsOnly(PortState.FILTERED);
        assertThat(Capture.syns(s.frames())).isNotEmpty()
                .allMatch(p -> ((Ipv4Header) p.ip()).source().bits() == bits("198.51.100.77"));
    }

    @Test
    void interfaceOfTheLabLinkWorksAndABogusOneIsOneLine() {
        Scan s = scan("device", "-e", target.scannerInterface());
        resultIsTheTruth(s);
        assertThat(Capture.syns(s.frames())).hasSizeGreaterThanOrEqualTo(SCANNED.size());

        List<String> bogus = PortolanLauncher.currentJvm().command(List.of("scan", "-sS", "-Pn", "-n", "-p", "22",
                "-e", "bogus0", target.ipv4()));
        Shell.Result r = Shell.run(LabScans.TIMEOUT, null, lab.inScanner(bogus));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr().strip()).isEqualTo("portolan: -e bogus0: no such network interface");
        assertThat(r.stdout()).isEmpty();
    }
}
