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
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code portolan scan -sS} (raw IPv4), run inside the lab's scanner namespace as root, against declared ground
 * truth: every port's state and reason, beside {@code nmap -sS}, and on a path that loses 2 % each way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SynScanLabTest {
    static final PortSet SCANNED = ConnectScanLabTest.SCANNED;
    static final LabHost MIXED = ConnectScanLabTest.MIXED;
    static final PortSet LOSSY_SCANNED = ConnectScanLabTest.LOSSY_SCANNED;
    static final PortSet LOSSY_OPEN = ConnectScanLabTest.LOSSY_OPEN;
    static final LabHost LOSSY = LabHost.builder("lossy").listen(LOSSY_OPEN)
            .drop(ConnectScanLabTest.spread(new Random(99), 100, LOSSY_OPEN).intersection(LOSSY_SCANNED))
            .loss(0.02).build();
    /**
     * The lab rejects with ICMP admin-prohibited (code 13), which a raw receiver sees as it is (connect() only sees
     * EHOSTUNREACH); the target's kernel rate-limits its ICMP errors, so some rejected ports get no answer at all.
     */
    static final Set<String> REJECTED_REASONS = Set.of("admin-prohibited", "no-response");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;

    private Lab lab;
    private LabScans scans;
    private final Map<String, PortolanRun> runs = new ConcurrentHashMap<>();

    @BeforeAll
    void startLab() {
        lab = LabFixture.startOrSkip(MIXED, LOSSY);
        scans = new LabScans(lab, dir);
    }

    @AfterAll
    void closeLab() {
        LabFixture.close(lab);
    }

    private PortolanRun mixed() {
        LabTarget t = lab.target("mixed");
        return runs.computeIfAbsent("syn-v4", n -> scans.portolan(n, "-sS", "-Pn", "-n", "-p", "1-5000", t.ipv4()));
    }

    @Test
    void everyPortHasItsTrueStateAndReason() {
        LabTarget t = lab.target("mixed");
        PortolanRun run = mixed();
        assertThat(run.describe()).doesNotContain("scanning with -sT");
        Map<String, SortedMap<Integer, PortState>> xml = NmapXml.read(run.xml());
        assertThat(xml.keySet()).as(run.describe()).containsExactly(t.ipv4());
        assertThat(t.truth().mismatches(SCANNED, xml.get(t.ipv4()))).as(run.describe()).isEmpty();

        PortolanJson.Report report = run.report();
        PortolanJson.Host host = report.host(t.ipv4());
        assertThat(host.status()).isEqualTo("up");
        assertThat(host.states()).isEqualTo(xml.get(t.ipv4()));
        assertThat(host.ports()).hasSize(SCANNED.size());
        List<String> wrongReasons = new ArrayList<>();
        host.ports().forEach((port, p) -> {
            Set<String> expected = MIXED.listening().contains(port) ? Set.of("syn-ack")
                    : MIXED.dropped().contains(port) ? Set.of("no-response")
                    : MIXED.rejected().contains(port) ? REJECTED_REASONS
                    : Set.of("reset");
            if (!expected.contains(p.reason())) {
                wrongReasons.add(port + ": " + p.reason() + ", expected one of " + expected);
            }
        });
        assertThat(wrongReasons).as(run.describe()).isEmpty();
    }

    @Test
    void nmapSynScanSeesWhatPortolanSees() {
        LabTarget t = lab.target("mixed");
        PortolanRun portolan = mixed();
        Path nmap = scans.nmap("nmap-syn-v4", "-sS", "-Pn", "-n", "-p", "1-5000", t.ipv4());
        Ndiff.Result ndiff = Ndiff.compare(nmap, portolan.xml());
        assertThat(ndiff.changes()).as(portolan.describe()).isEmpty();
        assertThat(ndiff.portStatesDiffer()).isFalse();
        assertThat(NmapXml.differences(NmapXml.read(nmap), NmapXml.read(portolan.xml()))).isEmpty();
    }

    @Test
    void twoPercentLossEachWayChangesNoState() {
        LabTarget t = lab.target("lossy");
        PortolanRun run = scans.portolan("syn-lossy", "-sS", "-Pn", "-n", "-p", "1-3000", t.ipv4());
        SortedMap<Integer, PortState> xml = NmapXml.read(run.xml()).get(t.ipv4());
        assertThat(t.truth().mismatches(LOSSY_SCANNED, xml)).as(run.describe()).isEmpty();
        assertThat(t.truth().openFound(xml)).isEqualTo(LOSSY_OPEN.size());
        Firewall.LossCounters drops = lab.lossDrops(t);
        assertThat(drops.inbound()).isPositive();
        assertThat(drops.outbound()).isPositive();
    }
}
