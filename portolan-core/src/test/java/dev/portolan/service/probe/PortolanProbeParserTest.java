package dev.portolan.service.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portolan.target.Protocol;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Portolan's own signature format (docs/service-probes.md). */
class PortolanProbeParserTest {
    private static ProbeCatalog parse(String text) throws IOException {
        return PortolanProbeParser.parse(new StringReader(text), "my.txt");
    }

    @Test
    void readsAProbeWithItsMatches() throws IOException {
        ProbeCatalog c = parse("""
                # lab gadgets
                exclude T:9100
                define ver (\\d+(?:\\.\\d+)*)

                probe tcp Gadget
                  send STATUS\\r\\n\\x00
                  ports 7000-7002
                  sslports 7443
                  rarity 4
                  wait 2500
                  tcpwrapped 1500
                  fallback NULL
                  no-payload

                match gadget
                  pattern ^GADGET {{ver}} \\[(\\w+)\\]( host=(\\S+))?
                  flags i
                  product Lab Gadget
                  version $1
                  info mode $2
                  info at $4
                  host $4
                  os Linux
                  device bridge
                  cpe a:lab:gadget:$1
                  cpe cpe:/h:lab:gadget
                softmatch gadget
                  pattern ^GADGET

                probe tcp NULL
                """);
        Probe p = c.probe(Protocol.TCP, "Gadget").orElseThrow();
        assertThat(p.payload()).containsExactly('S', 'T', 'A', 'T', 'U', 'S', '\r', '\n', 0);
        assertThat(p.lists(7001, false)).isTrue();
        assertThat(p.lists(7443, true)).isTrue();
        assertThat(p.rarity()).isEqualTo(4);
        assertThat(p.totalWaitMs()).isEqualTo(2500);
        assertThat(p.tcpWrappedMs()).isEqualTo(1500);
        assertThat(p.fallbacks()).containsExactly("NULL");
        assertThat(p.noPayload()).isTrue();
        assertThat(p.source()).isEqualTo(Probe.Source.PORTOLAN);
        assertThat(p.signatures()).hasSize(2);
        assertThat(p.signatures().get(0).origin()).isEqualTo("my.txt:15");
        assertThat(p.signatures().get(0).template().cpes()).containsExactly("cpe:/a:lab:gadget:$1",
                "cpe:/h:lab:gadget");
        assertThat(p.signatures().get(1).soft()).isTrue();
        assertThat(c.excluded(Protocol.TCP, 9100)).isTrue();

        ServiceMatcher m = new ServiceMatcher(c);
        ServiceMatch full = m.match(new Response(Protocol.TCP, "Gadget", 7000, false,
                "gadget 2.5.1 [bridge] host=gw1\r\n")).orElseThrow();
        assertThat(full).isEqualTo(new ServiceMatch("gadget", false, false, "Lab Gadget", "2.5.1",
                "mode bridge, at gw1", "gw1", "Linux", "bridge", List.of("cpe:/a:lab:gadget:2.5.1",
                        "cpe:/h:lab:gadget"), "Gadget", "my.txt:15"));
        ServiceMatch partial = m.match(new Response(Protocol.TCP, "Gadget", 7000, false, "GADGET 3 [hub]"))
                .orElseThrow();
        assertThat(partial.info()).as("a part whose groups are all empty is left out").isEqualTo("mode hub");
        assertThat(partial.hostname()).isEmpty();
    }

    @Test
    void patternsAreJavaRegexOverBytes() throws IOException {
        ProbeCatalog c = parse("""
                probe udp Bin
                  send \\x01
                match bin
                  pattern ^\\x01\\xff(.)$
                  flags s
                  info value $I(1,">")
                """);
        ServiceMatch m = new ServiceMatcher(c).match(Response.of(Protocol.UDP, "Bin", 1, false,
                new byte[] {1, (byte) 0xff, '\n'})).orElseThrow();
        assertThat(m.info()).isEqualTo("value 10");
    }

    @Test
    void errorsNameTheFileAndLine() {
        assertThatThrownBy(() -> parse("probe tcp A\nmatch a\n  pattern (\n"))
                .isInstanceOf(ProbeFormatException.class)
                .hasMessageStartingWith("my.txt line 2: pattern does not compile: Unclosed group");
        assertThatThrownBy(() -> parse("probe tcp A\nmatch web\n  product x\nprobe tcp B\n"))
                .hasMessage("my.txt line 2: web match has no pattern line");
        assertThatThrownBy(() -> parse("match a\n")).hasMessage("my.txt line 1: match before any probe line");
        assertThatThrownBy(() -> parse("probe sctp A\n"))
                .hasMessage("my.txt line 1: probe protocol must be tcp or udp, got \"sctp\"");
        assertThatThrownBy(() -> parse("probe tcp A\nrarity 0\n"))
                .hasMessage("my.txt line 2: rarity must be a number from 1 to 9, got \"0\"");
        assertThatThrownBy(() -> parse("probe tcp A\nmatch a\npattern x\nports 80\n"))
                .hasMessage("my.txt line 4: ports belongs before the probe's first match");
        assertThatThrownBy(() -> parse("probe tcp A\nmatch a\npattern x\npattern y\n"))
                .hasMessage("my.txt line 4: pattern given twice for one match");
        assertThatThrownBy(() -> parse("probe tcp A\nmatch a\npattern {{nope}}\n"))
                .hasMessage("my.txt line 3: {{nope}} is not defined above");
        assertThatThrownBy(() -> parse("probe tcp A\nmatch a\npattern x\nflags g\n"))
                .hasMessage("my.txt line 4: flags are i and s, got \"g\"");
        assertThatThrownBy(() -> parse("probe tcp A\nmatch a\npattern x\nversion $P(q)\n"))
                .hasMessage("my.txt line 4: bad substitution in template \"$P(q)\"");
        assertThatThrownBy(() -> parse("probe tcp A\nsend \\xZZ\n"))
                .hasMessage("my.txt line 2: \\x needs two hex digits");
        assertThatThrownBy(() -> parse("probe tcp A\nfallback B\n"))
                .hasMessageContaining("falls back to unknown probe B");
        assertThatThrownBy(() -> parse("probe tcp A\nwhatever\n"))
                .hasMessage("my.txt line 2: unknown keyword \"whatever\"");
    }
}
