package dev.portolan.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portolan.lab.LabScans.PortolanRun;
import dev.portolan.lab.services.Daemons;
import dev.portolan.lab.services.NmapServices;
import dev.portolan.lab.services.ObservedService;
import dev.portolan.lab.services.ServiceGrade;
import dev.portolan.lab.services.ServiceTruth;
import dev.portolan.target.Protocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code portolan scan -sV} against real Debian daemons and hostile services in a lab namespace: every daemon named
 * with its installed version (read at run time from the package), the HTTPS certificate shown, and the hostile
 * services (drip, endless banner, TLS garbage, tcpwrapped, silent) costing no more than their timeouts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VersionLabTest {
    /**
     * Daemons whose wire protocol does not tell their version to a client that has not logged in: Dovecot's greeting
     * says "Dovecot (Debian) ready", PostgreSQL answers a startup with its authentication request. nmap gives no
     * version for them either (docs/lab.md); for these a version, if one is claimed, must still be right.
     */
    static final java.util.Set<String> VERSION_NOT_ON_THE_WIRE = java.util.Set.of("dovecot", "postgresql");

    /** Far below nmap's minutes on the same hostile services, and above the 20 s a port may take at most. */
    static final long WALL_LIMIT_MILLIS = 45_000;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;

    private Lab lab;
    private List<ServiceTruth> truth;
    private PortolanRun run;
    private long millis;
    private List<ServiceGrade> grades;

    @BeforeAll
    void scan() throws IOException {
        lab = LabFixture.startOrSkip(LabHost.builder("svc").daemons(Daemons.TCP_SERVICES).daemons(Daemons.HOSTILE)
                .build());
        LabTarget target = lab.target();
        truth = lab.services(target).stream().filter(t -> t.protocol() == Protocol.TCP).toList();
        String ports = truth.stream().map(t -> Integer.toString(t.port())).distinct()
                .collect(Collectors.joining(","));
        long t0 = System.nanoTime();
        run = new LabScans(lab, dir).portolan("sv", "-sS", "-sV", "-n", "-Pn", "-p", ports, target.ipv4());
        millis = (System.nanoTime() - t0) / 1_000_000;
        List<ObservedService> seen = NmapServices.read(run.xml());
        grades = ServiceGrade.grade(truth, seen);
        Path table = Path.of("target", "portolan-service-table.md");
        Files.createDirectories(table.getParent());
        Files.writeString(table, NmapServiceOracleTest.table(grades).replace("nmap:", "portolan:"));
        System.out.println("portolan -sV over " + truth.size() + " lab ports took " + millis + " ms:\n"
                + Files.readString(table));
    }

    @AfterAll
    void close() {
        LabFixture.close(lab);
    }

    @Test
    void everyDaemonIsNamedWithItsInstalledVersion() {
        List<ServiceGrade> real = grades.stream().filter(g -> !g.truth().product().isEmpty()).toList();
        assertThat(real).hasSizeGreaterThanOrEqualTo(10);
        assertThat(real.stream().filter(g -> !g.named()).map(ServiceGrade::truth).toList())
                .as("daemons named otherwise than the truth says\n%s", run.describe()).isEmpty();
        assertThat(real.stream().filter(g -> !g.versioned())
                .filter(g -> !VERSION_NOT_ON_THE_WIRE.contains(g.truth().daemon())
                        || !g.observed().map(ObservedService::version).orElse("").isEmpty())
                .map(g -> g.truth() + " seen as " + g.observed()).toList())
                .as("daemons without their installed version (or with a wrong one)").isEmpty();
    }

    @Test
    void hostileServicesClaimNothingAndCostOnlyTheirTimeouts() {
        List<ServiceGrade> hostile = grades.stream().filter(g -> g.truth().product().isEmpty()).toList();
        assertThat(hostile).hasSize(Daemons.HOSTILE.size());
        assertThat(hostile).allSatisfy(g -> assertThat(g.named()).as(g.toString()).isTrue());
        assertThat(millis).as("wall time of the whole -sV scan").isLessThan(WALL_LIMIT_MILLIS);
    }

    @Test
    void theHttpsCertificateIsShown() throws IOException {
        ServiceTruth https = truth.stream().filter(ServiceTruth::tls).findFirst().orElseThrow();
        JsonNode ports = new ObjectMapper().readTree(run.json().toFile()).get("hosts").get(0).get("ports");
        JsonNode port = null;
        for (JsonNode p : ports) {
            if (p.get("port").asInt() == https.port()) {
                port = p;
            }
        }
        assertThat(port).as("port %d in the JSON report", https.port()).isNotNull();
        JsonNode tls = port.get("service_info").get("tls");
        assertThat(tls.get("certificates").get(0).get("subject").asText()).contains("CN=lab.example");
        assertThat(tls.get("versions").size()).isPositive();
        assertThat(run.result().stdout()).contains("ssl-cert: Subject:");
    }
}
