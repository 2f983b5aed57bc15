package dev.portolan.service.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portolan.target.Protocol;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** nmap's order of signatures: own lines, fallbacks in order, then NULL for TCP; hard beats soft. */
class ServiceMatcherTest {
    private static final String FILE = """
            Probe TCP NULL q||
            match null-hard m|^N|
            softmatch null-soft m|^S|

            Probe TCP Alpha q|a|
            fallback Beta
            softmatch alpha-soft m|^S|
            match alpha-hard m|^A|

            Probe TCP Beta q|b|
            match beta-hard m|^[AB]|
            match beta-x m|X|

            Probe UDP Gamma q|g|
            match gamma m|^G|

            Probe TCP Delta q|d|
            fallback Gamma
            """;

    private static ServiceMatcher matcher() throws IOException {
        return new ServiceMatcher(NmapProbeParser.parse(new StringReader(FILE), "t"));
    }

    private static String service(String probe, Protocol protocol, String text) throws IOException {
        return matcher().match(new Response(protocol, probe, 9, false, text)).map(m -> (m.soft() ? "~" : "")
                + m.service()).orElse("none");
    }

    @Test
    void ownLinesThenFallbacksThenNull() throws IOException {
        assertThat(service("Alpha", Protocol.TCP, "A")).isEqualTo("alpha-hard");
        assertThat(service("Alpha", Protocol.TCP, "B")).isEqualTo("beta-hard");
        assertThat(service("Alpha", Protocol.TCP, "N")).isEqualTo("null-hard");
        assertThat(service("Beta", Protocol.TCP, "N")).as("no fallback line still means NULL for TCP")
                .isEqualTo("null-hard");
        assertThat(service("Beta", Protocol.TCP, "Q")).isEqualTo("none");
        assertThat(service("Gamma", Protocol.UDP, "N")).as("UDP probes never fall back to NULL").isEqualTo("none");
        assertThat(service("Delta", Protocol.TCP, "G")).as("a TCP probe may fall back to a UDP probe's lines")
                .isEqualTo("gamma");
        assertThat(service("Unknown", Protocol.TCP, "A")).isEqualTo("none");
    }

    @Test
    void aHardMatchAnywhereInTheChainBeatsAnEarlierSoftMatch() throws IOException {
        // "S" soft-matches alpha-soft first, and no hard line matches: the first soft match is the answer.
        assertThat(service("Alpha", Protocol.TCP, "S")).isEqualTo("~alpha-soft");
        assertThat(service("NULL", Protocol.TCP, "S")).isEqualTo("~null-soft");
        // "SX" soft-matches alpha-soft, then hard-matches beta-x further down the chain: the hard match wins.
        assertThat(service("Alpha", Protocol.TCP, "SX")).isEqualTo("beta-x");
    }

    @Test
    void theChainIsInNmapsOrder() throws IOException {
        ProbeCatalog c = NmapProbeParser.parse(new StringReader(FILE), "t");
        ServiceMatcher m = new ServiceMatcher(c);
        assertThat(m.signatures(c.probe(Protocol.TCP, "Alpha").orElseThrow())).extracting(Signature::service)
                .containsExactly("alpha-soft", "alpha-hard", "beta-hard", "beta-x", "null-hard", "null-soft");
        assertThat(m.signatures(c.probe(Protocol.TCP, "NULL").orElseThrow())).extracting(Signature::service)
                .containsExactly("null-hard", "null-soft");
    }

    @Test
    void softThenHardInTheSameResponse() throws IOException {
        ProbeCatalog c = NmapProbeParser.parse(new StringReader("""
                Probe TCP NULL q||
                softmatch http m|^HTTP/1\\.[01]|
                match http m|^HTTP/1\\.[01] .*Server: lab/(\\d+)|s p/Lab/ v/$1/
                """), "t");
        ServiceMatch m = new ServiceMatcher(c).match(new Response(Protocol.TCP, "NULL", 80, true,
                "HTTP/1.0 200 OK\r\nServer: lab/7\r\n\r\n")).orElseThrow();
        assertThat(m.soft()).isFalse();
        assertThat(m.product()).isEqualTo("Lab");
        assertThat(m.version()).isEqualTo("7");
        assertThat(m.tls()).isTrue();
    }

    @Test
    void aHostileResponseCostsBoundedWorkAndNeverThrows() {
        StringBuilder headers = new StringBuilder("HTTP/1.1 200 OK\r\n");
        for (int i = 0; i < 5000; i++) {
            headers.append("X-Filler-").append(i).append(": a b c d e f\r\n");
        }
        String hostile = headers.append("\r\n").append("<p>".repeat(20_000)).toString();
        ServiceMatcher own = new ServiceMatcher(ServiceCatalog.builtin());
        long start = System.nanoTime();
        // Deep header lists overflow java.util.regex's recursion: that signature counts as not matching.
        assertThat(own.match(new Response(Protocol.TCP, "GetRequest", 80, false, hostile))).isNotNull();
        assertThat(own.match(new Response(Protocol.TCP, "NULL", 80, false, "\u00ff".repeat(100_000)))).isEmpty();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(20_000);
    }
}
