package dev.portolan.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ipv6Text against the JDK's own literal parser, which serves as the oracle. */
class Ipv6TextTest {

    @ParameterizedTest
    @ValueSource(strings = {"::", "::1", "1::", "2001:db8::1", "2001:DB8:0:0:0:0:0:1", "fe80::1:2:3:4",
            "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "::ffff:192.0.2.1", "64:ff9b::192.0.2.33",
            "1:2:3:4:5:6:1.2.3.4", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "0:0:0:0:0:0:0:0", "a:b::c:d"})
    void agreesWithTheJdk(String text) {
        assertThat(Ipv6Text.parse(text)).isEqualTo(jdk(text));
    }

    @Test
    void randomAddressesRoundTripThroughEveryCompression() {
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            long hi = random.nextBoolean() ? random.nextLong() : random.nextLong() & 0xffff0000ffff0000L;
            long lo = random.nextBoolean() ? random.nextLong() : random.nextLong() & 0x0000ffff00000000L;
            Inet6Address a = Addresses.ipv6(hi, lo);
            assertThat(Ipv6Text.parse(Addresses.format(a))).isEqualTo(new U128(hi, lo));
            assertThat(Ipv6Text.parse(a.getHostAddress())).isEqualTo(new U128(hi, lo));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {":", ":::", "1:2", "1::2::3", "12345::", "g::", "1:2:3:4:5:6:7:8:9", "::1.2.3",
            "1.2.3.4::", "::1.2.3.4:5", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", "1:2:3:4:5:6:7:8::", "::-1"})
    void rejectsWhatTheJdkRejects(String text) {
        assertThatThrownBy(() -> Ipv6Text.parse(text)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Inet6Address.ofLiteral(text)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The JDK's reading; it turns IPv4-mapped addresses into IPv4 ones, which are mapped back here. */
    private static U128 jdk(String text) {
        InetAddress a = Inet6Address.ofLiteral(text);
        return a instanceof Inet4Address v4 ? new U128(0, 0xffffL << 32 | Addresses.ipv4Value(v4)) : U128.of(a);
    }
}
