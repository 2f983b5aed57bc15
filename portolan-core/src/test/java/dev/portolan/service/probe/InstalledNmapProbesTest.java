package dev.portolan.service.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The installed nmap-service-probes, read at run time: every one of its match lines must compile. */
class InstalledNmapProbesTest {
    private static final Path FILE = NmapProbes.DEFAULT_PATH;

    @Test
    void everyMatchLineOfTheInstalledFileCompiles() throws IOException {
        Assumptions.assumeTrue(Files.isReadable(FILE), "nmap is not installed: " + FILE + " is missing");
        String text = Files.readString(FILE, StandardCharsets.ISO_8859_1);
        long lines = Pattern.compile("^(soft)?match ", Pattern.MULTILINE).matcher(text).results().count();
        List<String> failures = new ArrayList<>();
        ProbeCatalog catalog;
        try (Reader in = Files.newBufferedReader(FILE, StandardCharsets.ISO_8859_1)) {
            catalog = NmapProbeParser.parseLenient(in, FILE.getFileName().toString(), failures);
        }
        System.out.println("nmap-service-probes: " + catalog.signatureCount() + " of " + lines
                + " match/softmatch lines compile, " + failures.size() + " fail, " + catalog.probes().size()
                + " probes");
        failures.forEach(f -> System.out.println("  " + f));
        assertThat(failures).isEmpty();
        assertThat(catalog.signatureCount()).isEqualTo(lines);
        assertThat(catalog.probes()).hasSizeGreaterThan(100);
        assertThat(catalog.probe(dev.portolan.target.Protocol.TCP, "NULL")).isPresent();
    }
}
