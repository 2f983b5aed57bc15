package dev.portolan.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portolan.lab.LabScans.PortolanRun;
import dev.portolan.result.PortState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code portolan scan -sA/-sW/-sM/-sF/-sN/-sX} and {@code --scanflags} (raw IPv4) inside the lab as root, against
 * declared ground truth read by nmap's rules (every port's state and reason), beside nmap running the same technique
 * (ndiff), and on a path that loses 2 % each way. The target's iptables rules match ports only, without conntrack:
 * a stateless firewall, so ACK probes to dropped ports stay filtered and all others are unfiltered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TcpTechniquesLabTest {
    static final PortSet SCANNED = PortSet.range(1, 1500);
    static final PortSet OPEN = PortSet.parse("1,22,80,443,631,1234,1500");
    static final PortSet DROPPED = ConnectScanLabTest.spread(new Random(31), 25, OPEN).intersection(SCANNED)
            .union(PortSet.range(1400, 1404));
    static final PortSet REJECTED = PortSet.of(77, 777, 1111);
    /**
     * Without its ICMP rate limit the target answers every rejected port with admin-prohibited, so a FIN scan can
     * tell them (filtered) from dropped ones (open|filtered), as the truth needs; the limit is the netns' own.
     */
    static final LabHost TECHS = LabHost.builder("techs").listen(OPEN).drop(DROPPED).reject(REJECTED)
            .setup("sysctl", "-qw", "net.ipv4.icmp_ratelimit=0")
            .setup("sysctl", "-qw", "net.ipv6.icmp.ratelimit=0").build();
    static final PortSet LOSSY_SCANNED = PortSet.range(1, 1200);
    static final PortSet LOSSY_OPEN = PortSet.parse("1,21,22,25,80,443,993,1000,1200");
    static final LabHost LOSSY = LabHost.builder("lossy-techs").listen(LOSSY_OPEN)
            .drop(ConnectScanLabTest.spread(new Random(5), 30, LOSSY_OPEN).intersection(LOSSY_SCANNED))
            .loss(0.02).build();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;

    private Lab lab;
    private LabScans scans;
    private final Map<String, PortolanRun> runs = new ConcurrentHashMap<>();

    @BeforeAll
    void startLab() {
        lab = LabFixture.startOrSkip(TECHS, LOSSY);
        scans = new LabScans(lab, dir);
    }

    @AfterAll
    void closeLab() {
        LabFixture.close(lab);
    }

    /** nmap's option(s), the XML type name, and the truth by nmap's rules. */
    static Stream<Arguments> techniques() {
        return Stream.of(
                Arguments.of(List.of("-sA"), "ack", TechniqueTruth.ACK),
                Arguments.of(List.of("-sW"), "window", TechniqueTruth.WINDOW),
                Arguments.of(List.of("-sM"), "maimon", TechniqueTruth.MAIMON),
                Arguments.of(List.of("-sF"), "fin", TechniqueTruth.SILENT_OPEN),
                Arguments.of(List.of("-sN"), "null", TechniqueTruth.SILENT_OPEN),
                Arguments.of(List.of("-sX"), "xmas", TechniqueTruth.SILENT_OPEN),
                // PSH alone with the FIN scan's rules: a listening Linux port ignores it, a closed one resets
                Arguments.of(List.of("-sF", "--scanflags", "PSH"), "fin", TechniqueTruth.SILENT_OPEN),
                // FIN/ACK with the SYN scan's rules (the default): every answering port is "closed"
                Arguments.of(List.of("--scanflags", "FINACK"), "syn", new TechniqueTruth(
                        new TechniqueTruth.Port(PortState.CLOSED, "reset"),
                        new TechniqueTruth.Port(PortState.CLOSED, "reset"),
                        new TechniqueTruth.Port(PortState.FILTERED, "no-response"),
                        new TechniqueTruth.Port(PortState.FILTERED, "admin-prohibited"))));
    }

    private PortolanRun run(List<String> technique, String address, PortSet ports, String family) {
        String name = String.join("", technique).replace("-", "").replace(" ", "") + "-" + family;
        return runs.computeIfAbsent(name, n -> {
            List<String> args = new java.util.ArrayList<>(technique);
            args.addAll(List.of("-Pn", "-n", "-p", ports.toString(), address));
            return scans.portolan(n, args.toArray(String[]::new));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("techniques")
    void everyPortHasNmapsStateAndReason(List<String> technique, String xmlType, TechniqueTruth truth) {
        LabTarget t = lab.target("techs");
        PortolanRun run = run(technique, t.ipv4(), SCANNED, "v4");
        Map<String, SortedMap<Integer, PortState>> xml = NmapXml.read(run.xml());
        assertThat(xml.keySet()).as(run.describe()).containsExactly(t.ipv4());
        assertThat(xml.get(t.ipv4())).as(run.describe()).isEqualTo(truth.states(TECHS, SCANNED));
        PortolanJson.Host host = run.report().host(t.ipv4());
        assertThat(truth.mismatches(TECHS, SCANNED, host.ports())).as(run.describe()).isEmpty();
        assertThat(readString(run.xml())).contains("<scaninfo type=\"" + xmlType + "\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("techniques")
    void nmapSeesWhatPortolanSees(List<String> technique, String xmlType, TechniqueTruth truth) {
        LabTarget t = lab.target("techs");
        PortolanRun portolan = run(technique, t.ipv4(), SCANNED, "v4");
        List<String> args = new java.util.ArrayList<>(technique);
        args.addAll(List.of("-Pn", "-n", "-p", SCANNED.toString(), t.ipv4()));
        Path nmap = scans.nmap("nmap-" + String.join("", technique).replace("-", ""), args.toArray(String[]::new));
        Ndiff.Result ndiff = Ndiff.compare(nmap, portolan.xml());
        assertThat(ndiff.changes()).as(portolan.describe()).isEmpty();
        assertThat(ndiff.portStatesDiffer()).isFalse();
        assertThat(NmapXml.differences(NmapXml.read(nmap), NmapXml.read(portolan.xml()))).isEmpty();
        // nmap itself matches the truth, so the truth is nmap's answer
        assertThat(NmapXml.read(nmap).get(t.ipv4())).isEqualTo(truth.states(TECHS, SCANNED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("techniques")
    void twoPercentLossEachWayChangesNoState(List<String> technique, String xmlType, TechniqueTruth truth) {
        LabTarget t = lab.target("lossy-techs");
        PortolanRun run = run(technique, t.ipv4(), LOSSY_SCANNED, "lossy");
        SortedMap<Integer, PortState> xml = NmapXml.read(run.xml()).get(t.ipv4());
        assertThat(xml).as(run.describe()).isEqualTo(truth.states(LOSSY, LOSSY_SCANNED));
        Firewall.LossCounters drops = lab.lossDrops(t);
        assertThat(drops.inbound()).isPositive();
        assertThat(drops.outbound()).isPositive();
    }

    /** The raw techniques over IPv6: one of each state table. */
    static Stream<Arguments> ipv6Techniques() {
        return Stream.of(
                Arguments.of(List.of("-sS"), "syn", TechniqueTruth.SYN),
                Arguments.of(List.of("-sA"), "ack", TechniqueTruth.ACK),
                Arguments.of(List.of("-sF"), "fin", TechniqueTruth.SILENT_OPEN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ipv6Techniques")
    void overIpv6EveryPortHasNmapsStateAndReason(List<String> technique, String xmlType, TechniqueTruth truth) {
        LabTarget t = lab.target("techs");
        PortolanRun run = run(technique, t.ipv6(), SCANNED, "v6");
        assertThat(run.describe()).doesNotContain("-sT");
        Map<String, SortedMap<Integer, PortState>> xml = NmapXml.read(run.xml());
        assertThat(xml.keySet()).as(run.describe()).containsExactly(t.ipv6());
        assertThat(xml.get(t.ipv6())).as(run.describe()).isEqualTo(truth.states(TECHS, SCANNED));
        PortolanJson.Host host = run.report().host(t.ipv6());
        assertThat(truth.mismatches(TECHS, SCANNED, host.ports())).as(run.describe()).isEmpty();
        assertThat(readString(run.xml())).contains("<scaninfo type=\"" + xmlType + "\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ipv6Techniques")
    void overIpv6NmapSeesWhatPortolanSees(List<String> technique, String xmlType, TechniqueTruth truth) {
        LabTarget t = lab.target("techs");
        PortolanRun portolan = run(technique, t.ipv6(), SCANNED, "v6");
        List<String> args = new java.util.ArrayList<>(List.of("-6"));
        args.addAll(technique);
        args.addAll(List.of("-Pn", "-n", "-p", SCANNED.toString(), t.ipv6()));
        Path nmap = scans.nmap("nmap6-" + String.join("", technique).replace("-", ""), args.toArray(String[]::new));
        Ndiff.Result ndiff = Ndiff.compare(nmap, portolan.xml());
        assertThat(ndiff.changes()).as(portolan.describe()).isEmpty();
        assertThat(ndiff.portStatesDiffer()).isFalse();
        assertThat(NmapXml.read(nmap).get(t.ipv6())).isEqualTo(truth.states(TECHS, SCANNED));
    }

    @Test
    void discoverySendsSynsWhateverTheTechnique() {
        // a FIN "ping" would get no answer from the open ports 80 and 443: the host is up by their SYN-ACKs
        LabTarget t = lab.target("techs");
        PortSet ports = PortSet.range(1, 100);
        PortolanRun run = scans.portolan("fin-discovery", "-sF", "-n", "--reason",
                "--disable-arp-ping", "-PS80,443", "-p", "1-100", t.ipv4());
        PortolanJson.Host host = run.report().host(t.ipv4());
        assertThat(host.status()).as(run.describe()).isEqualTo("up");
        assertThat(host.reason()).as(run.describe()).isEqualTo("syn-ack");
        assertThat(truth(host)).isEqualTo(TechniqueTruth.SILENT_OPEN.states(TECHS, ports));
    }

    private static SortedMap<Integer, PortState> truth(PortolanJson.Host host) {
        SortedMap<Integer, PortState> states = new java.util.TreeMap<>();
        host.ports().forEach((p, v) -> states.put(p, v.state()));
        return states;
    }

    @Test
    void theFirewallIsStateless() {
        assertThat(Firewall.rules(TECHS, LabTarget.INTERFACE, Firewall.Family.IPV4)).doesNotContain("conntrack")
                .doesNotContain("-m state").doesNotContain("ESTABLISHED");
    }

    private static String readString(Path p) {
        try {
            return java.nio.file.Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
