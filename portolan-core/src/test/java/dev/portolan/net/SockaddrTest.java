package dev.portolan.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SockaddrTest {
    private final Arena arena = Arena.ofConfined();

    @AfterEach
    void free() {
        arena.close();
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void ipv4GoldenBytes() throws UnknownHostException {
        Sockaddr sa = Sockaddr.allocate(arena).set(InetAddress.getByName("198.51.100.202"), 8080);
        // sin_family (host order, little-endian), sin_port 8080 big-endian, sin_addr, 8 bytes of sin_zero
        assertThat(hex(sa.bytes())).isEqualTo("0200" + "1f90" + "c63364ca" + "0000000000000000");
        assertThat(sa.length()).isEqualTo(16);
        assertThat(sa.family()).isEqualTo(Sockaddr.AF_INET);
        assertThat(sa.port()).isEqualTo(8080);
    }

    @Test
    void ipv6GoldenBytes() throws UnknownHostException {
        Sockaddr sa = Sockaddr.allocate(arena).set(InetAddress.getByName("2001:db8::1"), 443);
        // sin6_family, sin6_port, sin6_flowinfo, sin6_addr, sin6_scope_id
        assertThat(hex(sa.bytes())).isEqualTo("0a00" + "01bb" + "00000000"
                + "20010db8000000000000000000000001" + "00000000");
        assertThat(sa.length()).isEqualTo(28);
        assertThat(sa.family()).isEqualTo(Sockaddr.AF_INET6);
    }

    @Test
    void ipv6AddressHalvesReadWithoutAllocating() throws UnknownHostException {
        Sockaddr sa = Sockaddr.allocate(arena).set(InetAddress.getByName("2001:db8:1:2:3:4:5:6"), 443);
        assertThat(sa.ipv6High()).isEqualTo(0x2001_0db8_0001_0002L);
        assertThat(sa.ipv6Low()).isEqualTo(0x0003_0004_0005_0006L);
    }

    @Test
    void ipv6KeepsTheScopeIdInHostOrder() throws UnknownHostException {
        Inet6Address linkLocal = Inet6Address.getByAddress(null, InetAddress.getByName("fe80::1").getAddress(), 3);
        Sockaddr sa = Sockaddr.allocate(arena).set(linkLocal, 22);
        assertThat(hex(sa.bytes())).endsWith("03000000");
        assertThat(sa.toSocketAddress()).isEqualTo(new InetSocketAddress(linkLocal, 22));
    }

    @Test
    void setPortPatchesOnlyThePortAndRefillingClearsTheOldAddress() throws UnknownHostException {
        Sockaddr sa = Sockaddr.allocate(arena).set(InetAddress.getByName("2001:db8::1"), 1);
        sa.set(InetAddress.getByName("127.0.0.1"), 1);
        sa.setPort(65535);
        assertThat(hex(sa.bytes())).isEqualTo("0200ffff7f0000010000000000000000");
        assertThat(sa.toSocketAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", 65535));
        assertThat(sa).hasToString("/127.0.0.1:65535");
    }

    @Test
    void sameAddressComparesFamilyAddressAndPort() throws UnknownHostException {
        Sockaddr a = Sockaddr.allocate(arena).set(InetAddress.getByName("127.0.0.1"), 80);
        Sockaddr b = Sockaddr.allocate(arena).set(InetAddress.getByName("127.0.0.1"), 80);
        assertThat(a.sameAddress(b)).isTrue();
        b.setPort(81);
        assertThat(a.sameAddress(b)).isFalse();
        b.set(InetAddress.getByName("127.0.0.2"), 80);
        assertThat(a.sameAddress(b)).isFalse();
        b.set(InetAddress.getByName("::1"), 80);
        assertThat(a.sameAddress(b)).isFalse();
        a.set(InetAddress.getByName("::1"), 80);
        assertThat(a.sameAddress(b)).isTrue();
    }

    @Test
    void portsOutsideTheRangeAreRefused() throws UnknownHostException {
        Sockaddr sa = Sockaddr.allocate(arena);
        assertThatThrownBy(() -> sa.set(InetAddress.getByName("127.0.0.1"), 65536))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("port 65536 is outside 0..65535");
        assertThatThrownBy(() -> sa.setPort(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port -1 is outside 0..65535");
    }

    @Test
    void ipv4FromItsBitsIsTheSameAsFromTheAddress() throws UnknownHostException {
        Sockaddr from = Sockaddr.allocate(arena).set(InetAddress.getByName("198.51.100.202"), 8080);
        Sockaddr bits = Sockaddr.allocate(arena).set(InetAddress.getByName("2001:db8::1"), 1).setIpv4(0xc63364ca, 8080);
        assertThat(hex(bits.bytes())).isEqualTo(hex(from.bytes()));
        assertThat(bits.sameAddress(from)).isTrue();
    }
}
