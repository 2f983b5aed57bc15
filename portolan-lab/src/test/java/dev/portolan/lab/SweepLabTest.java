package dev.portolan.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portolan.result.PortState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A target that answers for a whole /15 (the sweep benchmark's "small internet"), beside an ordinary one. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SweepLabTest {
    /** Addresses of the range the sweep target drops everything for: down in a ping sweep. */
    static final String DARK = "198.19.128.0/24";
    static final LabHost SWEEP = LabHost.builder("sweep").listen(80).answerFor("198.18.0.0/15")
            .setup("iptables", "-A", "INPUT", "-d", DARK, "-j", "DROP").build();
    static final LabHost PLAIN = LabHost.builder("plain").listen(22).build();

    private Lab lab;
    @TempDir
    Path dir;

    @BeforeAll
    void startLab() {
        lab = LabFixture.startOrSkip(SWEEP, PLAIN);
    }

    @AfterAll
    void closeLab() {
        LabFixture.close(lab);
    }

    /** Exit code of a TCP connect from the scanner namespace: 0 connected, 1 refused or unreachable. */
    private Shell.Result connect(String address, int port) {
        return lab.runInScanner(Duration.ofSeconds(20), "timeout", "5", "bash", "-c",
                "exec 3<>/dev/tcp/" + address + "/" + port);
    }

    @Test
    void everyAddressOfTheRangeAnswersOnTheListeningPort() {
        for (String address : new String[] {"198.18.0.1", "198.18.200.7", "198.19.255.254", "198.19.0.0"}) {
            assertThat(connect(address, 80).exitCode()).as(address + ":80").isZero();
            Shell.Result refused = connect(address, 81);
            assertThat(refused.exitCode()).as(address + ":81").isEqualTo(1);
            assertThat(refused.stderr()).contains("Connection refused");
        }
    }

    @Test
    void portolanSynSweepGetsEveryHostOfASlash20Right() {
        LabScans.PortolanRun run = new LabScans(lab, dir).portolan("sweep20", "-sS", "-Pn", "-n", "-p", "80-81",
                "198.18.16.0/20");
        PortolanJson.Report report = run.report();
        assertThat(report.hostsUp()).as(run.describe()).isEqualTo(4096);
        assertThat(report.hosts()).hasSize(4096);
        Map<Integer, PortState> truth = Map.of(80, PortState.OPEN, 81, PortState.CLOSED);
        for (long v = 0xC612_1000L; v < 0xC612_2000L; v++) {
            String address = (v >>> 24) + "." + (v >>> 16 & 0xff) + "." + (v >>> 8 & 0xff) + "." + (v & 0xff);
            assertThat(report.host(address).states()).as(address).isEqualTo(truth);
        }
    }

    @Test
    void aLargePingSweepFindsExactlyTheLiveHosts() {
        // 4096 addresses: a large sweep, whose echo requests leave through the send threads
        Path json = dir.resolve("ping20.json");
        List<String> args = List.of("discover", "--no-netbios", "-n", "198.19.128.0/20", "-oJ", json.toString());
        Shell.Result r = PortolanLauncher.currentJvm().runInScanner(lab, LabScans.TIMEOUT, args);
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        PortolanJson.Report report = PortolanJson.read(json);
        assertThat(report.hostsTotal()).isEqualTo(4096);
        assertThat(report.hostsUp()).as(r.stderr()).isEqualTo(4096 - 256);
        for (int third = 128; third < 144; third++) {
            for (int last : new int[] {0, 1, 77, 255}) {
                String address = "198.19." + third + "." + last;
                String expected = third == 128 ? "down" : "up";
                PortolanJson.Host host = report.hosts().get(address);
                assertThat(host == null ? "down" : host.status()).as(address).isEqualTo(expected);
            }
        }
    }

    @Test
    void theRangeIsRoutedToItsHostOnlyAndNothingLeavesTheLab() {
        LabTarget sweep = lab.target("sweep");
        String routes = Shell.check("ip", "-n", lab.scannerNamespace(), "-4", "route", "show").stdout();
        assertThat(routes).contains("198.18.0.0/15 via " + sweep.ipv4() + " dev " + sweep.scannerInterface());
        lab.assertIsolated();
        // just outside the range on either side: no route (asks the routing table, sends nothing)
        for (String outside : new String[] {"198.20.0.1", "198.17.255.254"}) {
            Shell.Result r = lab.runInScanner(Shell.DEFAULT_TIMEOUT, "ip", "route", "get", outside);
            assertThat(r.exitCode()).as(outside).isNotZero();
            assertThat(r.stderr()).contains("Network is unreachable");
        }
        // the ordinary host keeps its own address only
        assertThat(connect(lab.target("plain").ipv4(), 22).exitCode()).isZero();
        assertThat(Shell.check("ip", "-n", lab.target("plain").namespace(), "route", "show", "table", "local")
                .stdout()).doesNotContain("198.18.");
    }
}
