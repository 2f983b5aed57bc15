package dev.portolan.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portolan.result.HostResult;
import dev.portolan.result.ScanMeta;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The XML output checked by the tools that consume nmap XML: xmllint with nmap.dtd, xsltproc, python3-libnmap, ndiff. */
class XmlToolsTest {
    static final Path DTD = Path.of("/usr/share/nmap/nmap.dtd");
    static final Path XSL = Path.of("/usr/share/nmap/nmap.xsl");

    @TempDir
    Path dir;

    private Path write(String variant) throws IOException {
        Path file = dir.resolve(variant + ".xml");
        Files.writeString(file, GoldenFilesTest.render(variant, ReportFormat.XML), StandardCharsets.UTF_8);
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "interrupted", "v-reason", "open"})
    void validatesAgainstNmapDtd(String variant) throws Exception {
        Optional<Path> xmllint = ExternalTool.find("xmllint");
        assumeTrue(xmllint.isPresent() && Files.isReadable(DTD), "xmllint or /usr/share/nmap/nmap.dtd absent: DTD check skipped");
        ExternalTool.Result r = ExternalTool.run(
                List.of(xmllint.get().toString(), "--noout", "--dtdvalid", DTD.toString(), write(variant).toString()), 60);
        assertThat(r.stderr() + r.stdout()).isEmpty();
        assertThat(r.exitCode()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "interrupted"})
    void transformsWithNmapStylesheet(String variant) throws Exception {
        Optional<Path> xsltproc = ExternalTool.find("xsltproc");
        assumeTrue(xsltproc.isPresent() && Files.isReadable(XSL), "xsltproc or /usr/share/nmap/nmap.xsl absent: XSLT check skipped");
        ExternalTool.Result r = ExternalTool.run(List.of(xsltproc.get().toString(), XSL.toString(),
                write(variant).toString()), 60);
        assertThat(r.stderr()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("<html").contains("192.0.2.10").contains("netbios-ssn");
    }

    @Test
    void scanflagsAreWrittenWhereNmapWritesThemAndValidate() throws Exception {
        ScanMeta meta = new ScanMeta("portolan", "0.1.0", "portolan scan --scanflags URGPSHFIN -p 1-1000 192.0.2.10",
                ReportFixtures.START, List.of(new dev.portolan.result.ScanInfo("syn", dev.portolan.target.Protocol.TCP,
                        1000, "1-1000", Optional.of("FINPSHURG"))), 0);
        String xml = ReportFixtures.render(ReportFormat.XML, ReportFixtures.options(false, false, 0), meta,
                ReportFixtures.hosts(), ReportFixtures.summary());
        assertThat(xml).contains("<scaninfo type=\"syn\" scanflags=\"FINPSHURG\" protocol=\"tcp\" numservices=\"1000\""
                + " services=\"1-1000\"/>");
        Optional<Path> xmllint = ExternalTool.find("xmllint");
        assumeTrue(xmllint.isPresent() && Files.isReadable(DTD), "xmllint or /usr/share/nmap/nmap.dtd absent: DTD check skipped");
        Path file = dir.resolve("scanflags.xml");
        Files.writeString(file, xml, StandardCharsets.UTF_8);
        ExternalTool.Result r = ExternalTool.run(
                List.of(xmllint.get().toString(), "--noout", "--dtdvalid", DTD.toString(), file.toString()), 60);
        assertThat(r.stderr() + r.stdout()).isEmpty();
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void parsesWithPythonLibnmap() throws Exception {
        Optional<String> python = ExternalTool.pythonWith("libnmap");
        assumeTrue(python.isPresent(), "python3-libnmap not installed: libnmap check skipped");
        String script = """
                import sys
                from libnmap.parser import NmapParser
                r = NmapParser.parse_fromfile(sys.argv[1])
                print("run", r.hosts_up, r.hosts_down, r.hosts_total, r.elapsed)
                for h in r.hosts:
                    print("host", h.address, h.status, ",".join(h.hostnames))
                    for s in h.services:
                        print("port", s.port, s.protocol, s.state, s.service, s.reason)
                """;
        ExternalTool.Result r = ExternalTool.run(List.of(python.get(), "-c", script, write("default").toString()), 60);
        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdout().lines().toList()).containsExactly(
                "run 3 1 4 9.2",
                "host 192.0.2.10 up www.example.com,web-1.example.net",
                "port 22 tcp open ssh syn-ack",
                "port 25 tcp filtered smtp no-response",
                "port 80 tcp open http syn-ack",
                "port 135 tcp filtered msrpc admin-prohibited",
                "port 139 tcp filtered netbios-ssn no-response",
                "host 2001:db8::10 up ",
                "port 443 tcp open https syn-ack",
                "host 192.0.2.21 up slow.example.org");
    }

    /**
     * A real nmap scan of loopback, read back into Portolan's types and written again: every line of every host
     * element must be the same as nmap's, and ndiff must see no difference.
     */
    @Test
    void rewritesRealNmapScanIdentically() throws Exception {
        Optional<Path> nmap = ExternalTool.find("nmap");
        Optional<Path> ndiff = ExternalTool.find("ndiff");
        assumeTrue(nmap.isPresent() && ndiff.isPresent(), "nmap or ndiff not installed: round-trip check skipped");
        Path theirs = dir.resolve("nmap.xml");
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            ExternalTool.Result scan = ExternalTool.run(List.of(nmap.get().toString(), "-sT", "-p",
                    "1-1024," + listener.getLocalPort(), "-oX", theirs.toString(), "127.0.0.1"), 120);
            assertThat(scan.exitCode()).as(scan.stderr()).isZero();
        }
        NmapXmlReader.Scan read = NmapXmlReader.read(theirs);
        assertThat(read.hosts()).hasSize(1);
        assertThat(read.hosts().getFirst().ports()).hasSize(1025);

        Path ours = dir.resolve("ours.xml");
        try (ResultSink sink = ReportFormat.XML.open(Files.newOutputStream(ours), ReportOptions.DEFAULTS)) {
            sink.open(read.meta());
            for (HostResult h : read.hosts()) {
                sink.accept(h);
            }
            sink.close(read.summary());
        }
        assertThat(hostLines(ours)).isNotEmpty().containsExactlyElementsOf(hostLines(theirs));

        ExternalTool.Result diff = ExternalTool.run(List.of(ndiff.get().toString(), theirs.toString(), ours.toString()), 60);
        assertThat(diff.stderr()).isEmpty();
        // only the two banner lines (version and time) may differ; any host, port or extraports change shows up
        assertThat(diff.stdout().lines().filter(l -> !l.isBlank())
                .filter(l -> !l.startsWith("-Nmap 7") && !l.startsWith("+Nmap 0.1.0 scan initiated")))
                .isEmpty();
        assertThat(diff.exitCode()).as(diff.stdout()).isZero();
    }

    /** The lines from each {@code <host} to its {@code </host>}. */
    private static List<String> hostLines(Path xml) throws IOException {
        List<String> lines = new ArrayList<>();
        boolean inHost = false;
        for (String line : Files.readAllLines(xml, StandardCharsets.UTF_8)) {
            inHost |= line.startsWith("<host ") || line.startsWith("<host>");
            if (inHost) {
                lines.add(line);
            }
            inHost &= !line.equals("</host>");
        }
        return lines;
    }
}
