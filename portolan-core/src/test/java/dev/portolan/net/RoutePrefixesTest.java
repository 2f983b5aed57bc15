package dev.portolan.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Longest-prefix matching over the routing tables, and the source cache that asks the kernel once per prefix. */
class RoutePrefixesTest {
    private static InetAddress ip(String literal) {
        return InetAddress.ofLiteral(literal);
    }

    @Test
    void prefixesClearHostBitsRoundTripAndContain() {
        RoutePrefix p = RoutePrefix.of(new byte[] {(byte) 198, 51, 100, 7}, 30);
        assertThat(p).isEqualTo(RoutePrefix.parse("198.51.100.4/30")).hasToString("198.51.100.4/30");
        assertThat(p.contains(ip("198.51.100.6").getAddress())).isTrue();
        assertThat(p.contains(ip("198.51.100.8").getAddress())).isFalse();
        assertThat(p.contains(ip("2001:db8::1").getAddress())).isFalse();
        assertThat(RoutePrefix.parse("2001:db8::ff/126").contains(ip("2001:db8::fd").getAddress())).isTrue();
        assertThat(RoutePrefix.parse("0.0.0.0/0").contains(ip("203.0.113.9").getAddress())).isTrue();
        assertThat(RoutePrefix.parse("198.18.0.0/15").contains(ip("198.19.255.255").getAddress())).isTrue();
        assertThat(RoutePrefix.parse("198.18.0.0/15").contains(ip("198.20.0.0").getAddress())).isFalse();
        assertThatThrownBy(() -> RoutePrefix.parse("198.51.100.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RoutePrefix.parse("198.51.100.0")).hasMessageContaining("no '/'");
    }

    @Test
    void theMostSpecificPrefixWins() {
        RoutePrefixes tables = RoutePrefixes.of(List.of(RoutePrefix.parse("0.0.0.0/0"),
                RoutePrefix.parse("198.51.100.0/30"), RoutePrefix.parse("198.51.100.4/30"),
                RoutePrefix.parse("198.51.100.0/24"), RoutePrefix.parse("2001:db8::/126")));
        assertThat(tables.longestMatch(ip("198.51.100.2"))).contains(RoutePrefix.parse("198.51.100.0/30"));
        assertThat(tables.longestMatch(ip("198.51.100.6"))).contains(RoutePrefix.parse("198.51.100.4/30"));
        assertThat(tables.longestMatch(ip("198.51.100.9"))).contains(RoutePrefix.parse("198.51.100.0/24"));
        assertThat(tables.longestMatch(ip("203.0.113.1"))).contains(RoutePrefix.parse("0.0.0.0/0"));
        assertThat(tables.longestMatch(ip("2001:db8::2"))).contains(RoutePrefix.parse("2001:db8::/126"));
        assertThat(tables.longestMatch(ip("2001:db8::9"))).isEmpty();
        for (String a : List.of("198.51.100.2", "198.51.100.6", "198.51.100.9", "203.0.113.1", "0.0.0.0",
                "255.255.255.255")) {
            byte[] b = ip(a).getAddress();
            int bits = (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
            assertThat(Optional.ofNullable(tables.longestMatchIpv4(bits))).as(a).isEqualTo(tables.longestMatch(ip(a)));
        }
        RoutePrefixes noDefault = RoutePrefixes.of(List.of(RoutePrefix.parse("198.18.0.0/15")));
        assertThat(noDefault.longestMatchIpv4(0xC6140000)).isNull();
        assertThat(noDefault.longestMatchIpv4(0xC613FFFF)).isEqualTo(RoutePrefix.parse("198.18.0.0/15"));
    }

    /** Two hosts of one /24 behind different links get their own sources: a cache per /24 would send one wrong. */
    @Test
    void theKernelIsAskedOncePerPrefixAndNeverWithoutARoute() {
        RoutePrefixes tables = RoutePrefixes.of(List.of(RoutePrefix.parse("198.51.100.0/30"),
                RoutePrefix.parse("198.51.100.4/30"), RoutePrefix.parse("198.18.0.0/15")));
        List<InetAddress> asked = new ArrayList<>();
        RouteSources sources = new RouteSources(tables, destination -> {
            asked.add(destination);
            byte[] b = destination.getAddress();
            return Optional.of(ip(b[0] == (byte) 198 && b[1] == 51 ? "198.51.100." + ((b[3] & ~3) + 1) : "198.51.100.9"));
        });
        assertThat(sources.sourceFor(ip("198.51.100.2"))).contains(ip("198.51.100.1"));
        assertThat(sources.sourceFor(ip("198.51.100.6"))).contains(ip("198.51.100.5"));
        for (int i = 0; i < 1000; i++) {
            assertThat(sources.sourceFor(ip("198.18." + (i >> 8) + "." + (i & 0xff)))).contains(ip("198.51.100.9"));
        }
        assertThat(sources.sourceFor(ip("203.0.113.5"))).isEmpty();
        assertThat(asked).containsExactly(ip("198.51.100.2"), ip("198.51.100.6"), ip("198.18.0.0"));
    }

    @Test
    void thisMachineHasALoopbackRoute() throws Exception {
        assumeTrue(NativeAccess.available(), "native access off: route dump skipped");
        RoutePrefixes tables = RoutePrefixes.load();
        assertThat(tables.longestMatch(ip("127.0.0.1"))).isPresent();
        assertThat(RouteSources.ofThisMachine().sourceFor(ip("127.0.0.1"))).contains(ip("127.0.0.1"));
    }
}
