package dev.portolan.service.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portolan.target.Protocol;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both sources together: own set first, user files next, nmap's file last. */
class ServiceCatalogTest {

    @Test
    void mergingKeepsTheFirstSourcesProbeAndAppendsTheOtherLines() throws IOException {
        ProbeCatalog own = PortolanProbeParser.parse(new StringReader("""
                probe tcp NULL
                match ssh
                  pattern ^SSH-2\\.0-Lab
                  product Own
                probe tcp Extra
                  send x
                """), "own");
        ProbeCatalog nmap = NmapProbeParser.parse(new StringReader("""
                Probe TCP NULL q||
                totalwaitms 9000
                match ssh m|^SSH-| p/Theirs/
                Probe TCP Theirs q|t|
                fallback NULL
                """), "nmap");
        ProbeCatalog merged = own.merge(nmap);
        assertThat(merged.probes()).extracting(Probe::name).containsExactly("NULL", "Extra", "Theirs");
        Probe nul = merged.probe(Protocol.TCP, "NULL").orElseThrow();
        assertThat(nul.totalWaitMs()).isEqualTo(Probe.DEFAULT_TOTAL_WAIT_MS);
        assertThat(nul.signatures()).extracting(Signature::origin).containsExactly("own:2", "nmap:3");
        ServiceMatcher m = new ServiceMatcher(merged);
        assertThat(m.match(new Response(Protocol.TCP, "NULL", 22, false, "SSH-2.0-Lab\r\n")).orElseThrow()
                .product()).isEqualTo("Own");
        assertThat(m.match(new Response(Protocol.TCP, "Theirs", 22, false, "SSH-2.0-Other\r\n")).orElseThrow()
                .product()).isEqualTo("Theirs");
    }

    @Test
    void userFilesComeAfterTheBuiltinSetAndNmapCanBeLeftOut(@TempDir Path dir) throws IOException {
        Path mine = dir.resolve("mine.txt");
        Files.writeString(mine, "probe tcp NULL\nmatch lab\n  pattern ^LAB (\\d+)\n  version $1\n");
        ServiceCatalog c = ServiceCatalog.load(List.of(mine), false, NmapProbes.DEFAULT_PATH);
        assertThat(c.nmapSignatures()).isZero();
        assertThat(c.ownSignatures()).isEqualTo(ServiceCatalog.builtin().signatureCount() + 1);
        assertThat(c.matcher().match(new Response(Protocol.TCP, "NULL", 1, false, "LAB 42")).orElseThrow()
                .version()).isEqualTo("42");
        assertThat(c.notes()).isEmpty();

        ServiceCatalog missing = ServiceCatalog.load(List.of(), true, dir.resolve("absent"));
        assertThat(missing.nmapSignatures()).isZero();
        assertThat(missing.notes()).singleElement().asString().contains("not found");

        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "probe tcp X\nmatch y\n  pattern [\n");
        assertThatThrownBy(() -> ServiceCatalog.load(List.of(bad), false, NmapProbes.DEFAULT_PATH))
                .isInstanceOf(ProbeFormatException.class).hasMessageStartingWith(bad + " line 2: ");
    }

    @Test
    void withTheInstalledNmapOwnLinesComeFirstAndNmapsAddCoverage() {
        Assumptions.assumeTrue(Files.isReadable(NmapProbes.DEFAULT_PATH), "nmap is not installed");
        ServiceCatalog c = ServiceCatalog.load();
        assertThat(c.notes()).isEmpty();
        assertThat(c.nmapSignatures()).isGreaterThan(10_000);
        assertThat(c.probes().signatureCount()).isEqualTo(c.ownSignatures() + c.nmapSignatures());
        ServiceMatch ssh = c.matcher().match(new Response(Protocol.TCP, "NULL", 22, false,
                "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n")).orElseThrow();
        assertThat(ssh.signature()).startsWith(ServiceCatalog.BUILTIN);
        assertThat(ssh.version()).isEqualTo("9.2p1");
        // A banner the own set only soft-matches: nmap's specific lines, tried later, still give a hard match.
        Response haraka = new Response(Protocol.TCP, "NULL", 25, false,
                "220 mx.lab.example ESMTP Haraka 3.0.2 ready\r\n");
        assertThat(new ServiceMatcher(ServiceCatalog.builtin()).match(haraka).orElseThrow().soft()).isTrue();
        ServiceMatch both = c.matcher().match(haraka).orElseThrow();
        assertThat(both.soft()).isFalse();
        assertThat(both.service()).isEqualTo("smtp");
        assertThat(both.version()).isEqualTo("3.0.2");
        assertThat(both.signature()).startsWith("nmap-service-probes:");
        assertThat(c.probes().probe(Protocol.TCP, "GetRequest").orElseThrow().source())
                .isEqualTo(Probe.Source.PORTOLAN);
    }
}
