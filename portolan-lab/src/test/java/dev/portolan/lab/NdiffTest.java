package dev.portolan.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NdiffTest {
    @TempDir
    Path dir;

    @BeforeEach
    void needsNdiff() {
        assumeTrue(Ndiff.available(), "ndiff tests skipped: ndiff (Debian package ndiff) is not installed");
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void sameReportHasNoChanges() throws IOException {
        Path a = write("a.xml", NmapXmlTest.FOLDED);
        Path b = write("b.xml", NmapXmlTest.FOLDED.replace("nmap -sT", "portolan scan -sT"));
        assertThat(Ndiff.compare(a, b)).isEqualTo(new Ndiff.Result(false, java.util.List.of()));
    }

    @Test
    void aListedPortThatChangesIsFoundWithTheFoldedStateOnTheOtherSide() throws IOException {
        Path a = write("a.xml", NmapXmlTest.FOLDED);
        // port 37 leaves the filtered fold and is listed as open
        Path b = write("b.xml", NmapXmlTest.FOLDED
                .replace("<extraports state=\"filtered\" count=\"30\">", "<extraports state=\"filtered\" count=\"29\">")
                .replace("<extrareasons reason=\"host-unreach\" count=\"1\" proto=\"tcp\" ports=\"37\"/>", "")
                .replace("<port protocol=\"tcp\" portid=\"38\">",
                        "<port protocol=\"tcp\" portid=\"37\"><state state=\"open\"/></port><port protocol=\"tcp\" portid=\"38\">"));
        assertThat(NmapXml.differences(NmapXml.read(a), NmapXml.read(b))).containsExactly("198.51.100.2 37: filtered vs open");
        Ndiff.Result r = Ndiff.compare(a, b);
        assertThat(r.portStatesDiffer()).isTrue();
        assertThat(r.changes()).containsExactly("198.51.100.2 37/tcp: filtered -> open");
    }

    @Test
    void aHostInOneReportOnlyIsAChange() throws IOException {
        Path a = write("a.xml", NmapXmlTest.FOLDED);
        Path b = write("b.xml", NmapXmlTest.FOLDED.replace("198.51.100.2", "198.51.100.6"));
        assertThat(Ndiff.compare(a, b).changes())
                .containsExactlyInAnyOrder("198.51.100.2: only in a", "198.51.100.6: only in b");
    }

    @Test
    void ndiffDoesNotSeeAPortMoveBetweenFoldsButNmapXmlDoes() throws IOException {
        Path a = write("a.xml", NmapXmlTest.FOLDED);
        // 5 and 6 swap folds: both counts stay the same
        Path b = write("b.xml", NmapXmlTest.FOLDED.replace("ports=\"1-5,39-40\"", "ports=\"1-4,6,39-40\"")
                .replace("ports=\"6-21,24-36\"", "ports=\"5,7-21,24-36\""));
        assertThat(Ndiff.compare(a, b).portStatesDiffer()).isFalse();
        assertThat(NmapXml.differences(NmapXml.read(a), NmapXml.read(b)))
                .containsExactly("198.51.100.2 5: closed vs filtered", "198.51.100.2 6: filtered vs closed");
    }
}
