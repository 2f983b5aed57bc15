package dev.portolan.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portolan.lab.LabScans.PortolanRun;
import dev.portolan.result.PortState;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several hosts in one command, with host discovery: Portolan's connect "ping" (TCP connect to 80 and 443, as nmap
 * does without raw sockets) must find exactly the hosts that answer there, and the port scan of the whole block
 * must give every host its true status and every port of every up host its true state, as nmap does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiHostLabTest {
    static final PortSet SCANNED = PortSet.range(1, 1000);
    static final List<LabHost> HOSTS = List.of(
            LabHost.builder("web").listen(22, 80, 443).drop("100-109").reject(200).build(),
            // nothing listens: every port answers RST, so the ping finds it up by conn-refused
            LabHost.builder("closed").build(),
            LabHost.builder("https-only").listen(443, 993).drop(80).reject(25).build(),
            // nothing answers the ping (80 and 443 dropped): down, though its other ports would answer RST
            LabHost.builder("dark").drop(80, 443).build());
    /** The lab's four links are 198.51.100.0/30 to .12/30: this block holds them all, both ends. */
    static final String BLOCK_V4 = "198.51.100.0/28";
    static final String BLOCK_V6 = "2001:db8::/124";
    /** What the connect ping of each target finds (the scanner's own addresses are up without a probe). */
    static final Map<String, String> PING_REASONS = Map.of(
            "web", "syn-ack", "closed", "conn-refused", "https-only", "syn-ack");

    static final GroundTruth NOTHING_LISTENS = new GroundTruth(PortSet.none(), PortSet.none());

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;

    private Lab lab;
    private LabScans scans;

    @BeforeAll
    void startLab() {
        lab = LabFixture.startOrSkip(HOSTS);
        scans = new LabScans(lab, dir);
    }

    @AfterAll
    void closeLab() {
        LabFixture.close(lab);
    }

    /** The 16 addresses of the block, 198.51.100.0-15 or 2001:db8::-f. */
    private static List<String> block(boolean ipv6) {
        return IntStream.range(0, 16).mapToObj(i -> !ipv6 ? "198.51.100." + i
                : i == 0 ? "2001:db8::" : "2001:db8::" + Integer.toHexString(i)).toList();
    }

    /**
     * Address → the status and reason its discovery must give: the targets that answer on 80 or 443 up by that
     * answer, the scanner's own addresses up without a probe, the dark target down for want of an answer, and the
     * rest of the block (links' network and broadcast addresses) down for whatever reason.
     */
    private Map<String, String> expectedStatuses(boolean ipv6) {
        Map<String, String> expected = new TreeMap<>();
        for (String address : block(ipv6)) {
            expected.put(address, "down");
        }
        for (LabTarget t : lab.targets()) {
            expected.put(ipv6 ? t.scannerIpv6() : t.scannerIpv4(), "up localhost-response");
            String ping = PING_REASONS.get(t.name());
            expected.put(ipv6 ? t.ipv6() : t.ipv4(), ping == null ? "down no-response" : "up " + ping);
        }
        return expected;
    }

    private Set<String> upAddresses(boolean ipv6) {
        Set<String> up = new TreeSet<>();
        expectedStatuses(ipv6).forEach((address, status) -> {
            if (status.startsWith("up")) {
                up.add(address);
            }
        });
        return up;
    }

    /** Every host of the report has the expected status (and reason, where one is certain); all are listed. */
    private void assertStatuses(PortolanRun run, boolean ipv6, boolean downListed) {
        Map<String, String> expected = new TreeMap<>(expectedStatuses(ipv6));
        if (!downListed) {
            expected.values().removeIf(s -> s.startsWith("down"));
        }
        Map<String, String> actual = new TreeMap<>();
        run.report().hosts().forEach((address, h) -> {
            // where the expectation names no reason, the reason is left out of the comparison
            boolean withReason = expected.getOrDefault(address, " ").contains(" ");
            actual.put(address, withReason ? h.status() + " " + h.reason() : h.status());
        });
        assertThat(actual).as(run.describe()).isEqualTo(expected);
        PortolanJson.Report report = run.report();
        int up = upAddresses(ipv6).size();
        assertThat(List.of(report.hostsUp(), report.hostsDown(), report.hostsTotal()))
                .containsExactly(up, 16 - up, 16);
    }

    @Test
    void sharedScannerSourcesReachEveryTargetAndLeaveTheLabIsolated() {
        Lab.ScannerSources sources = lab.addSharedScannerSources(2);
        assertThat(sources.ipv4()).containsExactly("192.0.2.17", "192.0.2.18");
        List<String> args = new java.util.ArrayList<>(List.of("-sU", "-Pn", "-n", "-p", "22", "-S",
                String.join(",", sources.ipv4())));
        lab.targets().forEach(t -> args.add(t.ipv4()));
        PortolanRun run = scans.portolan("shared-sources", args.toArray(String[]::new));
        // an unreachable from each target came back to the scanner's shared addresses: closed, not open|filtered
        Map<String, SortedMap<Integer, PortState>> udp = NmapXml.read(run.xml(), dev.portolan.target.Protocol.UDP);
        for (LabTarget t : lab.targets()) {
            assertThat(udp.get(t.ipv4())).as(run.describe()).containsExactly(Map.entry(22, PortState.CLOSED));
        }
        lab.assertIsolated();
    }

    @Test
    void portScanOfTheBlockGivesEveryHostItsStatusAndEveryPortItsState() {
        PortolanRun run = scans.portolan("portolan-block", "--unprivileged", "-sT", "-n", "-v", "-p", "1-1000", BLOCK_V4);
        // -v lists the hosts found down too: all 16 addresses, each once
        assertStatuses(run, false, true);
        PortolanJson.Report report = run.report();
        Map<String, SortedMap<Integer, PortState>> xml = NmapXml.read(run.xml());
        for (PortolanJson.Host host : report.hosts().values()) {
            assertThat(host.states()).as(host.address()).isEqualTo(xml.get(host.address()));
            if (host.status().equals("down")) {
                assertThat(host.ports()).as(host.address()).isEmpty();
            }
        }
        for (LabTarget t : lab.targets()) {
            if (PING_REASONS.containsKey(t.name())) {
                assertThat(t.truth().mismatches(SCANNED, report.host(t.ipv4()).states()))
                        .as(t.name() + "\n" + run.describe()).isEmpty();
            }
            // the scanner's own address on the link: nothing listens there
            assertThat(NOTHING_LISTENS.mismatches(SCANNED, report.host(t.scannerIpv4()).states()))
                    .as(t.scannerIpv4()).isEmpty();
        }

        Path nmap = scans.nmap("nmap-block", "--unprivileged", "-sT", "-n", "-v", "-p", "1-1000", BLOCK_V4);
        Ndiff.Result ndiff = Ndiff.compare(nmap, run.xml());
        assertThat(ndiff.changes()).as(run.describe()).isEmpty();
        assertThat(ndiff.portStatesDiffer()).isFalse();
        assertThat(NmapXml.differences(NmapXml.read(nmap), xml)).isEmpty();
        assertThat(upHosts(NmapXml.read(nmap))).isEqualTo(upAddresses(false));
    }

    @Test
    void pingScanOfTheBlockFindsExactlyTheHostsThatAnswer() {
        PortolanRun run = scans.portolan("portolan-ping", "--unprivileged", "-sn", "-n", BLOCK_V4);
        // without -v a report lists the hosts found up only
        assertStatuses(run, false, false);
        assertThat(run.report().hosts().values()).allSatisfy(h -> assertThat(h.ports()).isEmpty());
        assertThat(NmapXml.read(run.xml()).keySet()).isEqualTo(run.report().hosts().keySet());

        Path nmap = scans.nmap("nmap-ping", "--unprivileged", "-sn", "-n", BLOCK_V4);
        assertThat(new TreeSet<>(NmapXml.read(nmap).keySet())).isEqualTo(upAddresses(false));
        assertThat(Ndiff.compare(nmap, run.xml()).changes()).isEmpty();
    }

    @Test
    void pingScanOverIpv6FindsExactlyTheHostsThatAnswer() {
        assertStatuses(scans.portolan("portolan-ping6", "--unprivileged", "-sn", "-n", "-v", BLOCK_V6), true, true);
    }

    private static Set<String> upHosts(Map<String, SortedMap<Integer, PortState>> report) {
        Map<String, SortedMap<Integer, PortState>> withPorts = new LinkedHashMap<>(report);
        withPorts.values().removeIf(Map::isEmpty);
        return new TreeSet<>(withPorts.keySet());
    }
}
