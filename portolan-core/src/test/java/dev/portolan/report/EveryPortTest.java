package dev.portolan.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portolan.result.HostResult;
import dev.portolan.result.HostStatus;
import dev.portolan.result.HostTimes;
import dev.portolan.result.PortResult;
import dev.portolan.result.PortState;
import dev.portolan.result.Reason;
import dev.portolan.target.Target;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host that answers SYN-ACK on every port (a SYN proxy or tarpit) is flagged in every format, not listed port by port. */
class EveryPortTest {
    @TempDir
    Path dir;

    /** Ports 1..total: the first {@code open} open, the rest closed. */
    static HostResult host(int total, int open) {
        List<PortResult> ports = new ArrayList<>();
        for (int p = 1; p <= total; p++) {
            ports.add(p <= open ? ReportFixtures.port(p, PortState.OPEN, Reason.SYN_ACK, 64, null)
                    : ReportFixtures.port(p, PortState.CLOSED, Reason.RESET, 64, null));
        }
        return new HostResult(Target.of(ReportFixtures.address("192.0.2.66")), HostStatus.UP, Reason.ECHO_REPLY,
                List.of(), ports, ReportFixtures.START, ReportFixtures.START.plusSeconds(2),
                Optional.of(new HostTimes(900, 300, 100000)), false);
    }

    private static String render(ReportFormat format, HostResult host) {
        return ReportFixtures.render(format, ReportFixtures.options(false, false, 0), ReportFixtures.meta(0),
                List.of(host), ReportFixtures.summary());
    }

    @Test
    void theRuleNeedsALargeScanAlmostAllOpen() {
        assertThat(host(1000, 1000).answersEveryPort()).isTrue();
        assertThat(host(1000, 950).answersEveryPort()).isTrue();
        assertThat(host(1000, 949).answersEveryPort()).isFalse();
        assertThat(host(HostResult.EVERY_PORT_MIN_OPEN, HostResult.EVERY_PORT_MIN_OPEN).answersEveryPort()).isTrue();
        assertThat(host(HostResult.EVERY_PORT_MIN_OPEN - 1, HostResult.EVERY_PORT_MIN_OPEN - 1).answersEveryPort())
                .isFalse();
        assertThat(host(3, 3).answersEveryPort()).isFalse();
        assertThat(ReportFixtures.named().answersEveryPort()).isFalse();
    }

    @Test
    void normalOutputWarnsAndCollapsesTheOpenPorts() {
        String text = render(ReportFormat.NORMAL, host(1000, 1000));
        assertThat(text).contains("Warning: answers on 1000 of 1000 TCP ports: a SYN proxy or tarpit")
                .contains("All 1000 scanned ports on 192.0.2.66 are in ignored states.")
                .contains("Not shown: 1000 open tcp ports (syn-ack)")
                .doesNotContain("1/tcp");
    }

    @Test
    void aRealHostWithManyOpenPortsIsStillListed() {
        String text = render(ReportFormat.NORMAL, host(1000, 300));
        assertThat(text).doesNotContain("SYN proxy").contains("300/tcp open");
    }

    @Test
    void jsonFlagsTheHostAndSummarisesThePorts() throws Exception {
        JsonNode host = new ObjectMapper().readTree(render(ReportFormat.JSON, host(2000, 1990))).get("hosts").get(0);
        assertThat(host.get("answers_every_port").asBoolean()).isTrue();
        // the ten closed ports are few enough to list, as nmap would
        assertThat(host.get("ports")).hasSize(10).allSatisfy(p -> assertThat(p.get("state").asText()).isEqualTo("closed"));
        JsonNode open = host.get("extraports").get(0);
        assertThat(open.get("state").asText()).isEqualTo("open");
        assertThat(open.get("count").asInt()).isEqualTo(1990);
        assertThat(open.get("reasons").get(0).get("ports").asText()).isEqualTo("1-1990");
    }

    @Test
    void xmlUsesExtraportsAndAHostscriptAndStaysValid() throws Exception {
        String xml = render(ReportFormat.XML, host(1000, 1000));
        assertThat(xml).contains("<extraports state=\"open\" count=\"1000\">")
                .contains("<hostscript><script id=\"portolan-every-port\" output=\"answers on 1000 of 1000 TCP ports");
        Optional<Path> xmllint = ExternalTool.find("xmllint");
        assumeTrue(xmllint.isPresent() && Files.isReadable(XmlToolsTest.DTD), "xmllint or nmap.dtd absent: DTD check skipped");
        Path file = dir.resolve("every-port.xml");
        Files.writeString(file, xml, StandardCharsets.UTF_8);
        ExternalTool.Result r = ExternalTool.run(List.of(xmllint.get().toString(), "--noout", "--dtdvalid",
                XmlToolsTest.DTD.toString(), file.toString()), 60);
        assertThat(r.stderr() + r.stdout()).isEmpty();
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void listingEveryPortStaysPossible() {
        String text = ReportFixtures.render(ReportFormat.NORMAL,
                ReportFixtures.options(false, false, 0).withAllPorts(true), ReportFixtures.meta(0),
                List.of(host(300, 300)), ReportFixtures.summary());
        assertThat(text).contains("Warning: answers on 300 of 300").contains("300/tcp open");
    }
}
