package dev.portolan.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JSON and NDJSON parsed back with Jackson, field by field as docs/output-formats.md describes them. */
class JsonSinkTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void documentParsesWithEveryDocumentedField() throws IOException {
        JsonNode doc = MAPPER.readTree(GoldenFilesTest.render("default", ReportFormat.JSON));
        assertThat(doc.get("scanner").asText()).isEqualTo("portolan");
        assertThat(doc.get("version").asText()).isEqualTo("0.1.0");
        assertThat(doc.get("start").asText()).isEqualTo("2026-11-22T14:03:11.250Z");
        assertThat(doc.get("scaninfo").get(0).get("numservices").asInt()).isEqualTo(1000);

        JsonNode hosts = doc.get("hosts");
        assertThat(hosts).hasSize(3); // the down host needs -v
        JsonNode named = hosts.get(0);
        assertThat(named.get("address").asText()).isEqualTo("192.0.2.10");
        assertThat(named.get("family").asText()).isEqualTo("ipv4");
        assertThat(named.get("names").get(0).get("name").asText()).isEqualTo("www.example.com");
        assertThat(named.get("names").get(0).get("type").asText()).isEqualTo("user");
        assertThat(named.get("names").get(1).get("type").asText()).isEqualTo("PTR");
        assertThat(named.get("status").asText()).isEqualTo("up");
        assertThat(named.get("reason").asText()).isEqualTo("echo-reply");
        assertThat(named.get("times").get("srtt_us").asLong()).isEqualTo(1180);
        assertThat(named.get("timed_out").asBoolean()).isFalse();
        assertThat(named.get("ports")).hasSize(5);
        JsonNode ssh = named.get("ports").get(0);
        assertThat(ssh.get("protocol").asText()).isEqualTo("tcp");
        assertThat(ssh.get("port").asInt()).isEqualTo(22);
        assertThat(ssh.get("state").asText()).isEqualTo("open");
        assertThat(ssh.get("reason").asText()).isEqualTo("syn-ack");
        assertThat(ssh.get("reason_ttl").asInt()).isEqualTo(64);
        assertThat(ssh.get("service").asText()).isEqualTo("ssh");
        JsonNode closed = named.get("extraports").get(0);
        assertThat(closed.get("state").asText()).isEqualTo("closed");
        assertThat(closed.get("count").asInt()).isEqualTo(995);
        assertThat(closed.get("reasons").get(0).get("ports").asText()).isEqualTo("1-21,23-24,26-79,81-134,136-138,140-1000");

        JsonNode ipv6 = hosts.get(1);
        assertThat(ipv6.get("family").asText()).isEqualTo("ipv6");
        assertThat(ipv6.get("names")).isEmpty();
        assertThat(ipv6.get("ports").get(0).get("service").asText()).isEqualTo("https");

        JsonNode slow = hosts.get(2);
        assertThat(slow.get("timed_out").asBoolean()).isTrue();
        assertThat(slow.get("ports")).hasSize(1); // what was learned before the timeout

        JsonNode summary = doc.get("summary");
        assertThat(summary.get("elapsed_ms").asLong()).isEqualTo(9200);
        assertThat(summary.get("hosts_up").asInt()).isEqualTo(3);
        assertThat(summary.get("hosts_down").asInt()).isEqualTo(1);
        assertThat(summary.get("hosts_total").asInt()).isEqualTo(4);
        assertThat(summary.get("interrupted").asBoolean()).isFalse();
        assertThat(summary.get("error").isNull()).isTrue();
        assertThat(summary.get("probes_sent").asLong()).isEqualTo(4052);
        assertThat(summary.get("probes_retried").asLong()).isEqualTo(36);
        assertThat(summary.get("probes_unanswered").asLong()).isEqualTo(31);
    }

    @Test
    void interruptedScanIsStillOneCompleteDocument() throws IOException {
        JsonNode doc = MAPPER.readTree(GoldenFilesTest.render("interrupted", ReportFormat.JSON));
        assertThat(doc.get("hosts")).hasSize(1);
        assertThat(doc.get("summary").get("interrupted").asBoolean()).isTrue();
    }

    @Test
    void abandonedSinkStillLeavesParseableJson() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ResultSink sink = ReportFormat.JSON.open(bytes, ReportFixtures.options(false, false, 0));
        sink.open(ReportFixtures.meta(0));
        sink.accept(ReportFixtures.named());
        sink.close();
        JsonNode doc = MAPPER.readTree(bytes.toString(StandardCharsets.UTF_8));
        assertThat(doc.get("hosts")).hasSize(1);
        assertThat(doc.has("summary")).isFalse();
    }

    @Test
    void everyNdjsonLineIsOneObjectInScanHostSummaryOrder() throws IOException {
        List<String> lines = GoldenFilesTest.render("v-reason", ReportFormat.NDJSON).lines().toList();
        assertThat(lines).hasSize(6);
        List<String> types = lines.stream().map(l -> {
            try {
                return MAPPER.readTree(l).get("type").asText();
            } catch (IOException e) {
                throw new AssertionError("line does not parse: " + l, e);
            }
        }).toList();
        assertThat(types).containsExactly("scan", "host", "host", "host", "host", "summary");
        JsonNode down = MAPPER.readTree(lines.get(3));
        assertThat(down.get("status").asText()).isEqualTo("down");
        assertThat(down.get("times").isNull()).isTrue();
        JsonNode host = MAPPER.readTree(lines.get(1));
        JsonNode docHost = MAPPER.readTree(GoldenFilesTest.render("default", ReportFormat.JSON)).get("hosts").get(0);
        ((com.fasterxml.jackson.databind.node.ObjectNode) host).remove("type");
        assertThat(host).isEqualTo(docHost);
    }

    @Test
    void interruptedNdjsonEndsWithItsSummaryLine() throws IOException {
        String text = GoldenFilesTest.render("interrupted", ReportFormat.NDJSON);
        assertThat(text).endsWith("\n");
        List<String> lines = text.lines().toList();
        JsonNode last = MAPPER.readTree(lines.getLast());
        assertThat(last.get("type").asText()).isEqualTo("summary");
        assertThat(last.get("interrupted").asBoolean()).isTrue();
    }
}
