package dev.portolan.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portolan.result.PortState;
import dev.portolan.target.Protocol;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The lab against an independent oracle: nmap, run inside the scanner namespace, must see exactly the truth. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabTest {
    static final PortSet SCANNED = PortSet.range(1, 2000);
    static final LabHost WEB = LabHost.builder("web")
            .listen(22, 80, 443, 1234, 1999)
            .drop("100-109,1501,1503,1505,1507,1509,1600-1604")
            .reject(200, 300, 400, 500, 600)
            .build();
    static final LabHost LOSSY = LabHost.builder("lossy").listen(22).loss(0.02).build();

    private Lab lab;

    @BeforeAll
    void startLab() {
        assumeTrue(Shell.onPath("nmap"), "lab tests skipped: nmap (the oracle) is not installed");
        lab = LabFixture.startOrSkip(WEB, LOSSY);
    }

    @AfterAll
    void closeLab() {
        LabFixture.close(lab);
    }

    private SortedMap<Integer, PortState> nmap(String... extra) {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                "nmap", "-n", "-sT", "-Pn", "-T4", "-p", SCANNED.toString(), "-oX", "-"));
        command.addAll(java.util.List.of(extra));
        Shell.Result r = Shell.run(Duration.ofMinutes(2), null, lab.inScanner(command)).orThrow();
        Map<String, SortedMap<Integer, PortState>> hosts = NmapXml.read(
                new ByteArrayInputStream(r.stdout().getBytes(StandardCharsets.UTF_8)), Protocol.TCP, "nmap stdout");
        assertThat(hosts).hasSize(1);
        return hosts.values().iterator().next();
    }

    @Test
    void nmapSeesExactlyTheGroundTruthOverIpv4() {
        LabTarget web = lab.target("web");
        SortedMap<Integer, PortState> seen = nmap(web.ipv4());
        assertThat(web.truth().mismatches(SCANNED, seen)).isEmpty();
        assertThat(seen.values().stream().filter(s -> s == PortState.OPEN).count()).isEqualTo(5);
        assertThat(seen.values().stream().filter(s -> s == PortState.FILTERED).count()).isEqualTo(25);
    }

    @Test
    void nmapSeesExactlyTheGroundTruthOverIpv6() {
        LabTarget web = lab.target("web");
        SortedMap<Integer, PortState> seen = nmap("-6", web.ipv6());
        assertThat(web.truth().mismatches(SCANNED, seen)).isEmpty();
    }

    @Test
    void scannerNamespaceHasNoDefaultRouteAndNoWayOut() {
        String ns = lab.scannerNamespace();
        assertThat(Shell.check("ip", "-n", ns, "-4", "route", "show", "default").stdout()).isBlank();
        assertThat(Shell.check("ip", "-n", ns, "-6", "route", "show", "default").stdout()).isBlank();
        // asks the routing table only: nothing is sent to these addresses
        Shell.Result v4 = lab.runInScanner(Shell.DEFAULT_TIMEOUT, "ip", "route", "get", Lab.OUTSIDE_IPV4);
        assertThat(v4.exitCode()).isNotZero();
        assertThat(v4.stderr()).contains("Network is unreachable");
        Shell.Result v6 = lab.runInScanner(Shell.DEFAULT_TIMEOUT, "ip", "-6", "route", "get", Lab.OUTSIDE_IPV6);
        assertThat(v6.exitCode()).isNotZero();
        assertThat(v6.stderr()).contains("Network is unreachable");
        // the targets themselves are reachable, over their own link
        assertThat(lab.runInScanner(Shell.DEFAULT_TIMEOUT, "ip", "route", "get", lab.target("lossy").ipv4())
                .orThrow().stdout()).contains("dev " + lab.target("lossy").scannerInterface());
        lab.assertIsolated();
    }

    @Test
    void namespacesCarryTheLabPrefixAndOneSuffix() {
        assertThat(lab.namespaces()).hasSize(3).allMatch(n -> n.startsWith(Lab.PREFIX));
        String suffix = lab.scannerNamespace().substring(lab.scannerNamespace().lastIndexOf('-'));
        assertThat(lab.namespaces()).allMatch(n -> n.endsWith(suffix));
        assertThat(Lab.existingNamespaces()).containsAll(lab.namespaces());
    }

    @Test
    void lossRulesDropPacketsInBothDirections() {
        LabTarget lossy = lab.target("lossy");
        assertThat(lab.lossDrops(lossy)).isEqualTo(new Firewall.LossCounters(0, 0));
        // 1000 probes each way: the chance that 2 % loss drops none is 0.98^1000, about 2e-9
        lab.runInScanner(Duration.ofMinutes(2), "nmap", "-n", "-sT", "-Pn", "-T4", "--max-retries", "1",
                "-p", "1-1000", "-oX", "/dev/null", lossy.ipv4()).orThrow();
        Firewall.LossCounters drops = lab.lossDrops(lossy);
        assertThat(drops.inbound()).isPositive();
        assertThat(drops.outbound()).isPositive();
        assertThat(lab.lossDrops(lab.target("web"))).isEqualTo(new Firewall.LossCounters(0, 0));
    }
}
