package dev.portolan.technique.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OuiVendorsTest {
    @TempDir
    Path dir;

    @Test
    void readsTheCsvWithQuotedNames() throws IOException {
        Path csv = dir.resolve("oui.csv");
        Files.writeString(csv, """
                Registry,Assignment,Organization Name,Organization Address
                MA-L,001B63,"Apple, Inc.",1 Infinite Loop Cupertino CA US 95014\s
                MA-L,DCA632,Raspberry Pi Trading Ltd,"Maurice Wilkes Building, Cambridge"
                MA-M,DCA6320,Somebody Else,nowhere
                """);
        OuiVendors v = OuiVendors.read(csv);
        assertThat(v.size()).isEqualTo(2);
        assertThat(v.vendor("00:1B:63:12:34:56")).contains("Apple, Inc.");
        assertThat(v.vendor("dc-a6-32-00-00-01")).contains("Raspberry Pi Trading Ltd");
        assertThat(v.vendor("02:00:00:00:00:01")).isEmpty();
        assertThat(v.vendor("zz")).isEmpty();
    }

    @Test
    void readsTheTextList() throws IOException {
        Path txt = dir.resolve("oui.txt");
        Files.writeString(txt, """
                OUI/MA-L                                                    Organization
                company_id                                                  Organization
                                                                            Address

                00-0C-29   (hex)\t\tVMware, Inc.
                000C29     (base 16)\t\tVMware, Inc.
                """);
        OuiVendors v = OuiVendors.read(txt);
        assertThat(v.size()).isEqualTo(1);
        assertThat(v.vendor("00:0C:29:AA:BB:CC")).contains("VMware, Inc.");
    }

    @Test
    void takesTheFirstNameOfAnOuiAndSkipsMalformedLines() throws IOException {
        Path txt = dir.resolve("oui.txt");
        Files.writeString(txt, "00-0C-29   (hex)\t\tVMware, Inc.  \r\n"
                + "00-0C-29   (hex)\t\tSomeone Later\r\n"
                + "0G-0C-30   (hex)\t\tNot Hex\r\n"
                + "00-0C-31   (base 16)\t\tNo Tag\r\n"
                + "FF-FF-FF   (hex)\t\tZ\u00fcrich Netz AG");
        OuiVendors v = OuiVendors.read(txt);
        assertThat(v.size()).isEqualTo(2);
        assertThat(v.vendor("00:0c:29:00:00:00")).contains("VMware, Inc.");
        assertThat(v.vendor("FF:FF:FF:00:00:00")).contains("Z\u00fcrich Netz AG");
        assertThat(v.vendor("00:0C:31:00:00:00")).isEmpty();
    }

    /** Every vendor of the installed CSV as a plain reading of it (split at commas, quotes honoured) gives it. */
    @Test
    void theInstalledCsvReadsAsAPlainParserReadsIt() throws IOException {
        Path csv = OuiVendors.DEFAULT_FILES.getFirst();
        assumeTrue(Files.isReadable(csv), "ieee-data is not installed");
        java.util.Map<String, String> plain = new java.util.HashMap<>();
        for (String line : Files.readAllLines(csv)) {
            if (!line.startsWith("MA-L,") || line.length() < 12) {
                continue;
            }
            String rest = line.substring(12);
            String name = rest.startsWith("\"") ? rest.substring(1, rest.indexOf('"', 1))
                    : rest.substring(0, rest.indexOf(','));
            plain.putIfAbsent(line.substring(5, 11), name.strip());
        }
        OuiVendors v = OuiVendors.read(csv);
        assertThat(v.size()).isEqualTo(plain.size());
        plain.forEach((oui, name) -> assertThat(v.vendor(oui + "000000")).as(oui).contains(name));
    }

    @Test
    void theInstalledListKnowsWellKnownVendors() {
        assumeTrue(Files.isReadable(OuiVendors.DEFAULT_FILES.getFirst()), "ieee-data is not installed");
        assertThat(OuiVendors.installed().size()).isGreaterThan(10_000);
        assertThat(OuiVendors.installed().vendor("08:00:27:00:00:01")).contains("PCS Systemtechnik GmbH");
    }
}
