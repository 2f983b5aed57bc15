package dev.portolan.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portolan.result.HostResult;
import dev.portolan.result.HostStatus;
import dev.portolan.result.PortState;
import dev.portolan.result.Reason;
import dev.portolan.target.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 4180 details, read back with a strict parser written here. */
class CsvSinkTest {

    /** Parses RFC 4180 text; fails on a bare CR or LF, a stray quote or a missing final CRLF. */
    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' && field.isEmpty()) {
                i++;
                while (true) {
                    char q = text.charAt(i++);
                    if (q == '"') {
                        if (i < text.length() && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(q);
                    }
                }
                continue;
            }
            if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
                i++;
            } else if (c == '\r') {
                assertThat(text.charAt(i + 1)).as("CR must be followed by LF").isEqualTo('\n');
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i += 2;
            } else {
                assertThat(c).as("bare LF or quote inside an unquoted field").isNotIn('\n', '"');
                field.append(c);
                i++;
            }
        }
        assertThat(row).as("text must end with CRLF").isEmpty();
        return rows;
    }

    @Test
    void namesWithCommasQuotesAndLineBreaksRoundTrip() {
        String nasty = "web,\"prod\"\r\nbox";
        HostResult host = new HostResult(Target.named(ReportFixtures.address("192.0.2.30"), nasty), HostStatus.UP,
                Reason.ECHO_REPLY, List.of(), List.of(ReportFixtures.port(22, PortState.OPEN, Reason.SYN_ACK, 64, "ssh")),
                ReportFixtures.START, ReportFixtures.START, Optional.empty(), false);
        String csv = ReportFixtures.render(ReportFormat.CSV, ReportFixtures.options(false, false, 0),
                ReportFixtures.meta(0), List.of(host), ReportFixtures.summary());
        assertThat(csv).contains("192.0.2.30,\"web,\"\"prod\"\"\r\nbox\",tcp,22,open,syn-ack,64,ssh,,,,,,,\r\n");
        List<List<String>> rows = parse(csv);
        assertThat(rows).containsExactly(CsvSink.HEADER,
                List.of("192.0.2.30", nasty, "tcp", "22", "open", "syn-ack", "64", "ssh", "", "", "", "", "", "", ""));
    }

    @Test
    void goldenCsvIsStrictRfc4180WithOneRowPerListedPort() {
        List<List<String>> rows = parse(GoldenFilesTest.render("default", ReportFormat.CSV));
        assertThat(rows.getFirst()).containsExactly("host", "hostname", "protocol", "port", "state", "reason",
                "reason_ttl", "service", "product", "version", "extra_info", "mac", "vendor", "netbios_name",
                "netbios_workgroup");
        assertThat(rows).hasSize(1 + 5 + 1 + 1);
        assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(CsvSink.HEADER.size()));
    }

    @Test
    void aHostWithoutListedPortsStillHasARow() {
        HostResult allClosed = new HostResult(Target.of(ReportFixtures.address("192.0.2.40")), HostStatus.UP,
                Reason.ECHO_REPLY, List.of("quiet.example"), ReportFixtures.ports(Map.of(), PortState.CLOSED,
                Reason.RESET, 64), ReportFixtures.START, ReportFixtures.START, Optional.empty(), false);
        List<List<String>> rows = parse(ReportFixtures.render(ReportFormat.CSV, ReportFixtures.options(false, false, 0),
                ReportFixtures.meta(0), List.of(allClosed, ReportFixtures.down()), ReportFixtures.summary()));
        assertThat(rows).containsExactly(CsvSink.HEADER,
                List.of("192.0.2.40", "quiet.example", "", "", "up", "echo-reply", "", "", "", "", "", "", "", "", ""));
        List<List<String>> verbose = parse(ReportFixtures.render(ReportFormat.CSV,
                ReportFixtures.options(false, false, 1), ReportFixtures.meta(1), List.of(ReportFixtures.down()),
                ReportFixtures.summary()));
        assertThat(verbose).containsExactly(CsvSink.HEADER,
                List.of("192.0.2.20", "", "", "", "down", "no-response", "", "", "", "", "", "", "", "", ""));
    }

    @Test
    void allPortsListsEveryPort() {
        List<List<String>> rows = parse(ReportFixtures.render(ReportFormat.CSV,
                ReportFixtures.options(false, false, 0).withAllPorts(true), ReportFixtures.meta(0),
                List.of(ReportFixtures.named(), ReportFixtures.ipv6()), ReportFixtures.summary()));
        assertThat(rows).hasSize(1 + 2000);
    }
}
