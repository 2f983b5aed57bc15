package dev.portolan.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portolan.service.ServiceEntry;
import dev.portolan.service.ServiceNames;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortListTest {
    private static final ServiceNames BUILTIN = ServiceNames.builtin();

    /** A small table, so that wildcard results are known exactly. */
    private static final ServiceNames SMALL = ServiceNames.of(List.of(
            new ServiceEntry("http", 80, Protocol.TCP, ""),
            new ServiceEntry("http-alt", 8080, Protocol.TCP, ""),
            new ServiceEntry("https", 443, Protocol.TCP, ""),
            new ServiceEntry("https", 443, Protocol.UDP, ""),
            new ServiceEntry("ssh", 22, Protocol.TCP, ""),
            new ServiceEntry("domain", 53, Protocol.TCP, ""),
            new ServiceEntry("domain", 53, Protocol.UDP, ""),
            new ServiceEntry("ntp", 123, Protocol.UDP, ""),
            new ServiceEntry("x11", 6000, Protocol.TCP, ""),
            new ServiceEntry("x11", 6001, Protocol.TCP, "")));

    private static PortList parse(String spec) {
        return PortList.parse(spec, SMALL);
    }

    private static int[] range(int from, int to) {
        return IntStream.rangeClosed(from, to).toArray();
    }

    @Test
    void numbersAndRanges() {
        PortList list = parse("22,80,1000-2000");
        assertThat(list.size()).isEqualTo(1003);
        assertThat(list.protocols()).containsExactly(Protocol.TCP);
        assertThat(list.compact(Protocol.TCP)).isEqualTo("22,80,1000-2000");
        assertThat(list.ports(Protocol.TCP)).startsWith(22, 80, 1000).endsWith(1999, 2000);
        assertThat(parse("80,22,80,21-23").ports(Protocol.TCP)).containsExactly(21, 22, 23, 80);
        assertThat(parse(" 22 , 80 ").ports(Protocol.TCP)).containsExactly(22, 80);
    }

    @Test
    void openRangesAndTheWholeRange() {
        PortList all = parse("-");
        assertThat(all.size()).isEqualTo(65535);
        assertThat(all.ports(Protocol.TCP)).isEqualTo(range(1, 65535));
        assertThat(all.contains(Protocol.TCP, 0)).isFalse();
        assertThat(all.compact(Protocol.TCP)).isEqualTo("1-65535");
        assertThat(parse("-1024").ports(Protocol.TCP)).isEqualTo(range(1, 1024));
        assertThat(parse("60000-").ports(Protocol.TCP)).isEqualTo(range(60000, 65535));
        assertThat(parse("0").ports(Protocol.TCP)).containsExactly(0);
        assertThat(parse("0-3").ports(Protocol.TCP)).containsExactly(0, 1, 2, 3);
        assertThat(parse("65535").ports(Protocol.TCP)).containsExactly(65535);
        assertThat(parse("0,-").size()).isEqualTo(65536);
    }

    @Test
    void protocolQualifiersLastUntilTheNextOne() {
        PortList list = parse("T:80,443,U:53,S:9");
        assertThat(list.ports(Protocol.TCP)).containsExactly(80, 443);
        assertThat(list.ports(Protocol.UDP)).containsExactly(53);
        assertThat(list.ports(Protocol.SCTP)).containsExactly(9);
        assertThat(list.protocols()).containsExactly(Protocol.TCP, Protocol.UDP, Protocol.SCTP);
        PortList mixed = parse("22,U:53,161,T:25");
        assertThat(mixed.ports(Protocol.TCP)).containsExactly(22, 25);
        assertThat(mixed.ports(Protocol.UDP)).containsExactly(53, 161);
        assertThat(parse("u:53").ports(Protocol.UDP)).containsExactly(53);
        assertThat(parse("U:-").count(Protocol.UDP)).isEqualTo(65535);
    }

    @Test
    void unqualifiedPortsGoToEveryGivenProtocol() {
        PortList list = PortList.parse("53,T:80", SMALL, EnumSet.of(Protocol.TCP, Protocol.UDP));
        assertThat(list.ports(Protocol.TCP)).containsExactly(53, 80);
        assertThat(list.ports(Protocol.UDP)).containsExactly(53);
        PortList names = PortList.parse("ntp,https", SMALL, EnumSet.of(Protocol.TCP, Protocol.UDP));
        assertThat(names.ports(Protocol.TCP)).containsExactly(443);
        assertThat(names.ports(Protocol.UDP)).containsExactly(123, 443);
    }

    @Test
    void serviceNamesAndWildcards() {
        assertThat(parse("http,ssh").ports(Protocol.TCP)).containsExactly(22, 80);
        assertThat(parse("http*").ports(Protocol.TCP)).containsExactly(80, 443, 8080);
        assertThat(parse("https*").ports(Protocol.TCP)).containsExactly(443);
        assertThat(parse("x11").ports(Protocol.TCP)).containsExactly(6000, 6001);
        assertThat(parse("?sh").ports(Protocol.TCP)).containsExactly(22);
        assertThat(parse("HTTP").ports(Protocol.TCP)).containsExactly(80);
        assertThat(parse("U:domain,T:domain").ports(Protocol.UDP)).containsExactly(53);
        assertThat(parse("*").size()).isEqualTo(7);
    }

    @Test
    void builtinServiceNames() {
        assertThat(PortList.parse("http,ssh,https", BUILTIN).ports(Protocol.TCP)).containsExactly(22, 80, 443);
        assertThat(PortList.parse("U:domain,ntp", BUILTIN).ports(Protocol.UDP)).containsExactly(53, 123);
        assertThat(PortList.parse("imap", BUILTIN).ports(Protocol.TCP)).containsExactly(143);
    }

    @Test
    void groups() {
        PortList web = parse("@web");
        assertThat(web.contains(Protocol.TCP, 80)).isTrue();
        assertThat(web.contains(Protocol.TCP, 443)).isTrue();
        assertThat(web.contains(Protocol.UDP, 443)).isTrue();
        assertThat(parse("T:@web").protocols()).containsExactly(Protocol.TCP);
        assertThat(parse("U:@web").ports(Protocol.UDP)).containsExactly(443);
        PortList malware = parse("@malware");
        for (int port : new int[] {31337, 12345, 1243, 6667, 4444, 27374, 20034, 1080}) {
            assertThat(malware.contains(Protocol.TCP, port)).as("%d/tcp", port).isTrue();
        }
        assertThat(parse("@mail,22").contains(Protocol.TCP, 22)).isTrue();
        assertThat(parse("@WEB")).isEqualTo(web);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            70000          | 70000    | ports are 0 to 65535
            100000000000   | 100000000000 | ports are 0 to 65535
            abc            | abc      | not a port number or a known tcp service name
            U:ssh          | U:ssh    | not a port number or a known udp service name
            nope*          | nope*    | matches no known tcp service name
            5-3            | 5-3      | the range runs backwards
            1-2-3          | 1-2-3    | a range has one dash
            80,,81         | 80,,81   | empty entry in the port list
            '80,'          | '80,'    | empty entry in the port list
            T:             | T:       | empty entry in the port list
            X:80           | X:80     | unknown protocol qualifier X: (use T:, U: or S:)
            P:6            | P:6      | IP protocol scans (P:) are not supported
            [1-1024]       | [1-1024] | nmap's [ranges] of registered ports are not supported
            S:@web         | S:@web   | the group has no sctp ports
            """)
    void malformedSpecsNameTheirItem(String spec, String token, String problem) {
        assertThatThrownBy(() -> parse(spec))
                .isInstanceOfSatisfying(PortSpecException.class, e -> {
                    assertThat(e.token()).isEqualTo(token);
                    assertThat(e).isInstanceOf(SpecException.class);
                })
                .hasMessage("bad port specification \"" + token + "\": " + problem);
    }

    @Test
    void anUnknownGroupListsTheKnownOnes() {
        assertThatThrownBy(() -> parse("80,@nosuch"))
                .isInstanceOfSatisfying(PortSpecException.class, e -> assertThat(e.token()).isEqualTo("@nosuch"))
                .hasMessage("bad port specification \"@nosuch\": no such port group; the groups are @web @mail "
                        + "@databases @remote-access @file-sharing @windows @games @malware");
    }

    @Test
    void emptySpecs() {
        for (String spec : new String[] {"", "  "}) {
            assertThatThrownBy(() -> parse(spec)).isInstanceOf(PortSpecException.class)
                    .hasMessage("bad port specification \"" + spec + "\": no ports given");
        }
        assertThatThrownBy(() -> PortList.parse(null, SMALL)).isInstanceOf(PortSpecException.class);
    }

    @Test
    void excludeAndUnion() {
        PortList ports = parse("1-1024").exclude(parse("22,80,2000"));
        assertThat(ports.size()).isEqualTo(1022);
        assertThat(ports.contains(Protocol.TCP, 22)).isFalse();
        assertThat(ports.compact(Protocol.TCP)).isEqualTo("1-21,23-79,81-1024");
        assertThat(parse("T:80,U:53").exclude(parse("U:53"))).isEqualTo(parse("80"));
        assertThat(parse("80").exclude(parse("80")).isEmpty()).isTrue();
        assertThat(parse("80").exclude(parse("U:80"))).isEqualTo(parse("80"));
        assertThat(parse("80").union(parse("U:53,T:443"))).isEqualTo(parse("T:80,443,U:53"));
        assertThat(PortList.empty().union(parse("1"))).isEqualTo(parse("1"));
    }

    @Test
    void topPorts() {
        PortList top100 = PortList.top(100, Protocol.TCP);
        assertThat(top100.size()).isEqualTo(100);
        assertThat(top100.contains(Protocol.TCP, 80)).isTrue();
        assertThat(top100.contains(Protocol.TCP, 443)).isTrue();
        assertThat(top100.contains(Protocol.TCP, 22)).isTrue();
        assertThat(PortList.top(1, Protocol.TCP)).isEqualTo(parse("80"));
        assertThat(PortList.top(1, Protocol.UDP)).isEqualTo(parse("U:53"));
        assertThat(PortList.top(1000, Protocol.TCP).count(Protocol.TCP)).isEqualTo(1000);
        assertThat(PortList.top(1000, Protocol.UDP).count(Protocol.UDP)).isEqualTo(1000);
        assertThat(PortList.top(70000, Protocol.TCP)).isEqualTo(parse("-"));
        assertThat(PortList.top(5, Protocol.SCTP).count(Protocol.SCTP)).isEqualTo(5);
        assertThatThrownBy(() -> PortList.top(0, Protocol.TCP)).isInstanceOf(PortSpecException.class)
                .hasMessage("bad port specification \"0\": the number of top ports must be at least 1");
    }

    @Test
    void toStringRoundTrips() {
        PortList list = parse("T:1-1000,8080,U:53,161-162,S:2905");
        assertThat(list.toString()).isEqualTo("T:1-1000,8080,U:53,161-162,S:2905");
        assertThat(parse(list.toString())).isEqualTo(list).hasSameHashCodeAs(list);
        assertThat(PortList.empty().toString()).isEmpty();
        assertThat(PortList.empty().compact(Protocol.TCP)).isEmpty();
    }

    @Test
    void ofValidatesAndSorts() {
        assertThat(PortList.of(Protocol.UDP, 161, 53, 53).ports(Protocol.UDP)).containsExactly(53, 161);
        assertThat(PortList.of(Protocol.TCP).isEmpty()).isTrue();
        assertThat(PortList.of(Protocol.TCP).protocols()).isEmpty();
        assertThatThrownBy(() -> PortList.of(Protocol.TCP, 65536)).isInstanceOf(PortSpecException.class);
        assertThatThrownBy(() -> PortList.of(Protocol.TCP, -1)).isInstanceOf(PortSpecException.class);
    }

    @Test
    void protocolsByLabel() {
        assertThat(Protocol.fromLabel("udp")).isEqualTo(Protocol.UDP);
        assertThatThrownBy(() -> Protocol.fromLabel("UDP")).hasMessage("unknown protocol \"UDP\"");
    }

    @Test
    void portsReturnsACopy() {
        PortList list = parse("1-3");
        list.ports(Protocol.TCP)[0] = 99;
        assertThat(list.ports(Protocol.TCP)).containsExactly(1, 2, 3);
        assertThat(list.ports(Protocol.UDP)).isEmpty();
        assertThat(list.count(Protocol.UDP)).isZero();
    }
}
