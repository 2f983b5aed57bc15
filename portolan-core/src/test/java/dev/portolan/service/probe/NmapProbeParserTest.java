package dev.portolan.service.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portolan.target.Protocol;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** nmap's probe-file grammar, on inputs written for these tests. */
class NmapProbeParserTest {
    private static final String FILE = """
            # a comment
            Exclude T:9100-9102,U:30000

            Probe TCP NULL q||
            totalwaitms 6000
            tcpwrappedms 3000
            match echo m|^hello (\\w+)\\r\\n| p/Echo daemon/ v/$1/ i/greets/ h/box/ o/Linux/ d/general purpose/ \
            cpe:/a:echo:echod:$1/ cpe:/o:linux:linux_kernel/a
            softmatch chat m=^HELLO=i

            Probe TCP Bytes q|\\0\\x01\\xfF\\r\\n\\t\\\\a\\a\\b\\f\\v|
            rarity 3
            ports 1-3,7
            sslports 443
            fallback NULL
            match bin m%^\\x00\\x02(.)(..)(.*)%s p|Bin| v|$I(1,">").$I(2,"<")| i|$P(3)|

            Probe UDP Quiet q|ping| no-payload
            rarity 9
            ports 7
            fallback Bytes
            match x m/^pong/
            """;

    private static ProbeCatalog parse(String text) throws IOException {
        return NmapProbeParser.parse(new StringReader(text), "test-probes");
    }

    @Test
    void readsEveryDirective() throws IOException {
        ProbeCatalog c = parse(FILE);
        assertThat(c.probes()).extracting(Probe::name).containsExactly("NULL", "Bytes", "Quiet");
        assertThat(c.excluded(Protocol.TCP, 9101)).isTrue();
        assertThat(c.excluded(Protocol.TCP, 9103)).isFalse();
        assertThat(c.excluded(Protocol.UDP, 30000)).isTrue();
        assertThat(c.excluded(Protocol.UDP, 9101)).isFalse();

        Probe nul = c.probe(Protocol.TCP, "NULL").orElseThrow();
        assertThat(nul.isNull()).isTrue();
        assertThat(nul.rarity()).isEqualTo(Probe.DEFAULT_RARITY);
        assertThat(nul.totalWaitMs()).isEqualTo(6000);
        assertThat(nul.tcpWrappedMs()).isEqualTo(3000);
        assertThat(nul.source()).isEqualTo(Probe.Source.NMAP);
        Signature echo = nul.signatures().get(0);
        assertThat(echo.service()).isEqualTo("echo");
        assertThat(echo.soft()).isFalse();
        assertThat(echo.origin()).isEqualTo("test-probes:7");
        assertThat(echo.pattern().source()).isEqualTo("^hello (\\w+)\\r\\n");
        assertThat(echo.template()).isEqualTo(new VersionTemplate("Echo daemon", "$1", List.of("greets"), "box",
                "Linux", "general purpose", List.of("cpe:/a:echo:echod:$1", "cpe:/o:linux:linux_kernel")));
        Signature chat = nul.signatures().get(1);
        assertThat(chat.soft()).isTrue();
        assertThat(chat.pattern().caseInsensitive()).isTrue();
        assertThat(chat.template()).isEqualTo(VersionTemplate.NONE);

        Probe bytes = c.probe(Protocol.TCP, "Bytes").orElseThrow();
        assertThat(bytes.payload()).containsExactly(0, 1, 0xff, '\r', '\n', '\t', '\\', 'a', 7, 8, 12, 11);
        assertThat(bytes.rarity()).isEqualTo(3);
        assertThat(bytes.totalWaitMs()).isEqualTo(Probe.DEFAULT_TOTAL_WAIT_MS);
        assertThat(bytes.lists(2, false)).isTrue();
        assertThat(bytes.lists(4, false)).isFalse();
        assertThat(bytes.lists(443, true)).isTrue();
        assertThat(bytes.lists(443, false)).isFalse();
        assertThat(bytes.fallbacks()).containsExactly("NULL");
        assertThat(bytes.signatures().get(0).pattern().dotAll()).isTrue();

        Probe quiet = c.probe(Protocol.UDP, "Quiet").orElseThrow();
        assertThat(quiet.noPayload()).isTrue();
        assertThat(quiet.payload()).containsExactly('p', 'i', 'n', 'g');
        assertThat(quiet.lists(7, false)).isTrue();
        assertThat(c.signatureCount()).isEqualTo(4);
    }

    @Test
    void templatesExpandFromTheMatch() throws IOException {
        ServiceMatcher m = new ServiceMatcher(parse(FILE));
        ServiceMatch echo = m.match(new Response(Protocol.TCP, "NULL", 7, false, "hello World\r\n")).orElseThrow();
        assertThat(echo).isEqualTo(new ServiceMatch("echo", false, false, "Echo daemon", "World", "greets", "box",
                "Linux", "general purpose", List.of("cpe:/a:echo:echod:world", "cpe:/o:linux:linux_kernel"),
                "NULL", "test-probes:7"));
        ServiceMatch bin = m.match(Response.of(Protocol.TCP, "Bytes", 7, true,
                new byte[] {0, 2, 1, 0x01, 0x02, 'o', 'k', 0x07, '!'})).orElseThrow();
        assertThat(bin.product()).isEqualTo("Bin");
        assertThat(bin.version()).isEqualTo("1.513");
        assertThat(bin.info()).isEqualTo("ok!");
        assertThat(bin.tls()).isTrue();
    }

    @Test
    void errorsNameTheLine() {
        assertThatThrownBy(() -> parse("Probe TCP A q|x|\nmatch a m|(|\n"))
                .isInstanceOf(ProbeFormatException.class)
                .hasMessageStartingWith("test-probes line 2: pattern does not compile:")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> parse("match a m|x|\n"))
                .hasMessage("test-probes line 1: match before any Probe line");
        assertThatThrownBy(() -> parse("Probe SCTP A q|x|\n"))
                .hasMessage("test-probes line 1: Probe protocol must be TCP or UDP, got \"SCTP\"");
        assertThatThrownBy(() -> parse("Probe TCP A q|x\n"))
                .hasMessage("test-probes line 1: Probe payload has no closing |");
        assertThatThrownBy(() -> parse("Probe TCP A q|\\q|\n"))
                .hasMessage("test-probes line 1: unknown escape \\q in payload");
        assertThatThrownBy(() -> parse("Probe TCP A q|x|\nrarity 10\n"))
                .hasMessage("test-probes line 2: rarity must be a number from 1 to 9, got \"10\"");
        assertThatThrownBy(() -> parse("Probe TCP A q|x|\nrarity 2\nrarity 3\n"))
                .hasMessage("test-probes line 3: rarity given twice for probe A");
        assertThatThrownBy(() -> parse("Probe TCP A q|x|\nports 1-70000\n"))
                .hasMessageStartingWith("test-probes line 2: ");
        assertThatThrownBy(() -> parse("Probe TCP A q|x|\nmatch a m|x|q\n"))
                .hasMessage("test-probes line 2: unknown pattern option 'q'");
        assertThatThrownBy(() -> parse("Probe TCP A q|x|\nmatch a m|x| z/y/\n"))
                .hasMessage("test-probes line 2: unknown version field at \"z/y/\"");
        assertThatThrownBy(() -> parse("Probe TCP A q|x|\nmatch a m|x| p/unclosed\n"))
                .hasMessage("test-probes line 2: version field has no closing /");
        assertThatThrownBy(() -> parse("Probe TCP A q|x|\nmatch a m|x| v/$I(1,x)/\n"))
                .hasMessage("test-probes line 2: bad substitution in template \"$I(1,x)\"");
        assertThatThrownBy(() -> parse("Probe TCP A q|x|\nbogus 1\n"))
                .hasMessage("test-probes line 2: unknown directive \"bogus\"");
        assertThatThrownBy(() -> parse("Probe TCP A q|x|\nProbe TCP A q|y|\n"))
                .hasMessage("test-probes line 2: probe tcp A is defined twice");
    }

    @Test
    void lenientParsingSkipsOnlyTheLinesJavaCannotExpress() throws IOException {
        List<String> skipped = new ArrayList<>();
        ProbeCatalog c = NmapProbeParser.parseLenient(new StringReader(
                "Probe TCP A q|x|\nmatch a m|a\\Kb|\nmatch b m|b|\n"), "test-probes", skipped);
        assertThat(c.signatureCount()).isEqualTo(1);
        assertThat(skipped).singleElement().asString().startsWith("test-probes line 2: ");
    }
}
