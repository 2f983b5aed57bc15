package dev.portolan.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portolan.lab.services.Daemon;
import dev.portolan.lab.services.Daemons;
import dev.portolan.lab.services.Endpoint;
import dev.portolan.lab.services.Launch;
import dev.portolan.lab.services.DaemonDir;
import dev.portolan.lab.services.ServiceProbe;
import dev.portolan.lab.services.ServiceTruth;
import dev.portolan.target.Protocol;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every lab daemon, real and hostile, started together in one target namespace: each answers in its own protocol
 * from the scanner namespace with the product and version its truth record says, and all is gone after close.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DaemonsLabTest {
    private Lab lab;
    private long startMillis;
    private List<Long> pids;
    private Path files;

    @BeforeAll
    void startLab() {
        long t0 = System.nanoTime();
        lab = LabFixture.startOrSkip(LabHost.builder("svc").daemons(Daemons.ALL).listen(7).build());
        startMillis = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("all " + Daemons.ALL.size() + " lab daemons started and listening in " + startMillis + " ms");
    }

    @AfterAll
    void closeLab() {
        if (lab == null) {
            return;
        }
        String ns = lab.target().namespace();
        Path files = Lab.FILES.resolve(Lab.PREFIX + ns.substring(ns.lastIndexOf('-') + 1));
        List<Long> pids = Shell.check("ip", "netns", "pids", ns).stdout().lines().map(String::strip)
                .filter(l -> !l.isEmpty()).map(Long::parseLong).toList();
        assertThat(pids).hasSizeGreaterThanOrEqualTo(Daemons.ALL.size());
        assertThat(files.resolve("svc/postgresql/data/PG_VERSION")).exists();
        long t0 = System.nanoTime();
        LabFixture.close(lab);
        System.out.println("lab with all daemons closed in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        // every daemon process and child is gone (a killed child may take a moment to be reaped), and every file
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<Long> alive = pids;
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            alive = alive.stream().filter(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false)).toList();
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
        }
        assertThat(alive).isEmpty();
        assertThat(files).doesNotExist();
    }

    @Test
    void daemonFilesOfAKilledLabAreRemovedByCleanupStale() throws Exception {
        // a lab whose JVM died: its files directory is there, its owner record is not
        Path stale = Lab.FILES.resolve(Lab.PREFIX + "0dead");
        Files.createDirectories(stale.resolve("svc/redis"));
        Files.writeString(stale.resolve("svc/redis/redis.pid"), "1");
        Lab.cleanupStale();
        assertThat(stale).doesNotExist();
        assertThat(lab.services(lab.target())).isNotEmpty();
    }

    /** Runs ServiceProbe (plain Java) inside the scanner namespace; probe → its result line. */
    private Map<String, String> probe(String host, List<String> probes) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-cp", codeSource(), ServiceProbe.class.getName(), host));
        command.addAll(probes);
        Shell.Result r = Shell.run(Duration.ofMinutes(1), null, lab.inScanner(command)).orThrow();
        Map<String, String> results = new LinkedHashMap<>();
        r.stdout().lines().filter(l -> l.startsWith("RESULT ")).forEach(l -> {
            String[] f = l.split(" ", 3);
            results.put(f[1], f[2]);
        });
        return results;
    }

    private static String codeSource() {
        try {
            return Path.of(ServiceProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ServiceProbe kind that speaks {@code t}'s protocol. */
    static String probeKind(ServiceTruth t) {
        return switch (t.service()) {
            case "ssh", "ftp", "smtp", "pop3", "imap" -> "banner";
            case "http" -> t.tls() ? "https" : "http";
            case "redis", "postgresql", "mysql", "snmp", "ntp" -> t.service();
            case "memcached" -> t.protocol() == Protocol.UDP ? "memcached-udp" : "memcached";
            case "domain" -> t.protocol() == Protocol.UDP ? "dns-udp" : "dns-tcp";
            default -> t.daemon();
        };
    }

    /** What the answer of {@code t}'s probe must contain, from its truth record. */
    static List<String> expected(ServiceTruth t) {
        return switch (t.daemon()) {
            case "openssh" -> List.of("SSH-2.0-OpenSSH_" + t.version());
            case "vsftpd" -> List.of("220 (vsFTPd " + t.version() + ")");
            case "exim" -> List.of("220 ", "ESMTP Exim " + t.version());
            case "dovecot" -> List.of(t.service().equals("pop3") ? "+OK Dovecot" : "* OK", "Dovecot");
            case "nginx" -> t.tls() ? List.of("TLSv1.", "CN=lab.example", "200 OK", "Server: nginx/" + t.version())
                    : List.of("HTTP/1.1 200 OK", "Server: nginx/" + t.version());
            case "redis" -> List.of("+PONG", "redis_version:" + t.version());
            case "postgresql" -> List.of("message R auth 10", "SCRAM-SHA-256");
            case "mariadb" -> List.of("protocol 10", t.version() + "-MariaDB");
            case "memcached" -> List.of("VERSION " + t.version());
            case "dnsmasq" -> List.of("A www.lab.example=203.0.113.80", "TXT version.bind=dnsmasq-" + t.version());
            case "snmpd" -> List.of("lab-snmp", "Linux");
            case "chrony" -> List.of("version 4 mode 4 stratum 10");
            case "endless" -> List.of("at least " + (8 << 20) + " bytes");
            case "tls-garbage" -> List.of("16384 bytes");
            case "tcpwrapped" -> List.of("closed after");
            case "silent" -> List.of("silent for 2000 ms");
            case "drip" -> List.of(" bytes in ");
            default -> throw new IllegalArgumentException("no expectation for " + t.daemon());
        };
    }

    @Test
    void everyDaemonAnswersInItsProtocolWithItsTrueVersionOverIpv4() {
        List<ServiceTruth> truth = lab.services(lab.target());
        assertThat(truth).extracting(ServiceTruth::daemon).containsAll(Daemons.ALL.stream().map(Daemon::name).toList());
        Map<String, ServiceTruth> byProbe = new LinkedHashMap<>();
        truth.forEach(t -> byProbe.put(probeKind(t) + ":" + t.port(), t));
        Map<String, String> results = probe(lab.target().ipv4(), List.copyOf(byProbe.keySet()));
        byProbe.forEach((probe, t) -> {
            String result = results.get(probe);
            assertThat(result).as(probe + " for " + t).startsWith("OK ");
            assertThat(result).as(probe + " for " + t).contains(expected(t));
        });
        // one byte a second: two or three bytes in 2.5 s, never the whole banner
        String drip = results.get("drip:" + Daemons.DRIP.defaultPorts().getFirst());
        int bytes = Integer.parseInt(drip.split(" ")[1]);
        assertThat(bytes).as(drip).isBetween(1, 4);
    }

    @Test
    void daemonsAnswerOverIpv6Too() {
        Map<String, String> results = probe(lab.target().ipv6(), List.of("banner:22", "https:443", "dns-udp:53",
                "redis:6379", "mysql:3306", "banner:21"));
        assertThat(results).hasSize(6);
        assertThat(results.values()).allMatch(r -> r.startsWith("OK "), "all OK: " + results);
    }

    @Test
    void truthRecordsCarryTheInstalledPackageVersions() {
        for (ServiceTruth t : lab.services(lab.target())) {
            if (t.packageName().isEmpty()) {
                assertThat(t.product()).isEmpty();
                assertThat(t.version()).isEmpty();
                continue;
            }
            String dpkg = Shell.check("dpkg-query", "-W", "-f=${Version}", t.packageName()).stdout().strip();
            assertThat(t.packageVersion()).isEqualTo(dpkg);
            // what the binary says of itself agrees with its package
            assertThat(dpkg).as(t.toString()).contains(t.version());
            assertThat(t.product()).isNotBlank();
        }
    }

    @Test
    void daemonPortsAreOpenInTheGroundTruth() {
        LabHost spec = lab.target().spec();
        assertThat(spec.truth().open().contains(22)).isTrue();
        assertThat(spec.truth().open().contains(7)).isTrue();
        assertThat(spec.daemonPorts(Protocol.UDP).contains(53)).isTrue();
        assertThat(spec.daemonPorts(Protocol.UDP).contains(161)).isTrue();
        assertThat(spec.daemonPorts(Protocol.TCP).contains(161)).isFalse();
    }

    @Test
    void aDaemonThatDiesAtOnceFailsTheLabAndLeavesNothing() {
        Daemon broken = new Daemon() {
            @Override public String name() { return "broken"; }
            @Override public String product() { return ""; }
            @Override public String packageName() { return ""; }
            @Override public List<Integer> defaultPorts() { return List.of(4444); }
            @Override public List<Endpoint> endpoints(List<Integer> ports) {
                return List.of(Endpoint.tcp(ports.getFirst(), "unknown"));
            }
            @Override public List<String> executables() { return List.of("/bin/sh"); }
            @Override public Launch prepare(DaemonDir dir, List<Integer> ports) {
                return Launch.asRoot(List.of("/bin/sh", "-c", "echo no config for you >&2; exit 3"));
            }
        };
        List<String> before = Lab.existingNamespaces();
        assertThatThrownBy(() -> Lab.start(LabHost.builder("bad").daemon(broken).daemon(Daemons.REDIS).build()))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("broken exited with 3")
                .hasMessageContaining("no config for you");
        assertThat(Lab.existingNamespaces()).isSubsetOf(before);
    }
}
