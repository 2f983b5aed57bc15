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
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceNamesTest {
    private static final ServiceNames TABLE = ServiceNames.builtin();

    @ParameterizedTest(name = "{0}/{1} is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            21    | tcp | ftp
            22    | tcp | ssh
            23    | tcp | telnet
            25    | tcp | smtp
            53    | tcp | domain
            53    | udp | domain
            67    | udp | bootps
            80    | tcp | http
            110   | tcp | pop3
            111   | tcp | sunrpc
            123   | udp | ntp
            135   | tcp | epmap
            137   | udp | netbios-ns
            139   | tcp | netbios-ssn
            143   | tcp | imap
            161   | udp | snmp
            389   | tcp | ldap
            443   | tcp | https
            443   | udp | https
            445   | tcp | microsoft-ds
            465   | tcp | submissions
            500   | udp | isakmp
            514   | udp | syslog
            587   | tcp | submission
            631   | tcp | ipp
            636   | tcp | ldaps
            993   | tcp | imaps
            995   | tcp | pop3s
            1433  | tcp | ms-sql-s
            1701  | udp | l2tp
            1723  | tcp | pptp
            1900  | udp | ssdp
            2024  | tcp | xinuexpansion4
            2049  | tcp | nfs
            3306  | tcp | mysql
            3389  | tcp | ms-wbt-server
            3478  | udp | stun
            5060  | udp | sip
            5353  | udp | mdns
            5432  | tcp | postgresql
            5900  | tcp | rfb
            6000  | tcp | x11
            6063  | tcp | x11
            6379  | tcp | redis
            6667  | tcp | ircu
            8080  | tcp | http-alt
            11211 | tcp | memcache
            27017 | tcp | mongodb
            9     | sctp | discard
            2905  | sctp | m3ua
            """)
    void namesOfCommonPorts(int port, String protocol, String name) {
        assertThat(TABLE.name(Protocol.fromLabel(protocol), port)).contains(name);
    }

    @Test
    void unnamedPortsAndDescriptions() {
        assertThat(TABLE.name(Protocol.TCP, 65000)).isEmpty();
        assertThat(TABLE.name(Protocol.TCP, 0)).isEmpty(); // IANA: reserved
        assertThat(TABLE.name(Protocol.UDP, 143)).isEmpty(); // IANA took imap off UDP
        assertThat(TABLE.name(Protocol.TCP, -1)).isEmpty();
        assertThat(TABLE.name(Protocol.TCP, 70000)).isEmpty();
        assertThat(TABLE.entry(Protocol.TCP, 22).orElseThrow().description())
                .isEqualTo("The Secure Shell (SSH) Protocol");
        assertThat(TABLE.entry(Protocol.TCP, 80).orElseThrow())
                .isEqualTo(new ServiceEntry("http", 80, Protocol.TCP, "World Wide Web HTTP"));
    }

    @Test
    void portsByName() {
        assertThat(TABLE.port(Protocol.TCP, "http")).hasValue(80);
        assertThat(TABLE.port(Protocol.TCP, "HTTP")).hasValue(80);
        assertThat(TABLE.port(Protocol.TCP, "www")).hasValue(80); // IANA's aliases of http
        assertThat(TABLE.port(Protocol.TCP, "www-http")).hasValue(80);
        assertThat(TABLE.port(Protocol.TCP, "ssh")).hasValue(22);
        assertThat(TABLE.port(Protocol.UDP, "domain")).hasValue(53);
        assertThat(TABLE.port(Protocol.TCP, "imap")).hasValue(143);
        assertThat(TABLE.port(Protocol.TCP, "ipps")).hasValue(631);
        assertThat(TABLE.port(Protocol.TCP, "shilp")).hasValue(2049); // listed before nfs by IANA
        assertThat(TABLE.port(Protocol.TCP, "x11")).hasValue(6000);
        assertThat(TABLE.port(Protocol.UDP, "imap")).isEqualTo(OptionalInt.empty());
        assertThat(TABLE.port(Protocol.TCP, "no-such-service")).isEmpty();
        assertThat(TABLE.matching(Protocol.TCP, "http")).extracting(ServiceEntry::port).containsExactly(80);
        assertThat(TABLE.matching(Protocol.TCP, "x11")).extracting(ServiceEntry::port)
                .containsExactlyElementsOf(IntStream.rangeClosed(6000, 6063).boxed().toList());
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
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("service table line 2: port out of range: 99999");
        assertThatThrownBy(() -> ServiceNames.parse(new StringReader("http\t80\tdccp\n")))
                .hasMessage("service table line 1: unknown protocol \"dccp\"");
        assertThatThrownBy(() -> ServiceNames.parse(new StringReader("http 80 tcp\n")))
                .hasMessage("service table line 1: expected name, port, protocol, description");
        assertThatThrownBy(() -> ServiceNames.parse(new StringReader("http\t80\n")))
                .hasMessage("service table line 1: expected name, port, protocol, description");
        assertThatThrownBy(() -> ServiceNames.parse(new StringReader("http\tx\ttcp\n")))
                .hasMessage("service table line 1: not a port number: \"x\"");
        assertThatThrownBy(() -> ServiceNames.parse(new StringReader("# c\n\nhttp\t123456\ttcp\n")))
                .hasMessage("service table line 3: not a port number: \"123456\"");
        assertThatThrownBy(() -> ServiceNames.parse(new StringReader("http\t\ttcp\n")))
                .hasMessage("service table line 1: empty port number");
        assertThatThrownBy(() -> ServiceNames.parse(new StringReader("\t80\ttcp\n")))
                .hasMessage("service table line 1: empty service name");
        assertThatThrownBy(() -> ServiceNames.parse(new StringReader("http\t80\t\n")))
                .hasMessage("service table line 1: unknown protocol \"\"");
    }

    @Test
    void parseReadsWhatOfHolds() throws IOException {
        ServiceNames t = ServiceNames.parse(new StringReader(
                "HTTP\t80\ttcp\tweb\textra\r\n  \t \r\nx\t9\tsctp\r\ny\t65535\tudp\tcaf\u00e9 \u2026\nz\t0\ttcp"));
        assertThat(t.entries()).containsExactly(
                new ServiceEntry("http", 80, Protocol.TCP, "web"),
                new ServiceEntry("x", 9, Protocol.SCTP, ""),
                new ServiceEntry("y", 65535, Protocol.UDP, "caf\u00e9 \u2026"),
                new ServiceEntry("z", 0, Protocol.TCP, ""));
        ServiceNames same = ServiceNames.of(t.entries());
        for (ServiceNames table : List.of(t, same)) {
            assertThat(table.name(Protocol.UDP, 65535)).contains("y");
            assertThat(table.port(Protocol.TCP, "Http")).hasValue(80);
            assertThat(table.matching(Protocol.TCP, "*")).extracting(ServiceEntry::port).containsExactly(0, 80);
            assertThat(table.name(Protocol.UDP, 80)).isEmpty();
        }
        assertThat(ServiceNames.parse(new StringReader("")).entries()).isEmpty();
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
            assertThat(f[3].length()).as(line).isLessThanOrEqualTo(60);
            assertThat(Integer.parseInt(f[1])).as(line).isBetween(0, 65535);
            assertThat(f[2]).as(line).isIn("tcp", "udp", "sctp");
            assertThat(seen.add(f[0] + "/" + f[1] + "/" + f[2])).as("duplicate " + line).isTrue();
            rows++;
        }
        assertThat(TABLE.entries()).hasSize(rows);
        // The full IANA registry names some 5 900 TCP and 5 500 UDP ports; netbase's /etc/services about 300.
        assertThat(TABLE.entries().stream().filter(e -> e.protocol() == Protocol.TCP).map(ServiceEntry::port)
                .distinct().count()).isGreaterThan(5000);
        assertThat(TABLE.entries().stream().filter(e -> e.protocol() == Protocol.UDP).map(ServiceEntry::port)
                .distinct().count()).isGreaterThan(5000);
    }
}
