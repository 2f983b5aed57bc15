package dev.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Real connect scans of 127.0.0.1 (and ::1), with ports the test opened and ports it knows are closed. */
class ReportsTest {
    private static final Pattern TABLE_ROW = Pattern.compile("^(\\d+)/tcp +(\\S+) .*$", Pattern.MULTILINE);

    static Loopback ports;

    @TempDir
    Path dir;

    @BeforeAll
    static void listen() {
        ports = Loopback.on("127.0.0.1", 2, 2);
    }

    @AfterAll
    static void stop() {
        ports.close();
    }

    @Test
    void terminalOutputListsEveryPortWithItsState() {
        Cli.Result r = scan("127.0.0.1");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("Starting Portolan ")
                .contains("Portolan scan report for lab-host.test (127.0.0.1)\nHost is up")
                .containsOnlyOnce("Portolan scan report for")
                .endsWith("Portolan done: 1 IP address (1 host up) scanned in " + seconds(r.out()) + " seconds\n");
        assertThat(tableStates(r.out())).isEqualTo(Reports.expected(ports));
    }

    @Test
    void xmlIsNmapsFormatAndValidAgainstItsDtd() {
        Path xml = dir.resolve("scan.xml");

        Cli.Result r = scan("-oX", xml.toString(), "127.0.0.1");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
        Document doc = Reports.xml(Cli.read(xml));
        assertThat(Reports.elements(doc, "host")).hasSize(1);
        assertThat(Reports.elements(doc, "address").getFirst().getAttribute("addr")).isEqualTo("127.0.0.1");
        assertThat(Reports.xmlPorts(doc)).isEqualTo(Reports.expected(ports));
        Element finished = Reports.elements(doc, "finished").getFirst();
        assertThat(finished.getAttribute("exit")).isEqualTo("success");
        assertThat(doc.getDocumentElement().getAttribute("args")).isEqualTo("portolan scan -sT -p " + ports.portList()
                + " -oX " + xml + " 127.0.0.1");
        Reports.validateWithNmapDtd(xml);
    }

    @Test
    void jsonParsesBackWithEveryPort() {
        Path json = dir.resolve("scan.json");

        Cli.Result r = scan("-oJ", json.toString(), "127.0.0.1");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
        JsonNode doc = Reports.json(Cli.read(json));
        assertThat(doc.get("hosts")).hasSize(1);
        JsonNode host = doc.get("hosts").get(0);
        assertThat(host.get("address").asText()).isEqualTo("127.0.0.1");
        assertThat(host.get("status").asText()).isEqualTo("up");
        assertThat(Reports.jsonPorts(host)).isEqualTo(Reports.expected(ports));
        for (JsonNode port : host.get("ports")) {
            assertThat(port.get("reason").asText()).isEqualTo(port.get("state").asText().equals("open")
                    ? "syn-ack" : "conn-refused");
        }
        assertThat(doc.get("summary").get("hosts_up").asInt()).isEqualTo(1);
        assertThat(doc.get("summary").get("interrupted").asBoolean()).isFalse();
        assertThat(doc.get("summary").get("probes_sent").asInt()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void ndjsonHasScanHostAndSummaryLines() {
        Path ndjson = dir.resolve("scan.ndjson");

        Cli.Result r = scan("--ndjson", ndjson.toString(), "127.0.0.1");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
        List<JsonNode> lines = Cli.read(ndjson).lines().map(Reports::json).toList();
        assertThat(lines).extracting(l -> l.get("type").asText()).containsExactly("scan", "host", "summary");
        assertThat(Reports.jsonPorts(lines.get(1))).isEqualTo(Reports.expected(ports));
    }

    @Test
    void csvHasOneRowPerPort() {
        Path csv = dir.resolve("scan.csv");

        Cli.Result r = scan("-oC", csv.toString(), "127.0.0.1");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
        String text = Cli.read(csv);
        assertThat(text).endsWith("\r\n");
        List<String> rows = List.of(text.split("\r\n"));
        assertThat(rows.getFirst()).isEqualTo("host,hostname,protocol,port,state,reason,reason_ttl,service,product,version,extra_info,mac,vendor,netbios_name,netbios_workgroup");
        Map<Integer, String> states = new TreeMap<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",", -1);
            assertThat(cells).hasSize(15);
            assertThat(List.of(cells).subList(0, 3)).containsExactly("127.0.0.1", "lab-host.test", "tcp");
            assertThat(states.put(Integer.parseInt(cells[3]), cells[4])).isNull();
        }
        assertThat(states).isEqualTo(Reports.expected(ports));
    }

    @Test
    void grepableHasOnePortsLine() {
        Path gnmap = dir.resolve("scan.gnmap");

        Cli.Result r = scan("-oG", gnmap.toString(), "127.0.0.1");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
        List<String> lines = Cli.read(gnmap).lines().toList();
        assertThat(lines.getFirst()).startsWith("# Portolan 0.1.0 scan initiated ");
        assertThat(lines.get(1)).isEqualTo("Host: 127.0.0.1 (lab-host.test)\tStatus: Up");
        String portsLine = lines.get(2);
        assertThat(portsLine).startsWith("Host: 127.0.0.1 (lab-host.test)\tPorts: ");
        Map<Integer, String> states = new TreeMap<>();
        Matcher m = Pattern.compile("(\\d+)/(\\w+)/tcp//").matcher(portsLine);
        while (m.find()) {
            assertThat(states.put(Integer.parseInt(m.group(1)), m.group(2))).isNull();
        }
        assertThat(states).isEqualTo(Reports.expected(ports));
        assertThat(lines.getLast()).startsWith("# Portolan done at ");
        assertThat(lines).hasSize(4);
    }

    @Test
    void normalOutputFileHasTheTerminalsHostReport() {
        Path nmap = dir.resolve("scan.nmap");

        Cli.Result r = scan("-oN", nmap.toString(), "127.0.0.1");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
        String file = Cli.read(nmap);
        assertThat(file).startsWith("# Portolan 0.1.0 scan initiated ").contains("\n# Portolan done at ");
        assertThat(tableStates(file)).isEqualTo(Reports.expected(ports));
        assertThat(hostReport(file)).isEqualTo(hostReport(r.out()));
    }

    @Test
    void allFormatsAtOnceWritesNmapsThreeFiles() throws Exception {
        Path base = dir.resolve("lab");

        Cli.Result r = scan("-oA", base.toString(), "127.0.0.1");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted())
                    .containsExactly("lab.gnmap", "lab.nmap", "lab.xml");
        }
        assertThat(Reports.xmlPorts(Reports.xml(Cli.read(dir.resolve("lab.xml"))))).isEqualTo(Reports.expected(ports));
        assertThat(tableStates(Cli.read(dir.resolve("lab.nmap")))).isEqualTo(Reports.expected(ports));
        assertThat(Cli.read(dir.resolve("lab.gnmap"))).contains("\tPorts: ");
        Reports.validateWithNmapDtd(dir.resolve("lab.xml"));
    }

    @Test
    void xmlOnStdoutIsTheOnlyThingThere() {
        Cli.Result r = scan("-oX", "-", "-v", "127.0.0.1");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n").endsWith("</nmaprun>\n")
                .doesNotContain("Starting Portolan").doesNotContain("Discovered open port");
        assertThat(Reports.xmlPorts(Reports.xml(r.out()))).isEqualTo(Reports.expected(ports));
        assertThat(r.err()).isEmpty();
    }

    @Test
    void openOnlyLeavesOutClosedPortsEverywhere() {
        Path json = dir.resolve("open.json");
        Path xml = dir.resolve("open.xml");

        Cli.Result r = scan("--open", "-oJ", json.toString(), "-oX", xml.toString(), "127.0.0.1");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
        Map<Integer, String> onlyOpen = new TreeMap<>(Reports.expected(ports));
        onlyOpen.values().removeIf(s -> !s.equals("open"));
        assertThat(tableStates(r.out())).isEqualTo(onlyOpen);
        assertThat(r.out()).contains("Not shown: 2 closed tcp ports (conn-refused)");
        assertThat(Reports.jsonPorts(Reports.json(Cli.read(json)).get("hosts").get(0))).isEqualTo(onlyOpen);
        Document doc = Reports.xml(Cli.read(xml));
        assertThat(Reports.xmlPorts(doc)).isEqualTo(onlyOpen);
        Element extra = Reports.elements(doc, "extraports").getFirst();
        assertThat(extra.getAttribute("state")).isEqualTo("closed");
        assertThat(extra.getAttribute("count")).isEqualTo("2");
    }

    @Test
    void reasonAddsAReasonColumn() {
        Cli.Result r = scan("--reason", "127.0.0.1");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).containsPattern("(?m)^PORT +STATE +SERVICE +REASON$");
        for (int p : ports.open()) {
            assertThat(r.out()).containsPattern("(?m)^" + p + "/tcp +open +\\S+ +syn-ack$");
        }
        for (int p : ports.closed()) {
            assertThat(r.out()).containsPattern("(?m)^" + p + "/tcp +closed +\\S+ +conn-refused$");
        }
        assertThat(scan("127.0.0.1").out()).doesNotContain("REASON");
    }

    @Test
    void verboseShowsDiscoveriesAndProbeCounts() {
        Path xml = dir.resolve("v.xml");

        Cli.Result r = scan("-v", "-oX", xml.toString(), "127.0.0.1");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
        for (int p : ports.open()) {
            assertThat(r.out()).containsOnlyOnce("Discovered open port " + p + "/tcp on 127.0.0.1\n");
        }
        for (int p : ports.closed()) {
            assertThat(r.out()).doesNotContain("Discovered open port " + p + "/");
        }
        assertThat(r.out()).containsPattern("(?m)^Probes sent: \\d+ \\(\\d+ retried, \\d+ unanswered\\)$");
        assertThat(Reports.elements(Reports.xml(Cli.read(xml)), "verbose").getFirst().getAttribute("level"))
                .isEqualTo("1");
        assertThat(scan("127.0.0.1").out()).doesNotContain("Discovered").doesNotContain("Probes sent");
    }

    @Test
    void aHostGivenSeveralWaysIsScannedAndReportedOnce() {
        Path json = dir.resolve("dup.json");
        Path xml = dir.resolve("dup.xml");
        Path csv = dir.resolve("dup.csv");

        Cli.Result r = scan("-oJ", json.toString(), "-oX", xml.toString(), "-oC", csv.toString(),
                "127.0.0.1", "lab-host.test", "127.0.0.1/32", "127.0.0.1");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).containsOnlyOnce("Portolan scan report for").contains("(1 host up)");
        assertThat(Reports.json(Cli.read(json)).get("hosts")).hasSize(1);
        assertThat(Reports.elements(Reports.xml(Cli.read(xml)), "host")).hasSize(1);
        assertThat(Cli.read(csv).split("\r\n")).hasSize(1 + Reports.expected(ports).size());
        assertThat(tableStates(r.out())).isEqualTo(Reports.expected(ports));
    }

    @Test
    void aNameThatDoesNotResolveIsAWarningAndTheRestIsScanned() {
        Path json = dir.resolve("names.json");

        Cli.Result r = scan("-oJ", json.toString(), "nothere.test", "lab-host.test");

        assertThat(r.exitCode()).isEqualTo(ExitCode.SOME_TARGETS_FAILED);
        assertThat(r.errLines()).containsExactly("Warning: Failed to resolve name \"nothere.test\"");
        assertThat(r.out()).contains("Portolan scan report for lab-host.test (127.0.0.1)");
        assertThat(tableStates(r.out())).isEqualTo(Reports.expected(ports));
        JsonNode host = Reports.json(Cli.read(json)).get("hosts").get(0);
        assertThat(host.get("names").get(0).get("name").asText()).isEqualTo("lab-host.test");
        assertThat(host.get("names").get(0).get("type").asText()).isEqualTo("user");
    }

    @Test
    void udpPortsGivenWithoutAUdpScanAreNamedAndLeftOut() {
        int closed = ports.closed().getFirst();

        Cli.Result r = scan("-n", "-p", "T:" + closed + ",U:53", "127.0.0.1");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.errLines()).containsExactly(
                "Warning: your ports include UDP ports (53), but no UDP scan was asked for (-sU): they are not "
                        + "scanned");
        assertThat(r.out()).contains(closed + "/tcp").doesNotContain("/udp");
    }

    @Test
    void quietSilencesTheWarningButNotTheExitCode() {
        Cli.Result r = scan("-q", "nothere.test", "127.0.0.1");

        assertThat(r.exitCode()).isEqualTo(ExitCode.SOME_TARGETS_FAILED);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void ipv6Loopback() {
        assumeTrue(Loopback.available("::1"), "::1 is not available here (IPv6 disabled)");
        try (Loopback v6 = Loopback.on("::1", 1, 2)) {
            Path json = dir.resolve("v6.json");

            Cli.Result r = Cli.run("scan", "-p", v6.portList(), "-oJ", json.toString(), "lab-host6.test");

            assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
            assertThat(r.out()).contains("Portolan scan report for lab-host6.test (::1)");
            assertThat(tableStates(r.out())).isEqualTo(Reports.expected(v6));
            JsonNode host = Reports.json(Cli.read(json)).get("hosts").get(0);
            assertThat(host.get("address").asText()).isEqualTo("::1");
            assertThat(host.get("family").asText()).isEqualTo("ipv6");
            assertThat(Reports.jsonPorts(host)).isEqualTo(Reports.expected(v6));
        }
    }

    /** A scan of the fixture's ports, -p first, then {@code args}. */
    /** A connect scan whatever the rights: its reasons (conn-refused) are the same as root and as a user. */
    private static Cli.Result scan(String... args) {
        List<String> all = new ArrayList<>(List.of("scan", "-sT", "-p", ports.portList()));
        all.addAll(List.of(args));
        return Cli.run(all.toArray(String[]::new));
    }

    /** port → state from the PORT STATE SERVICE table of normal output. */
    static Map<Integer, String> tableStates(String normal) {
        Map<Integer, String> states = new TreeMap<>();
        Matcher m = TABLE_ROW.matcher(normal);
        while (m.find()) {
            assertThat(states.put(Integer.parseInt(m.group(1)), m.group(2))).as("port %s twice", m.group(1)).isNull();
        }
        return states;
    }

    /** The lines from "Portolan scan report" to the blank line that ends the host. */
    private static String hostReport(String normal) {
        int start = normal.indexOf("Portolan scan report for");
        assertThat(start).isNotNegative();
        int end = normal.indexOf("\n\n", normal.indexOf("PORT ", start));
        return normal.substring(start, end);
    }

    private static String seconds(String out) {
        Matcher m = Pattern.compile("scanned in (\\d+\\.\\d\\d) seconds\n$").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return m.group(1);
    }
}
