package dev.portolan.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A target that answers for a whole /15 (the sweep benchmark's "small internet"), beside an ordinary one. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SweepLabTest {
    static final LabHost SWEEP = LabHost.builder("sweep").listen(80).answerFor("198.18.0.0/15").build();
    static final LabHost PLAIN = LabHost.builder("plain").listen(22).build();

    private Lab lab;

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
