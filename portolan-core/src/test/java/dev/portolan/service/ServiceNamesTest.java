package dev.portolan.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portolan.target.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceNamesTest {
    private static final ServiceNames TABLE = ServiceNames.builtin();

    @Test
    void wellKnownPorts() {
        assertThat(TABLE.name(Protocol.TCP, 80)).contains("http");
        assertThat(TABLE.name(Protocol.TCP, 22)).contains("ssh");
        assertThat(TABLE.name(Protocol.UDP, 53)).contains("domain");
        assertThat(TABLE.name(Protocol.TCP, 443)).contains("https");
        assertThat(TABLE.name(Protocol.UDP, 123)).contains("ntp");
        assertThat(TABLE.name(Protocol.TCP, 3306)).contains("mysql");
        assertThat(TABLE.name(Protocol.TCP, 5432)).contains("postgresql");
        assertThat(TABLE.name(Protocol.TCP, 65000)).isEmpty();
        assertThat(TABLE.entry(Protocol.TCP, 22).orElseThrow().description()).isEqualTo("SSH Remote Login Protocol");
    }

    @Test
    void portsByName() {
        assertThat(TABLE.port(Protocol.TCP, "http")).hasValue(80);
        assertThat(TABLE.port(Protocol.TCP, "HTTP")).hasValue(80);
        assertThat(TABLE.port(Protocol.TCP, "ssh")).hasValue(22);
        assertThat(TABLE.port(Protocol.UDP, "domain")).hasValue(53);
        assertThat(TABLE.port(Protocol.TCP, "imap")).hasValue(143); // an alias of netbase's imap2
        assertThat(TABLE.port(Protocol.UDP, "ssh")).isEqualTo(OptionalInt.empty());
        assertThat(TABLE.port(Protocol.TCP, "no-such-service")).isEmpty();
    }

    @Test
    void wildcards() {
        List<ServiceEntry> https = TABLE.matching(Protocol.TCP, "http*");
        assertThat(https).extracting(ServiceEntry::name).contains("http", "https", "http-alt")
                .allMatch(n -> n.startsWith("http"));
        assertThat(https).extracting(ServiceEntry::port).isSorted();
        assertThat(TABLE.matching(Protocol.TCP, "ssh")).extracting(ServiceEntry::port).containsExactly(22);
        assertThat(TABLE.matching(Protocol.TCP, "s?h")).extracting(ServiceEntry::name).containsExactly("ssh");
        assertThat(TABLE.matching(Protocol.TCP, "zzz*")).isEmpty();
        assertThat(TABLE.matching(Protocol.TCP, "*").size())
                .isEqualTo(TABLE.entries().stream().filter(e -> e.protocol() == Protocol.TCP).count());
        assertThat(TABLE.matching(Protocol.TCP, "ht.p")).isEmpty(); // a dot is a dot, not a regex
    }

    @Test
    void firstRowOfAPortNamesIt() throws IOException {
        ServiceNames t = ServiceNames.parse(new StringReader("""
                # comment
                www\t80\ttcp\tweb
                http\t80\ttcp\tweb again

                domain\t53\tudp
                """));
        assertThat(t.name(Protocol.TCP, 80)).contains("www");
        assertThat(t.port(Protocol.TCP, "http")).hasValue(80);
        assertThat(t.entry(Protocol.UDP, 53).orElseThrow().description()).isEmpty();
        assertThat(t.entries()).hasSize(3);
    }

    @Test
    void malformedTablesNameTheLine() {
        assertThatThrownBy(() -> ServiceNames.parse(new StringReader("http\t80\ttcp\nbad\t99999\ttcp\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("service table line 2:");
        assertThatThrownBy(() -> ServiceNames.parse(new StringReader("http\t80\tdccp\n")))
                .hasMessage("service table line 1: unknown protocol \"dccp\"");
        assertThatThrownBy(() -> ServiceNames.parse(new StringReader("http 80 tcp\n")))
                .hasMessage("service table line 1: expected name, port, protocol, description");
        assertThatThrownBy(() -> ServiceNames.parse(new StringReader("http\tx\ttcp\n")))
                .hasMessageStartingWith("service table line 1:");
    }

    @Test
    void theShippedFileIsWellFormed() throws IOException {
        List<String> lines;
        try (InputStream in = ServiceNames.class.getResourceAsStream("services.tsv")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        assertThat(lines.getFirst()).startsWith("# Service names by port and protocol: IANA");
        Set<String> seen = new HashSet<>();
        int rows = 0;
        for (String line : lines) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            assertThat(f).as(line).hasSize(4);
            assertThat(f[0]).as(line).matches("[a-z0-9][a-z0-9._+/-]*");
            assertThat(Integer.parseInt(f[1])).as(line).isBetween(0, 65535);
            assertThat(f[2]).as(line).isIn("tcp", "udp", "sctp");
            assertThat(seen.add(f[0] + "/" + f[1] + "/" + f[2])).as("duplicate " + line).isTrue();
            rows++;
        }
        assertThat(TABLE.entries()).hasSize(rows);
        assertThat(rows).isGreaterThan(300);
    }
}
