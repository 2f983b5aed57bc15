package dev.portolan.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portolan.lab.Capture.Frame;
import dev.portolan.lab.LabScans.PortolanRun;
import dev.portolan.packet.IpPacket;
import dev.portolan.packet.IpProtocol;
import dev.portolan.packet.Ipv4Address;
import dev.portolan.packet.Ipv4Header;
import dev.portolan.packet.Ipv6Address;
import dev.portolan.packet.Ipv6Extension;
import dev.portolan.packet.Ipv6Header;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
        return scanPorts(false, name, ports, options);
    }

    /** The scan of {@link #scanPorts(String, String, String...)} to the target's IPv6 address, IPv6 captured. */
    private Scan scan6(String name, String ports, String... options) {
        return scanPorts(true, name, ports, options);
    }

    private Scan scanPorts(boolean ipv6, String name, String ports, String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("-sS", "-Pn", "-n", "-p", ports));
        args.addAll(List.of(options));
        args.add(ipv6 ? target.ipv6() : target.ipv4());
        try (Capture capture = Capture.on(lab, target, ipv6)) {
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

    private void resultIsTheTruth6(Scan s) {
        assertThat(s.run().describe()).doesNotContain("scanning with -sT");
        assertThat(target.truth().mismatches(SCANNED, s.states(target.ipv6()))).as(s.run().describe()).isEmpty();
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

    @ParameterizedTest(name = "ipv6 {0}")
    @ValueSource(booleans = {false, true})
    void badChecksumsGetNoAnswer(boolean ipv6) {
        Scan s = scanPorts(ipv6, ipv6 ? "v6-badsum" : "badsum", "22,80,443,1000", "--badsum", "--max-retries", "1");
        SortedMap<Integer, PortState> states = s.states(ipv6 ? target.ipv6() : target.ipv4());
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

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"198.51.100.77", "2001:db8:7::77"})
    void sourceAddressElsewhereIsWarnedAboutAndSeesNoAnswers(String source) {
        boolean ipv6 = source.contains(":");
        Scan s = scanPorts(ipv6, "spoof-other" + (ipv6 ? "6" : ""), "22,80", "-S", source, "--max-retries", "0");
        assertThat(s.run().result().stderr()).contains("Warning: -S " + source + " is not an address of this "
                + "machine: replies go there and are not seen here, so ports show as filtered");
        assertThat(s.states(ipv6 ? target.ipv6() : target.ipv4()).values()).containsOnly(PortState.FILTERED);
        assertThat(Capture.syns(s.frames())).isNotEmpty().allMatch(p -> source(p).equals(source));
    }

    /** A probe's source address as text. */
    private static String source(IpPacket p) {
        return p.ip() instanceof Ipv4Header h ? h.source().toString() : ((Ipv6Header) p.ip()).source().toString();
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

    // ---- the same options over IPv6 ----

    /** A second scanner address for -S over IPv6, outside the lab's links (the target gets a route back to it). */
    static final String SECOND_SOURCE6 = "2001:db8:7::250";

    private static Ipv6Header ip6(IpPacket p) {
        return (Ipv6Header) p.ip();
    }

    @Test
    void ipv6SourcePortHopLimitAndPayloadOnEveryProbe() {
        Scan s = scan6("v6-g-ttl-data", SCANNED.toString(), "-g", "5353", "--ttl", "33", "--data-length", "40");
        resultIsTheTruth6(s);
        List<IpPacket> syns = Capture.syns(s.frames());
        Set<Integer> ports = new TreeSet<>();
        for (IpPacket p : syns) {
            TcpHeader tcp = (TcpHeader) p.upper();
            assertThat(ip6(p).source()).isEqualTo(Ipv6Address.parse(target.scannerIpv6()));
            assertThat(tcp.sourcePort()).isEqualTo(5353);
            assertThat(ip6(p).hopLimit()).isEqualTo(33);
            assertThat(p.payload().length()).isEqualTo(40);
            assertThat(p.checksumValid()).isTrue();
            ports.add(tcp.destinationPort());
        }
        assertThat(ports).hasSize(SCANNED.size()).allMatch(SCANNED::contains);
    }

    /**
     * --mtu 24 over IPv6: the 24-byte TCP header (MSS option included) in the first fragment, the 20 data bytes in
     * the second, behind Fragment headers; Linux reassembles them and answers as to whole probes.
     */
    @Test
    void ipv6FragmentsReassembleToTheProbes() {
        Scan s = scan6("v6-mtu", SCANNED.toString(), "--mtu", "24", "--data-length", "20");
        resultIsTheTruth6(s);
        checkFragments6(s, SCANNED, 24, Set.of(24, 20));
    }

    /**
     * -f over IPv6: 8-byte fragments on the wire that put together are the probes; a host that keeps RFC 8200's rule
     * (Linux does, seen on 6.18) drops a first fragment without the whole TCP header, so every port shows filtered, as
     * nmap reads silence.
     */
    @Test
    void ipv6EightByteFragmentsAreSentAndLinuxDropsThem() {
        Scan s = scan6("v6-fragments", "22,80,113,443,1000", "-f", "--max-retries", "1");
        checkFragments6(s, PortSet.parse("22,80,113,443,1000"), 8, Set.of(8));
        assertThat(s.states(target.ipv6()).values()).as(s.run().describe()).containsOnly(PortState.FILTERED);
        // why: the target answered each first fragment with ICMPv6 parameter problem, code 3 (incomplete header chain)
        assertThat(s.frames()).as("parameter problems from the target")
                .anyMatch(f -> !f.incoming() && (f.ip()[6] & 0xff) == IpProtocol.ICMPV6 && f.ip()[40] == 4
                        && f.ip()[41] == 3);
        assertThat(s.frames()).as("the target sent no TCP at all").noneMatch(f -> !f.incoming() && f.isTcp());
    }

    /** Every IPv6 probe came in pieces of at most {@code size} bytes and reassembles to a valid SYN. */
    private void checkFragments6(Scan s, PortSet scanned, int size, Set<Integer> lengths) {
        assertThat(Capture.syns(s.frames())).as("unfragmented SYNs").isEmpty();
        Set<Integer> seenLengths = new TreeSet<>();
        for (Frame f : s.frames()) {
            if (f.incoming() && f.isFragment6()) {
                Ipv6Extension.Fragment fh = f.header6().fragment().orElseThrow();
                int length = f.header6().payloadLength() - 8;
                assertThat(length).isLessThanOrEqualTo(size);
                assertThat(fh.fragmentOffset() * 8 % size).isZero();
                seenLengths.add(length);
            }
        }
        assertThat(seenLengths).isEqualTo(lengths);
        Set<Integer> ports = new TreeSet<>();
        Map<String, byte[]> whole = Capture.reassemble6(s.frames());
        for (byte[] packet : whole.values()) {
            IpPacket p = IpPacket.parse(ByteBuffer.wrap(packet));
            TcpHeader tcp = (TcpHeader) p.upper();
            assertThat(tcp.syn() && !tcp.ack()).isTrue();
            assertThat(p.checksumValid()).as("reassembled probe to port %d", tcp.destinationPort()).isTrue();
            ports.add(tcp.destinationPort());
        }
        assertThat(ports).hasSize(scanned.size()).allMatch(scanned::contains);
    }

    @Test
    void ipv6DecoysAreSentBesideTheRealProbe() throws Exception {
        Scan s = scan6("v6-decoys", "1-200,443", "-D", "2001:db8:ffff::5,ME,RND:2");
        PortSet scanned = PortSet.parse("1-200,443");
        assertThat(target.truth().mismatches(scanned, s.states(target.ipv6()))).as(s.run().describe()).isEmpty();
        Map<Ipv6Address, Set<Integer>> portsBySource = new HashMap<>();
        for (IpPacket p : Capture.syns(s.frames())) {
            portsBySource.computeIfAbsent(ip6(p).source(), k -> new TreeSet<>())
                    .add(((TcpHeader) p.upper()).destinationPort());
        }
        Ipv6Address decoy = Ipv6Address.parse("2001:db8:ffff::5");
        Ipv6Address me = Ipv6Address.parse(target.scannerIpv6());
        assertThat(portsBySource).as(portsBySource.keySet().toString()).hasSize(4).containsKeys(decoy, me);
        for (Map.Entry<Ipv6Address, Set<Integer>> e : portsBySource.entrySet()) {
            assertThat(e.getValue()).as("ports probed from %s", e.getKey()).hasSize(scanned.size());
            if (!e.getKey().equals(decoy) && !e.getKey().equals(me)) {
                // RND: global unicast 2000::/3, never documentation space
                assertThat(e.getKey().high() >>> 61).as("RND decoy %s", e.getKey()).isEqualTo(1);
                assertThat(e.getKey().high() >>> 32).as("RND decoy %s", e.getKey()).isNotEqualTo(0x20010db8L);
            }
        }
        lab.assertIsolated();
    }

    @Test
    void ipv6SourceAddressOfThisMachineGetsItsAnswers() {
        sh(lab.inScanner("ip", "-6", "addr", "add", SECOND_SOURCE6 + "/128", "dev", target.scannerInterface(),
                "nodad"));
        sh(lab.inTarget(target, "ip", "-6", "route", "add", SECOND_SOURCE6 + "/128", "via", target.scannerIpv6(),
                "dev", LabTarget.INTERFACE));
        try {
            Scan s = scan6("v6-spoof-own", SCANNED.toString(), "-S", SECOND_SOURCE6);
            resultIsTheTruth6(s);
            assertThat(s.run().result().stderr()).doesNotContain("not an address of this machine");
            List<IpPacket> syns = Capture.syns(s.frames());
            assertThat(syns).hasSizeGreaterThanOrEqualTo(SCANNED.size());
            assertThat(syns).allMatch(p -> ip6(p).source().equals(Ipv6Address.parse(SECOND_SOURCE6)));
        } finally {
            sh(lab.inTarget(target, "ip", "-6", "route", "del", SECOND_SOURCE6 + "/128"));
            sh(lab.inScanner("ip", "-6", "addr", "del", SECOND_SOURCE6 + "/128", "dev", target.scannerInterface()));
        }
    }

    @Test
    void ipv6InterfaceOfTheLabLinkWorks() {
        Scan s = scan6("v6-device", SCANNED.toString(), "-e", target.scannerInterface());
        resultIsTheTruth6(s);
        assertThat(Capture.syns(s.frames())).hasSizeGreaterThanOrEqualTo(SCANNED.size());
    }

    @Test
    void anIpv4SourceOrDecoyForAnIpv6TargetIsOneLine() {
        for (List<String> option : List.of(List.of("-S", SECOND_SOURCE), List.of("-D", "192.0.2.5,ME"))) {
            List<String> command = new java.util.ArrayList<>(List.of("scan", "-sS", "-Pn", "-n", "-p", "22"));
            command.addAll(option);
            command.add(target.ipv6());
            Shell.Result r = Shell.run(LabScans.TIMEOUT, null,
                    lab.inScanner(PortolanLauncher.currentJvm().command(command)));
            assertThat(r.exitCode()).as(r.stderr()).isEqualTo(2);
            String address = option.get(1).replace(",ME", "");
            assertThat(r.stderr().strip()).isEqualTo("portolan: " + option.get(0) + " " + address + ": an IPv4 "
                    + (option.get(0).equals("-S") ? "source" : "decoy") + ", but every target is IPv6");
        }
    }
}
