package dev.portolan.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Ipv4PrefixTest {

    @Test
    void parsesAndPrintsTheSameText() {
        Ipv4Prefix p = Ipv4Prefix.parse("198.18.0.0/15");
        assertThat(p.network()).isEqualTo(0xC612_0000L);
        assertThat(p.length()).isEqualTo(15);
        assertThat(p.size()).isEqualTo(131_072);
        assertThat(p).hasToString("198.18.0.0/15");
        assertThat(Ipv4Prefix.parse("0.0.0.0/0").size()).isEqualTo(1L << 32);
        assertThat(Ipv4Prefix.parse("255.255.255.255/32").size()).isEqualTo(1);
    }

    @Test
    void containsWholePrefixesAndSingleAddresses() {
        Ipv4Prefix space = Ipv4Prefix.parse("198.18.0.0/15");
        assertThat(space.contains(Ipv4Prefix.parse("198.19.240.0/20"))).isTrue();
        assertThat(space.contains(Ipv4Prefix.parse("198.18.0.0/15"))).isTrue();
        assertThat(space.contains(Ipv4Prefix.parse("198.16.0.0/14"))).isFalse();
        assertThat(space.contains(Ipv4Prefix.parse("198.20.0.0/16"))).isFalse();
        assertThat(space.contains(0xC613_FFFFL)).isTrue();
        assertThat(space.contains(0xC614_0000L)).isFalse();
        assertThat(space.contains(0xC611_FFFFL)).isFalse();
    }

    @Test
    void refusesWhatIsNotANetworkAddress() {
        assertThatThrownBy(() -> Ipv4Prefix.parse("198.18.0.1/15"))
                .hasMessage("not an IPv4 prefix (host bits set or length over 32): '198.18.0.1/15'");
        assertThatThrownBy(() -> Ipv4Prefix.parse("198.18.0.0/33"))
                .hasMessage("not an IPv4 prefix (host bits set or length over 32): '198.18.0.0/33'");
        assertThatThrownBy(() -> Ipv4Prefix.parse("198.18.0.256/32")).hasMessageContaining("octet 256");
        assertThatThrownBy(() -> Ipv4Prefix.parse("198.18.0.0")).hasMessage("not an IPv4 prefix (a.b.c.d/n): '198.18.0.0'");
        assertThatThrownBy(() -> new Ipv4Prefix(1, 31)).isInstanceOf(IllegalArgumentException.class);
    }
}
