package dev.portolan.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portolan.lab.LabScans.PortolanRun;
import dev.portolan.result.PortState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code portolan scan -sT}, run inside the lab's scanner namespace, against declared ground truth: every port's
 * state and reason, IPv4 and IPv6, all 65535 ports, beside nmap, and on a path that loses 2 % each way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectScanLabTest {
    static final PortSet SCANNED = PortSet.range(1, 5000);
    static final PortSet ALL = PortSet.range(1, PortSet.MAX_PORT);
    /** 12 open ports spread over 1-5000, both ends included, and three more for the all-ports scan. */
    static final PortSet OPEN = PortSet.parse("1,22,80,443,631,1234,2049,3306,3389,4444,4999,5000,8080,50000,65535");
    static final PortSet DROPPED = spread(new Random(20261122), 200, OPEN).union(PortSet.range(40000, 40009));
    static final PortSet REJECTED = spread(new Random(7), 20, OPEN.union(DROPPED));
    static final LabHost MIXED = LabHost.builder("mixed").listen(OPEN).drop(DROPPED).reject(REJECTED).build();

    static final PortSet LOSSY_SCANNED = PortSet.range(1, 3000);
    static final PortSet LOSSY_OPEN = PortSet.parse("1,21,22,25,80,443,993,1521,2000,2222,2999,3000");
    static final LabHost LOSSY = LabHost.builder("lossy").listen(LOSSY_OPEN)
            .drop(spread(new Random(99), 100, LOSSY_OPEN).intersection(LOSSY_SCANNED)).loss(0.02).build();

    /**
     * A rejected probe's ICMP error is rate-limited by the target's kernel, and on a veth link it can reach the
     * socket while connect() still holds it (the kernel keeps it as a soft error: TcpExtLockDroppedIcmps), so
     * nmap and Portolan alike give a rejected port either the ICMP's reason or no-response; filtered either way.
     */
    static final Set<String> REJECTED_REASONS_V4 = Set.of("host-unreach", "no-response");
    static final Set<String> REJECTED_REASONS_V6 = Set.of("admin-prohibited", "no-response");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;

    private Lab lab;
    private LabScans scans;
    private final Map<String, PortolanRun> runs = new ConcurrentHashMap<>();

    /** {@code count} distinct ports of 2-4998 outside {@code taken}, from {@code random}. */
    static PortSet spread(Random random, int count, PortSet taken) {
        Set<Integer> ports = new TreeSet<>();
        while (ports.size() < count) {
            int p = 2 + random.nextInt(4997);
            if (!taken.contains(p)) {
                ports.add(p);
            }
        }
        return PortSet.of(ports);
    }

    @BeforeAll
    void startLab() {
        lab = LabFixture.startOrSkip(MIXED, LOSSY);
        scans = new LabScans(lab, dir);
    }

    @AfterAll
    void closeLab() {
        LabFixture.close(lab);
    }

    /** Portolan's -Pn scan of {@code address} over {@code ports}, run once and shared by the tests that need it. */
    private PortolanRun portolan(String name, String ports, String address) {
        return runs.computeIfAbsent(name, n -> scans.portolan(n, "-sT", "-Pn", "-n", "-p", ports, address));
    }

    @Test
    void everyPortHasItsTrueStateAndReasonOverIpv4() {
        LabTarget t = lab.target("mixed");
        assertExact(portolan("portolan-v4", "1-5000", t.ipv4()), t.ipv4(), SCANNED, REJECTED_REASONS_V4);
    }

    @Test
    void everyPortHasItsTrueStateAndReasonOverIpv6() {
        LabTarget t = lab.target("mixed");
        assertExact(portolan("portolan-v6", "1-5000", t.ipv6()), t.ipv6(), SCANNED, REJECTED_REASONS_V6);
    }

    @Test
    void allPortsHaveTheirTrueStateAndReason() {
        LabTarget t = lab.target("mixed");
        PortolanRun run = portolan("portolan-all", "-", t.ipv4());
        assertExact(run, t.ipv4(), ALL, REJECTED_REASONS_V4);
        assertThat(run.report().host(t.ipv4()).ports()).hasSize(PortSet.MAX_PORT);
    }

    @Test
    void nmapSeesWhatPortolanSeesOverIpv4() {
        LabTarget t = lab.target("mixed");
        assertSameAsNmap(portolan("portolan-v4", "1-5000", t.ipv4()),
                scans.nmap("nmap-v4", "-sT", "-Pn", "-n", "-p", "1-5000", t.ipv4()));
    }

    @Test
    void nmapSeesWhatPortolanSeesOverIpv6() {
        LabTarget t = lab.target("mixed");
        assertSameAsNmap(portolan("portolan-v6", "1-5000", t.ipv6()),
                scans.nmap("nmap-v6", "-6", "-sT", "-Pn", "-n", "-p", "1-5000", t.ipv6()));
    }

    @Test
    void twoPercentLossEachWayChangesNoState() {
        LabTarget t = lab.target("lossy");
        PortolanRun run = scans.portolan("portolan-lossy", "-sT", "-Pn", "-n", "-p", "1-3000", t.ipv4());
        SortedMap<Integer, PortState> xml = NmapXml.read(run.xml()).get(t.ipv4());
        assertThat(t.truth().mismatches(LOSSY_SCANNED, xml)).as(run.describe()).isEmpty();
        assertThat(t.truth().openFound(xml)).isEqualTo(LOSSY_OPEN.size());
        assertThat(run.report().host(t.ipv4()).states()).isEqualTo(xml);
        // the loss was real: packets were dropped on the way in and on the way out
        Firewall.LossCounters drops = lab.lossDrops(t);
        assertThat(drops.inbound()).isPositive();
        assertThat(drops.outbound()).isPositive();
    }

    /** The XML and JSON reports both give every scanned port its true state, and the JSON its expected reason. */
    private void assertExact(PortolanRun run, String address, PortSet scanned, Set<String> rejectedReasons) {
        LabTarget t = lab.target("mixed");
        Map<String, SortedMap<Integer, PortState>> xml = NmapXml.read(run.xml());
        assertThat(xml.keySet()).as(run.describe()).containsExactly(address);
        assertThat(t.truth().mismatches(scanned, xml.get(address))).as(run.describe()).isEmpty();

        PortolanJson.Report report = run.report();
        assertThat(report.hosts().keySet()).containsExactly(address);
        PortolanJson.Host host = report.host(address);
        assertThat(host.status()).isEqualTo("up");
        assertThat(host.reason()).isEqualTo("user-set");
        assertThat(host.states()).isEqualTo(xml.get(address));
        assertThat(List.of(report.hostsUp(), report.hostsDown(), report.hostsTotal())).containsExactly(1, 0, 1);

        List<String> wrongReasons = new ArrayList<>();
        host.ports().forEach((port, p) -> {
            Set<String> expected = MIXED.listening().contains(port) ? Set.of("syn-ack")
                    : MIXED.dropped().contains(port) ? Set.of("no-response")
                    : MIXED.rejected().contains(port) ? rejectedReasons
                    : Set.of("conn-refused");
            if (!expected.contains(p.reason())) {
                wrongReasons.add(port + ": " + p.reason() + ", expected one of " + expected);
            }
        });
        assertThat(wrongReasons).as(run.describe()).isEmpty();
    }

    /** ndiff finds no changed port state, and neither does the exact port-by-port comparison. */
    private static void assertSameAsNmap(PortolanRun portolan, Path nmap) {
        Ndiff.Result ndiff = Ndiff.compare(nmap, portolan.xml());
        assertThat(ndiff.changes()).as(portolan.describe()).isEmpty();
        assertThat(ndiff.portStatesDiffer()).isFalse();
        assertThat(NmapXml.differences(NmapXml.read(nmap), NmapXml.read(portolan.xml()))).isEmpty();
    }
}
