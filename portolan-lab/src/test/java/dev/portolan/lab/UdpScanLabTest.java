package dev.portolan.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portolan.lab.LabScans.PortolanRun;
import dev.portolan.packet.IpPacket;
import dev.portolan.packet.Ipv4Header;
import dev.portolan.packet.UdpHeader;
import dev.portolan.result.PortState;
import dev.portolan.target.Protocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code portolan scan -sU} in the lab against declared truth, with the target kernel's ICMP rate limit left on
 * (about one unreachable per second to the scanner): echo listeners are open, iptables DROP is open|filtered,
 * REJECT with admin-prohibited is filtered, every other port closed, each with nmap's reason, on IPv4 and IPv6,
 * alone and beside a SYN scan in the same run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UdpScanLabTest {
    static final PortSet UDP_SCANNED = PortSet.range(1, 40);
    static final LabHost HOST = LabHost.builder("udp").listen(22, 80)
            .listenUdp("7,53,123,161").dropUdp("20-22").rejectUdp("30,31").build();

    /** Three more hosts like {@link #HOST}: many rate-limited hosts at once take about as long as one. */
    static final List<LabHost> MORE = List.of(copy("udp-b"), copy("udp-c"), copy("udp-d"));

    private static LabHost copy(String name) {
        return LabHost.builder(name).listenUdp("7,53,123,161").dropUdp("20-22").rejectUdp("30,31").build();
    }

    /** A host for real daemons (dnsmasq, chronyd, snmpd) that the test starts and stops itself. */
    static final LabHost SERVICES = LabHost.builder("services").build();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;

    private Lab lab;
    private LabScans scans;
    /** Eight more scanner addresses on the link to "udp", routed back from it: sources for -S. */
    private Lab.ScannerSources sources;

    @BeforeAll
    void startLab() {
        List<LabHost> all = new ArrayList<>(List.of(HOST, SERVICES));
        all.addAll(MORE);
        lab = LabFixture.startOrSkip(all);
        scans = new LabScans(lab, dir);
        sources = lab.addScannerSources(lab.target("udp"), 8);
    }

    @AfterAll
    void closeLab() {
        LabFixture.close(lab);
    }

    /** Every scanned UDP port's state is the truth and its reason nmap's; empty when all are right. */
    static List<String> wrongUdpPorts(PortolanRun run, String address) {
        return wrongUdpPorts(run, address, UDP_SCANNED);
    }

    static List<String> wrongUdpPorts(PortolanRun run, String address, PortSet scanned) {
        List<String> wrong = new ArrayList<>();
        SortedMap<Integer, PortState> xml = NmapXml.read(run.xml(), Protocol.UDP).get(address);
        PortolanJson.Host host = PortolanJson.read(run.json(), "udp").host(address);
        UdpPorts truth = HOST.udp();
        scanned.stream().forEach(port -> {
            PortState expected = truth.stateOf(port);
            String reason = switch (expected) {
                case OPEN -> "udp-response";
                case OPEN_FILTERED -> "no-response";
                case FILTERED -> "admin-prohibited";
                default -> "port-unreach";
            };
            PortolanJson.Port p = host.ports().get(port);
            if (xml.get(port) != expected || p == null || p.state() != expected || !p.reason().equals(reason)) {
                wrong.add(port + ": expected " + expected + " (" + reason + "), got " + xml.get(port) + " / " + p);
            }
        });
        if (xml.size() != scanned.size()) {
            wrong.add("XML reports " + xml.size() + " UDP ports, scanned " + scanned.size());
        }
        return wrong;
    }

    @Test
    void synAndUdpInOneRunReportTheHostOnceWithEveryStateRightDespiteTheRateLimit() {
        LabTarget t = lab.target("udp");
        Instant start = Instant.now();
        PortolanRun run = scans.portolan("syn-udp-v4", "-sS", "-sU", "-Pn", "-n", "-p",
                "T:1-100,U:" + UDP_SCANNED, t.ipv4());
        Duration wall = Duration.between(start, Instant.now());
        assertThat(wrongUdpPorts(run, t.ipv4())).as(run.describe()).isEmpty();
        Map<String, SortedMap<Integer, PortState>> tcp = NmapXml.read(run.xml(), Protocol.TCP);
        assertThat(tcp.keySet()).containsExactly(t.ipv4());
        assertThat(t.truth().mismatches(PortSet.range(1, 100), tcp.get(t.ipv4()))).as(run.describe()).isEmpty();
        assertThat(PortolanJson.read(run.json()).hostsTotal()).isEqualTo(1);
        // 30 closed ports at about one unreachable a second, after a burst of about six: well under a minute
        assertThat(wall).as(run.describe()).isLessThan(Duration.ofSeconds(75));
    }

    @Test
    void fourRateLimitedHostsTakeAboutAsLongAsOne() {
        List<String> addresses = new ArrayList<>(List.of(lab.target("udp").ipv4()));
        MORE.forEach(h -> addresses.add(lab.target(h.name()).ipv4()));
        List<String> args = new ArrayList<>(List.of("-sU", "-Pn", "-n", "-p", UDP_SCANNED.toString()));
        args.addAll(addresses);
        Instant start = Instant.now();
        PortolanRun run = scans.portolan("udp-four", args.toArray(String[]::new));
        Duration wall = Duration.between(start, Instant.now());
        for (String a : addresses) {
            assertThat(wrongUdpPorts(run, a)).as(a + "\n" + run.describe()).isEmpty();
        }
        // one host alone needs about 30 s (30 closed ports at one unreachable a second, after a burst of ~6);
        // hosts one after another would need four times that
        assertThat(wall).as(run.describe()).isLessThan(Duration.ofSeconds(75));
    }

    /**
     * -g, --ttl, --data-length and -e, which nmap's -sU honours, shape every UDP probe on the wire (a capture on the
     * target), and every state stays the truth: the random bytes still draw the echo services' answers.
     */
    @Test
    void sourcePortTtlDataLengthAndInterfaceShapeEveryProbe() {
        LabTarget t = lab.target("udp");
        PortSet scanned = PortSet.parse("1,7,20-22,30,31,53");
        PortolanRun run;
        List<Capture.Frame> frames;
        try (Capture capture = Capture.on(lab, t)) {
            run = scans.portolan("udp-crafted", "-sU", "-Pn", "-n", "-p", scanned.toString(), "-g", "5353", "--ttl",
                    "33", "--data-length", "40", "-e", t.scannerInterface(), t.ipv4());
            frames = capture.stop();
        }
        assertThat(wrongUdpPorts(run, t.ipv4(), scanned)).as(run.describe()).isEmpty();
        assertThat(run.result().stderr()).doesNotContain("ignored");
        java.util.Set<Integer> probed = new java.util.TreeSet<>();
        for (IpPacket p : Capture.udp(frames)) {
            Ipv4Header ip = (Ipv4Header) p.ip();
            UdpHeader udp = (UdpHeader) p.upper();
            assertThat(udp.sourcePort()).as(run.describe()).isEqualTo(5353);
            assertThat(ip.ttl()).isEqualTo(33);
            assertThat(p.payload().length()).isEqualTo(40);
            // no checksum check: the kernel builds these datagrams, and on a veth it leaves the sum to offload
            probed.add(udp.destinationPort());
        }
        java.util.Set<Integer> expected = new java.util.TreeSet<>();
        scanned.stream().forEach(expected::add);
        assertThat(probed).isEqualTo(expected);
    }

    /** Where nmap is right (few enough ICMP errors that its rate limit does not bite), both agree port for port. */
    @Test
    void nmapUdpScanSeesWhatPortolanSees() {
        LabTarget t = lab.target("udp");
        String ports = "1,2,7,20-22,30,31,53,123,161";
        Path nmap = scans.nmap("nmap-udp", "-sU", "-Pn", "-n", "-p", ports, t.ipv4());
        PortolanRun portolan = scans.portolan("udp-like-nmap", "-sU", "-Pn", "-n", "-p", ports, t.ipv4());
        Ndiff.Result ndiff = Ndiff.compare(nmap, portolan.xml());
        assertThat(ndiff.changes()).as(portolan.describe()).isEmpty();
        assertThat(ndiff.portStatesDiffer()).isFalse();
        assertThat(NmapXml.differences(NmapXml.read(nmap, Protocol.UDP), NmapXml.read(portolan.xml(), Protocol.UDP)))
                .isEmpty();
        assertThat(NmapXml.read(portolan.xml(), Protocol.UDP).get(t.ipv4())).hasSize(11);
        // and each answer's reason and TTL (reason_ttl: 64 from the target, 0 where nothing came back)
        assertThat(reasons(portolan.xml())).as(portolan.describe()).isEqualTo(reasons(nmap))
                .containsValue("udp-response 64").containsValue("port-unreach 64")
                .containsValue("admin-prohibited 64").containsValue("no-response 0");
    }

    /** Each UDP port's reason and reason_ttl in an nmap-format XML report. */
    private static Map<Integer, String> reasons(Path xml) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<port protocol=\"udp\" portid=\"(\\d+)\">"
                + "<state state=\"[^\"]+\" reason=\"([^\"]+)\" reason_ttl=\"(\\d+)\"").matcher(read(xml));
        Map<Integer, String> reasons = new java.util.TreeMap<>();
        while (m.find()) {
            reasons.put(Integer.parseInt(m.group(1)), m.group(2) + " " + m.group(3));
        }
        return reasons;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The target limits its unreachables per source address: from one source, 191 closed ports of 1-200 take
     * about 200 s (README); from eight, about an eighth of that, every state still exact.
     */
    @Test
    void eightSourceAddressesGetEightTimesTheUnreachablesWithEveryStateRight() {
        LabTarget t = lab.target("udp");
        PortSet scanned = PortSet.range(1, 200);
        Instant start = Instant.now();
        PortolanRun run = scans.portolan("udp-sources-v4", "-sU", "-Pn", "-n", "-p", scanned.toString(), "-S",
                String.join(",", sources.ipv4()), t.ipv4());
        Duration wall = Duration.between(start, Instant.now());
        System.out.println("-sU -p 1-200 from 8 IPv4 sources: " + wall.toMillis() + " ms");
        assertThat(wrongUdpPorts(run, t.ipv4(), scanned)).as(run.describe()).isEmpty();
        // one source gets ~6 + 1/s unreachables: 191 closed ports could not be told apart within a minute
        assertThat(wall).as(run.describe()).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void eightIpv6SourceAddressesGiveEveryStateRight() {
        LabTarget t = lab.target("udp");
        PortSet scanned = PortSet.range(1, 200);
        Instant start = Instant.now();
        PortolanRun run = scans.portolan("udp-sources-v6", "-sU", "-Pn", "-n", "-p", scanned.toString(), "-S",
                sources.ipv6().getFirst() + "-" + sources.ipv6().getLast(), t.ipv6());
        Duration wall = Duration.between(start, Instant.now());
        System.out.println("-sU -p 1-200 from 8 IPv6 sources: " + wall.toMillis() + " ms");
        assertThat(wrongUdpPorts(run, t.ipv6(), scanned)).as(run.describe()).isEmpty();
        assertThat(wall).as(run.describe()).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void aSourceThatIsNotThisMachinesIsRefusedInOneLine() {
        LabTarget t = lab.target("udp");
        Shell.Result r = PortolanLauncher.currentJvm().runInScanner(lab, Duration.ofSeconds(60),
                List.of("scan", "-sU", "-Pn", "-n", "-p", "53", "-S", sources.ipv4().getFirst() + ",203.0.113.250",
                        t.ipv4()));
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(2);
        assertThat(r.stderr().lines().filter(l -> !l.isBlank()).toList()).as(r.stderr()).singleElement()
                .asString().contains("-S 203.0.113.250", "not an address of this machine");
    }

    @Test
    void udpOverIpv6() {
        LabTarget t = lab.target("udp");
        PortolanRun run = scans.portolan("udp-v6", "-sU", "-Pn", "-n", "-p", UDP_SCANNED.toString(), t.ipv6());
        assertThat(wrongUdpPorts(run, t.ipv6())).as(run.describe()).isEmpty();
    }

    @Test
    void defeatingTheRateLimitFindsEveryOpenPortFast() {
        LabTarget t = lab.target("udp");
        Instant start = Instant.now();
        PortolanRun run = scans.portolan("udp-defeat", "-sU", "--defeat-icmp-ratelimit", "-Pn", "-n", "-p", "1-200",
                t.ipv4());
        Duration wall = Duration.between(start, Instant.now());
        SortedMap<Integer, PortState> xml = NmapXml.read(run.xml(), Protocol.UDP).get(t.ipv4());
        assertThat(xml).hasSize(200);
        List<String> wrong = new ArrayList<>();
        xml.forEach((port, state) -> {
            PortState truth = HOST.udp().stateOf(port);
            boolean ok = switch (truth) {
                case OPEN, OPEN_FILTERED -> state == truth;
                // a REJECT or a closed port may have had its ICMP error held back by the limit: then open|filtered
                default -> state == truth || state == PortState.OPEN_FILTERED;
            };
            if (!ok) {
                wrong.add(port + ": " + state + ", truth " + truth);
            }
        });
        assertThat(wrong).as(run.describe()).isEmpty();
        assertThat(wall).as(run.describe()).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void realDnsNtpAndSnmpServersAnswerTheirPayloads() throws Exception {
        for (String daemon : List.of("dnsmasq", "chronyd", "snmpd")) {
            assumeTrue(Shell.onPath(daemon) || Files.isExecutable(Path.of("/usr/sbin", daemon)),
                    daemon + " is not installed");
        }
        LabTarget t = lab.target("services");
        Path chrony = dir.resolve("chrony.conf");
        Files.writeString(chrony, "allow\ncmdport 0\npidfile " + dir.resolve("chronyd.pid") + "\n");
        Path snmp = dir.resolve("snmpd.conf");
        Files.writeString(snmp, "rocommunity public\nrocommunity6 public\n");
        List<Process> daemons = new ArrayList<>();
        try {
            daemons.add(inTarget(t, "/usr/sbin/dnsmasq", "-k", "--conf-file=/dev/null", "--no-resolv", "--no-hosts",
                    "--port=53", "--pid-file=" + dir.resolve("dnsmasq.pid"), "--user=root"));
            daemons.add(inTarget(t, "/usr/sbin/chronyd", "-d", "-x", "-f", chrony.toString()));
            daemons.add(inTarget(t, "/usr/sbin/snmpd", "-f", "-Lo", "-C", "-c", snmp.toString(), "-p",
                    dir.resolve("snmpd.pid").toString(), "udp:161"));
            awaitUdpListeners(t, List.of(53, 123, 161));
            PortolanRun run = scans.portolan("udp-daemons", "-sU", "-Pn", "-n", "--reason", "-p", "53,54,123,161",
                    t.ipv4());
            SortedMap<Integer, PortState> xml = NmapXml.read(run.xml(), Protocol.UDP).get(t.ipv4());
            assertThat(xml).as(run.describe()).containsEntry(53, PortState.OPEN).containsEntry(123, PortState.OPEN)
                    .containsEntry(161, PortState.OPEN).containsEntry(54, PortState.CLOSED).hasSize(4);
            assertThat(run.result().stdout()).contains("53/udp", "domain", "123/udp", "ntp", "161/udp", "snmp");
        } finally {
            for (Process p : daemons) {
                p.destroy();
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    private static Process inTarget(LabTarget t, String... command) throws Exception {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", t.namespace()));
        full.addAll(List.of(command));
        // ip netns exec execs the daemon itself: this process is the daemon, kept in the foreground
        return new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(dir.resolve(Path.of(command[0]).getFileName() + ".log").toFile()).start();
    }

    private static void awaitUdpListeners(LabTarget t, List<Integer> ports) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            String out = Shell.check("ip", "netns", "exec", t.namespace(), "ss", "-Hunl").stdout();
            if (ports.stream().allMatch(p -> out.matches("(?s).*:" + p + "\\s.*"))) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("daemons not listening on " + ports + ":\n" + out);
            }
            Thread.sleep(200);
        }
    }
}
