package dev.portolan.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portolan.target.PortList;
import dev.portolan.target.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PortGroupsTest {
    private static final PortGroups GROUPS = PortGroups.builtin();

    @Test
    void theShippedGroups() {
        assertThat(GROUPS.names()).containsExactly("web", "mail", "databases", "remote-access", "file-sharing",
                "windows", "games", "malware");
        for (PortGroups.Group g : GROUPS.groups()) {
            assertThat(g.ports().size()).as(g.name()).isGreaterThanOrEqualTo(10);
            assertThat(g.description()).as(g.name()).isNotBlank();
        }
        PortList db = GROUPS.group("databases").orElseThrow().ports();
        assertThat(db.ports(Protocol.TCP)).contains(1433, 1521, 3306, 5432, 6379, 27017, 9200);
        assertThat(db.ports(Protocol.UDP)).contains(1434, 11211);
        assertThat(GROUPS.group("mail").orElseThrow().ports().ports(Protocol.TCP))
                .contains(25, 110, 143, 465, 587, 993, 995);
        assertThat(GROUPS.group("remote-access").orElseThrow().ports().ports(Protocol.TCP)).contains(22, 23, 3389,
                5900);
        assertThat(GROUPS.group("Remote-Access")).isPresent();
        assertThat(GROUPS.group("nope")).isEmpty();
    }

    @Test
    void everyShippedPortSaysWhereItComesFrom() throws IOException {
        String text;
        try (InputStream in = PortGroups.class.getResourceAsStream("port-groups.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        text.lines().filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("["))
                .forEach(l -> assertThat(l).matches("\\d+/(tcp|udp|sctp)\\s+# \\S.*"));
    }

    @Test
    void parse() {
        PortGroups g = PortGroups.parse(new StringReader("""
                # groups
                [a] first
                80/tcp  # web
                53/udp

                [b]
                22/tcp
                """));
        assertThat(g.names()).containsExactly("a", "b");
        assertThat(g.group("a").orElseThrow().ports().toString()).isEqualTo("T:80,U:53");
        assertThat(g.group("a").orElseThrow().description()).isEqualTo("first");
        assertThat(g.group("b").orElseThrow().description()).isEmpty();
        assertThatThrownBy(() -> PortGroups.parse(new StringReader("80/tcp\n")))
                .hasMessage("port groups line 1: expected [group] or port/protocol, got \"80/tcp\"");
        assertThatThrownBy(() -> PortGroups.parse(new StringReader("[a]\n80/tcp\n[a]\n")))
                .hasMessage("port groups: group a appears twice (before line 4)");
        assertThatThrownBy(() -> PortGroups.parse(new StringReader("[a]\n99999/tcp\n")))
                .hasMessageStartingWith("port groups line 2:");
    }
}
