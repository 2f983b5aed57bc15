package dev.portolan.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portolan.target.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortRankingTest {
    private static final PortRanking RANKING = PortRanking.builtin();

    @Test
    void theShippedFileHasNoDuplicatesAndAThousandPortsPerProtocol() throws IOException {
        List<String> entries;
        try (InputStream in = PortRanking.class.getResourceAsStream("top-ports.txt")) {
            entries = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        }
        Set<String> seen = new HashSet<>();
        for (String e : entries) {
            assertThat(e).matches("[1-9][0-9]{0,4}/(tcp|udp|sctp)");
            assertThat(Integer.parseInt(e.substring(0, e.indexOf('/')))).isLessThanOrEqualTo(65535);
            assertThat(seen.add(e)).as("duplicate %s", e).isTrue();
        }
        assertThat(entries.stream().filter(e -> e.endsWith("/tcp")).count()).isGreaterThanOrEqualTo(1000);
        assertThat(entries.stream().filter(e -> e.endsWith("/udp")).count()).isGreaterThanOrEqualTo(1000);
        assertThat(RANKING.rankedCount(Protocol.TCP)).isGreaterThanOrEqualTo(1000);
        assertThat(RANKING.rankedCount(Protocol.UDP)).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void afterTheHandPickedTierComeTheRegisteredPortsAscending() throws IOException {
        Map<String, List<Integer>> tiers = new LinkedHashMap<>();
        List<Integer> current = null;
        try (InputStream in = PortRanking.class.getResourceAsStream("top-ports.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                if (line.matches("# (tcp|udp|sctp) tier [123]")) {
                    current = new ArrayList<>();
                    tiers.put(line.substring(2), current);
                } else if (!line.startsWith("#")) {
                    current.add(Integer.parseInt(line.substring(0, line.indexOf('/'))));
                }
            }
        }
        ServiceNames names = ServiceNames.builtin();
        for (Protocol p : Protocol.values()) {
            List<Integer> tier2 = tiers.get(p.label() + " tier 2");
            List<Integer> tier3 = tiers.get(p.label() + " tier 3");
            assertThat(tier2).as("%s tier 2", p).isSorted().allMatch(port -> port < 1024)
                    .allMatch(port -> names.name(p, port).isPresent());
            assertThat(tier3).as("%s tier 3", p).isSorted().allMatch(port -> port >= 1024)
                    .allMatch(port -> names.name(p, port).isPresent());
            Set<Integer> ranked = new HashSet<>();
            tiers.forEach((tier, ports) -> {
                if (tier.startsWith(p.label() + " ")) {
                    ranked.addAll(ports);
                }
            });
            assertThat(ranked).as("every registered %s port is ranked", p).containsAll(names.entries().stream()
                    .filter(e -> e.protocol() == p && e.port() > 0).map(ServiceEntry::port).toList());
            assertThat(RANKING.rankedCount(p)).isEqualTo(ranked.size());
        }
    }

    @Test
    void theMostCommonComeFirst() {
        assertThat(RANKING.top(Protocol.TCP, 10)).containsExactly(80, 443, 22, 21, 25, 3389, 110, 445, 139, 143);
        assertThat(RANKING.top(Protocol.UDP, 5)).containsExactly(53, 161, 123, 137, 138);
        assertThat(RANKING.top(Protocol.TCP, 100)).contains(8080, 3306, 5900, 8443, 1433);
        assertThat(RANKING.top(Protocol.UDP, 100)).contains(67, 69, 500, 1900, 5353, 11211, 443);
        assertThat(RANKING.top(Protocol.TCP, 0)).isEmpty();
    }

    @Test
    void pastTheRankingTheOtherPortsFollowAscending() {
        int ranked = RANKING.rankedCount(Protocol.SCTP);
        int[] more = RANKING.top(Protocol.SCTP, ranked + 3);
        int[] rankedPorts = RANKING.top(Protocol.SCTP, ranked);
        int[] tail = Arrays.copyOfRange(more, ranked, ranked + 3);
        assertThat(tail).isSorted().doesNotContain(rankedPorts);
        assertThat(tail[0]).isEqualTo(firstMissing(rankedPorts));
        int[] all = RANKING.top(Protocol.TCP, 65535);
        assertThat(Arrays.stream(all).distinct().count()).isEqualTo(65535);
        assertThat(all).doesNotContain(0);
        assertThat(RANKING.top(Protocol.TCP, 100_000)).hasSize(65535);
        assertThatThrownBy(() -> RANKING.top(Protocol.TCP, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static int firstMissing(int[] ports) {
        Set<Integer> s = new HashSet<>();
        Arrays.stream(ports).forEach(s::add);
        int p = 1;
        while (s.contains(p)) {
            p++;
        }
        return p;
    }

    @Test
    void parseRejectsDuplicatesAndJunk() {
        assertThatThrownBy(() -> PortRanking.parse(new StringReader("80/tcp\n# c\n80/tcp\n")))
                .hasMessage("port ranking line 3: 80/tcp is listed twice");
        assertThatThrownBy(() -> PortRanking.parse(new StringReader("80\n")))
                .hasMessage("port ranking line 1: expected port/protocol, got \"80\"");
        assertThatThrownBy(() -> PortRanking.parse(new StringReader("70000/tcp\n")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PortRanking.parse(new StringReader("80/icmp\n")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseTakesWhiteSpaceCommentsAndCrLf() throws IOException {
        PortRanking r = PortRanking.parse(new StringReader("# head\r\n  443/tcp \r\n\r\n\t22/tcp\n# tail\n80/tcp"));
        assertThat(r.top(Protocol.TCP, 3)).containsExactly(443, 22, 80);
        assertThatThrownBy(() -> PortRanking.parse(new StringReader("80/tcp\n 123456/tcp\n")))
                .hasMessage("port ranking line 2: expected port/protocol, got \"123456/tcp\"");
        assertThatThrownBy(() -> PortRanking.parse(new StringReader("80/tcpx\n")))
                .hasMessage("port ranking line 1: expected port/protocol, got \"80/tcpx\"");
        assertThatThrownBy(() -> PortRanking.parse(new StringReader("/tcp\n")))
                .hasMessage("port ranking line 1: expected port/protocol, got \"/tcp\"");
        assertThatThrownBy(() -> PortRanking.parse(new StringReader("80/\n")))
                .hasMessage("port ranking line 1: expected port/protocol, got \"80/\"");
    }

    @Test
    void parseKeepsProtocolsApart() throws IOException {
        PortRanking r = PortRanking.parse(new StringReader("53/udp\n80/tcp\n53/tcp\n"));
        assertThat(r.top(Protocol.TCP, 2)).containsExactly(80, 53);
        assertThat(r.top(Protocol.UDP, 3)).containsExactly(53, 1, 2);
        assertThat(r.rankedCount(Protocol.SCTP)).isZero();
    }
}
