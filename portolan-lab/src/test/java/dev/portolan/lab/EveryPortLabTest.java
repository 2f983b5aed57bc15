package dev.portolan.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portolan.lab.LabScans.PortolanRun;
import dev.portolan.result.PortState;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lab host whose firewall redirects every TCP port to one listener answers SYN-ACK everywhere, as a SYN proxy or
 * tarpit does: Portolan flags it and folds its open ports, and a normal host beside it is not flagged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EveryPortLabTest {
    static final int LISTENER = 9;
    static final LabHost TARPIT = LabHost.builder("tarpit").listen(LISTENER)
            .setup("iptables", "-t", "nat", "-A", "PREROUTING", "-p", "tcp", "-j", "REDIRECT", "--to-ports",
                    Integer.toString(LISTENER))
            .setup("ip6tables", "-t", "nat", "-A", "PREROUTING", "-p", "tcp", "-j", "REDIRECT", "--to-ports",
                    Integer.toString(LISTENER))
            .build();
    static final LabHost NORMAL = LabHost.builder("normal").listen("22,80,443").drop("1000-1099").build();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;

    private Lab lab;
    private LabScans scans;

    @BeforeAll
    void startLab() {
        lab = LabFixture.startOrSkip(TARPIT, NORMAL);
        scans = new LabScans(lab, dir);
    }

    @AfterAll
    void closeLab() {
        LabFixture.close(lab);
    }

    @Test
    void aHostAnsweringOnEveryPortIsFlaggedAndFolded() throws Exception {
        String tarpit = lab.target("tarpit").ipv4();
        String normal = lab.target("normal").ipv4();
        PortolanRun run = scans.portolan("every-port", "-Pn", "-n", "-p", "1-2000", tarpit, normal);

        SortedMap<Integer, PortState> allOpen = new TreeMap<>();
        for (int p = 1; p <= 2000; p++) {
            allOpen.put(p, PortState.OPEN);
        }
        assertThat(run.report().host(tarpit).states()).as(run.describe()).isEqualTo(allOpen);
        assertThat(run.result().stdout()).as(run.describe())
                .contains("Warning: answers on 2000 of 2000 TCP ports: a SYN proxy or tarpit")
                .contains("Not shown: 2000 open tcp ports");

        JsonNode hosts = new ObjectMapper().readTree(run.json().toFile()).get("hosts");
        for (JsonNode h : hosts) {
            boolean isTarpit = h.get("address").asText().equals(tarpit);
            assertThat(h.get("answers_every_port").asBoolean()).as(h.get("address").asText()).isEqualTo(isTarpit);
            if (isTarpit) {
                assertThat(h.get("ports")).isEmpty();
            }
        }
        assertThat(run.report().host(normal).states()).as(run.describe())
                .containsEntry(22, PortState.OPEN).containsEntry(1000, PortState.FILTERED)
                .containsEntry(23, PortState.CLOSED);
    }

    /** Two hosts of one IPv6 /64 behind different links: each probe must leave with its own link's source. */
    @Test
    void hostsOfOneIpv6NetworkBehindDifferentLinksBothAnswer() {
        String tarpit = lab.target("tarpit").ipv6();
        String normal = lab.target("normal").ipv6();
        PortolanRun run = scans.portolan("two-links-v6", "-sS", "-Pn", "-n", "-p", "20-25", tarpit, normal);
        assertThat(run.report().host(normal).states()).as(run.describe())
                .containsEntry(22, PortState.OPEN).containsEntry(23, PortState.CLOSED);
        assertThat(run.report().host(tarpit).states().values()).as(run.describe()).containsOnly(PortState.OPEN);
    }
}
