package dev.portolan.craft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ProbeCraftingTest {

    @Test
    void eachOptionLandsInItsField() {
        ProbeCrafting c = ProbeCrafting.builder().sourcePort(53).ttl(0).dataLength(1400).badChecksum(true)
                .source("198.51.100.9").device("veth0").fragments(2)
                .decoys(ProbeCrafting.parseDecoys("192.0.2.5,ME,192.0.2.6", new SplittableRandom(1))).build();
        assertThat(c.sourcePort()).hasValue(53);
        assertThat(c.ttl()).hasValue(0);
        assertThat(c.dataLength()).isEqualTo(1400);
        assertThat(c.badChecksum()).isTrue();
        assertThat(c.source()).contains(InetAddress.ofLiteral("198.51.100.9"));
        assertThat(c.device()).contains("veth0");
        assertThat(c.fragmentSize()).isEqualTo(16);
        assertThat(c.decoys()).extracting(Decoy::toString).containsExactly("192.0.2.5", "ME", "192.0.2.6");
        assertThat(c.rawOnlyOptions()).containsExactly("-g", "--ttl", "--data-length", "--badsum", "-S", "-e", "-D",
                "-ff");
        assertThat(c.isNone()).isFalse();
        assertThat(ProbeCrafting.builder().build()).isEqualTo(ProbeCrafting.NONE);
        assertThat(ProbeCrafting.NONE.isNone()).isTrue();
        assertThat(ProbeCrafting.builder().fragments(1).build().fragmentSize()).isEqualTo(8);
        assertThat(ProbeCrafting.builder().mtu(24).build().rawOnlyOptions()).containsExactly("--mtu");
    }

    static Stream<Arguments> badValues() {
        return Stream.<Arguments>of(
                bad(() -> ProbeCrafting.builder().sourcePort(65536), "-g 65536: a source port is 0 to 65535"),
                bad(() -> ProbeCrafting.builder().sourcePort(-1), "-g -1: a source port is 0 to 65535"),
                bad(() -> ProbeCrafting.builder().ttl(256), "--ttl 256: the TTL is 0 to 255"),
                bad(() -> ProbeCrafting.builder().ttl(-1), "--ttl -1: the TTL is 0 to 255"),
                bad(() -> ProbeCrafting.builder().dataLength(1401), "--data-length 1401: must be 0 to 1400"),
                bad(() -> ProbeCrafting.builder().dataLength(-2), "--data-length -2: must be 0 to 1400"),
                bad(() -> ProbeCrafting.builder().mtu(12), "--mtu 12: must be a positive multiple of 8"),
                bad(() -> ProbeCrafting.builder().mtu(0), "--mtu 0: must be a positive multiple of 8"),
                bad(() -> ProbeCrafting.builder().source("example.com"),
                        "-S example.com: 'example.com' is not an IP address"),
                bad(() -> ProbeCrafting.builder().source("300.1.2.3"),
                        "-S 300.1.2.3: '300.1.2.3' is not an IP address"),
                bad(() -> ProbeCrafting.builder().device("a/b"), "-e 'a/b': not an interface name"),
                bad(() -> ProbeCrafting.builder().device("sixteen-chars-xx"),
                        "-e 'sixteen-chars-xx': not an interface name"),
                bad(() -> ProbeCrafting.builder().device(""), "-e '': not an interface name"),
                bad(() -> decoys("ME,ME"), "-D ME,ME: ME is given twice"),
                bad(() -> decoys("RND:0"), "-D RND:0: RND:0 needs a count of 1 to 128"),
                bad(() -> decoys("RND:x"), "-D RND:x: RND:x needs a count of 1 to 128"),
                bad(() -> decoys("192.0.2.1,,ME"), "-D 192.0.2.1,,ME: decoy '' is not an IP address"),
                bad(() -> decoys("decoy.example"), "-D decoy.example: decoy 'decoy.example' is not an IP address"),
                bad(() -> decoys("RND:100,RND:29"), "-D RND:100,RND:29: more than 128 decoys"),
                bad(() -> ProbeCrafting.builder()
                                .decoys(List.of(new Decoy.Spoofed(InetAddress.ofLiteral("192.0.2.1")))),
                        "-D: the decoy list needs ME exactly once"));
    }

    private static Arguments bad(Supplier<Object> call, String message) {
        return Arguments.of(call, message);
    }

    private static List<Decoy> decoys(String text) {
        return ProbeCrafting.parseDecoys(text, new SplittableRandom(3));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badValues")
    void eachBadValueIsOneLineNamingTheOption(Supplier<Object> call, String message) {
        assertThatThrownBy(call::get).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        assertThat(message).doesNotContain("\n");
    }

    @Test
    void randomDecoysArePublicAndMeIsPlacedWhenLeftOut() {
        List<Decoy> list = decoys("RND:50");
        assertThat(list).hasSize(51).containsOnlyOnce(Decoy.ME);
        for (Decoy d : list) {
            if (d instanceof Decoy.Random(java.net.Inet4Address a, java.net.Inet6Address a6)) {
                long v = dev.portolan.target.Addresses.ipv4Value(a);
                assertThat(PublicAddresses.reserved(v)).as(a.toString()).isFalse();
                for (InetAddress x : List.of(a, a6)) {
                    assertThat(x.isSiteLocalAddress() || x.isLoopbackAddress() || x.isMulticastAddress()
                            || x.isLinkLocalAddress() || x.isAnyLocalAddress()).as(x.toString()).isFalse();
                }
                // global unicast (2000::/3), never documentation, 6to4 or an IETF protocol block
                assertThat(a6.getAddress()[0] & 0xe0).as(a6.toString()).isEqualTo(0x20);
                assertThat(PublicAddresses.reserved6(dev.portolan.packet.Ipv6Address.of(a6).high())).isFalse();
                assertThat(d.source(false)).isSameAs(a);
                assertThat(d.source(true)).isSameAs(a6);
            }
        }
        assertThat(list).hasOnlyElementsOfTypes(Decoy.Random.class, Decoy.Me.class);
        assertThat(decoys("192.0.2.5,ME").getLast()).isEqualTo(Decoy.ME);
        assertThat(decoys("RND")).hasSize(2).containsOnlyOnce(Decoy.ME).hasAtLeastOneElementOfType(Decoy.Random.class);
        // without ME, the real source may land anywhere: both ends occur over seeds
        boolean first = false;
        boolean last = false;
        for (int seed = 0; seed < 50; seed++) {
            List<Decoy> l = ProbeCrafting.parseDecoys("192.0.2.5", new SplittableRandom(seed));
            first |= l.getFirst() == Decoy.ME;
            last |= l.getLast() == Decoy.ME;
        }
        assertThat(first && last).isTrue();
    }

    @Test
    void literalDecoysBelongToTheirFamily() {
        List<Decoy> list = decoys("192.0.2.5,ME,2001:db8::5");
        assertThat(list.get(0).source(false)).isEqualTo(InetAddress.ofLiteral("192.0.2.5"));
        assertThat(list.get(0).source(true)).isNull();
        assertThat(list.get(2).source(true)).isEqualTo(InetAddress.ofLiteral("2001:db8::5"));
        assertThat(list.get(2).source(false)).isNull();
        assertThat(list.get(1).source(true)).isNull();
    }

    @Test
    void reservedIpv6BlocksAreKnown() {
        for (String a : new String[] {"::1", "fe80::1", "ff02::1", "fc00::1", "2001:db8::1", "2002:c000:204::1",
                "2001::1", "2001:2::1", "3fff::1", "2620:4f:8000::1", "4000::1", "::ffff:192.0.2.1"}) {
            assertThat(PublicAddresses.reserved6(dev.portolan.packet.Ipv6Address.parse(a).high())).as(a).isTrue();
        }
        for (String a : new String[] {"2001:4860:4860::8888", "2a00:1450::1", "2606:4700::1111", "3ffe:ffff::1"}) {
            assertThat(PublicAddresses.reserved6(dev.portolan.packet.Ipv6Address.parse(a).high())).as(a).isFalse();
        }
    }

    @Test
    void reservedBlocksAreKnown() {
        for (String a : new String[] {"10.1.2.3", "127.0.0.1", "172.31.255.255", "192.168.1.1", "224.0.0.1",
                "255.255.255.255", "0.1.2.3", "100.64.0.1", "169.254.1.1", "198.51.100.7", "203.0.113.1"}) {
            long v = dev.portolan.target.Addresses.ipv4Value((java.net.Inet4Address) InetAddress.ofLiteral(a));
            assertThat(PublicAddresses.reserved(v)).as(a).isTrue();
        }
        for (String a : new String[] {"8.8.8.8", "172.32.0.1", "1.1.1.1", "223.255.255.254"}) {
            long v = dev.portolan.target.Addresses.ipv4Value((java.net.Inet4Address) InetAddress.ofLiteral(a));
            assertThat(PublicAddresses.reserved(v)).as(a).isFalse();
        }
    }
}
