package dev.portolan.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portolan.lab.services.Daemons;
import dev.portolan.lab.services.NmapServices;
import dev.portolan.lab.services.ObservedService;
import dev.portolan.lab.services.ServiceGrade;
import dev.portolan.lab.services.ServiceTruth;
import dev.portolan.target.Protocol;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * nmap -sV, run now inside the scanner namespace against the lab daemons, as the oracle: what it reports for each
 * service is read at run time, compared with the truth records, and written to target/nmap-service-oracle.md.
 *
 * <p>Left out of nmap's run because nmap 7.93 spends minutes on them (measured, see docs/lab.md): the drip (157 s),
 * the silent service, the endless banner (nmap buffers it without bound: 2.3 GB after 11 min) and memcached over UDP
 * (105 s). They are what Portolan must do better on; DaemonsLabTest checks that they behave.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NmapServiceOracleTest {
    static final java.util.Set<String> SLOW_FOR_NMAP = java.util.Set.of("drip", "silent", "endless");

    private Lab lab;
    private List<ServiceTruth> truth;
    private List<ObservedService> nmap;
    private long nmapMillis;

    @BeforeAll
    void scan() throws IOException {
        assumeTrue(Shell.onPath("nmap"), "nmap oracle skipped: nmap is not installed");
        lab = LabFixture.startOrSkip(LabHost.builder("svc").daemons(Daemons.ALL).build());
        LabTarget target = lab.target();
        truth = lab.services(target).stream().filter(t -> !SLOW_FOR_NMAP.contains(t.daemon()))
                .filter(t -> !(t.daemon().equals("memcached") && t.protocol() == Protocol.UDP)).toList();
        long t0 = System.nanoTime();
        // TCP and UDP in two runs: together nmap 7.93 took 100 s here instead of 13 s, and missed dnsmasq over UDP
        nmap = new ArrayList<>(nmap(target, "-sS", join(truth, Protocol.TCP)));
        nmap.addAll(nmap(target, "-sU", join(truth, Protocol.UDP)));
        nmapMillis = (System.nanoTime() - t0) / 1_000_000;
        Path report = Path.of("target", "nmap-service-oracle.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, table(ServiceGrade.grade(truth, nmap)));
        System.out.println("nmap -sV over " + truth.size() + " lab ports took " + nmapMillis + " ms; its answers:\n"
                + Files.readString(report));
    }

    @AfterAll
    void close() {
        LabFixture.close(lab);
    }

    private List<ObservedService> nmap(LabTarget target, String technique, String ports) {
        Shell.Result r = lab.runInScanner(Duration.ofMinutes(10), "nmap", "-n", "-Pn", technique, "-sV",
                "-p", ports, "-oX", "-", target.ipv4()).orThrow();
        return NmapServices.read(new ByteArrayInputStream(r.stdout().getBytes(StandardCharsets.UTF_8)), "nmap");
    }

    private static String join(List<ServiceTruth> truth, Protocol protocol) {
        return truth.stream().filter(t -> t.protocol() == protocol).map(t -> Integer.toString(t.port())).distinct()
                .collect(Collectors.joining(","));
    }

    static String table(List<ServiceGrade> grades) {
        List<String> rows = new ArrayList<>(List.of(
                "| port | truth: service | product | version | nmap: service | product | version | extrainfo"
                        + " | named right | version right |",
                "|---|---|---|---|---|---|---|---|---|---|"));
        for (ServiceGrade g : grades) {
            ServiceTruth t = g.truth();
            ObservedService o = g.observed().orElse(null);
            rows.add("| " + t.port() + "/" + t.protocol().label() + " | " + (t.tls() ? "ssl/" : "") + t.service()
                    + " | " + t.product() + " | " + t.version() + " | "
                    + (o == null ? "(not listed) | | | " : o.shownName() + " | " + o.product() + " | " + o.version()
                    + " | " + o.extrainfo()) + " | " + (g.named() ? "yes" : "no") + " | "
                    + (g.versioned() ? "yes" : "no") + " |");
        }
        return String.join("\n", rows) + "\n";
    }

    @Test
    void nmapFindsEveryDaemonPortOpen() {
        for (ServiceTruth t : truth) {
            ObservedService o = nmap.stream().filter(x -> x.port() == t.port() && x.protocol() == t.protocol())
                    .findFirst().orElseThrow(() -> new AssertionError("nmap did not list " + t));
            assertThat(o.state()).as(t.toString()).isEqualTo("open");
        }
    }

    @Test
    void nmapNamesEveryRealServiceAsTheTruthSays() {
        List<ServiceGrade> wrong = ServiceGrade.grade(truth, nmap).stream()
                .filter(g -> !g.truth().product().isEmpty() && !g.named()).toList();
        assertThat(wrong).as("real services nmap names otherwise than the truth records").isEmpty();
    }

    @Test
    void whereNmapNamesTheProductItsVersionAgreesWithTheTruth() {
        // nmap's version may say more ("9.2p1 Debian 2+deb12u10") or only a lower bound ("9.6.0 or later"); where it
        // names another product (MySQL for MariaDB, NTP for chrony) its version is not the product's
        List<ServiceGrade> sameProduct = ServiceGrade.grade(truth, nmap).stream()
                .filter(g -> !g.truth().product().isEmpty())
                .filter(g -> g.observed().map(o -> o.product().toLowerCase(java.util.Locale.ROOT)
                        .contains(g.truth().product().toLowerCase(java.util.Locale.ROOT))).orElse(false))
                .toList();
        assertThat(sameProduct).isNotEmpty();
        assertThat(sameProduct.stream().map(g -> g.observed().get().version())).anyMatch(v -> !v.isEmpty());
        assertThat(sameProduct.stream()
                .filter(g -> !g.observed().get().version().isEmpty())
                .filter(g -> !g.observed().get().version().contains("or later"))
                .filter(g -> !g.versioned())).isEmpty();
    }

    @Test
    void nmapClaimsNoProductForTheHostileServices() {
        assertThat(ServiceGrade.grade(truth, nmap).stream().filter(g -> g.truth().product().isEmpty()))
                .allMatch(ServiceGrade::named);
    }
}
