package dev.portolan.technique.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class LocalAddressesTest {
    private static final int LOOPBACK_4 = 127 << 24 | 4 << 8 | 9;

    @Test
    void loopbackIsLocalButForNone() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.4.9");
        InetAddress v6 = InetAddress.getByName("::1");
        assertThat(LocalAddresses.loopbackOnly().test(loopback)).isTrue();
        assertThat(LocalAddresses.loopbackOnly().testIpv4(LOOPBACK_4)).isTrue();
        assertThat(LocalAddresses.loopbackOnly().test(v6)).isTrue();
        assertThat(LocalAddresses.none().test(loopback)).isFalse();
        assertThat(LocalAddresses.none().testIpv4(LOOPBACK_4)).isFalse();
        assertThat(LocalAddresses.none().test(v6)).isFalse();
        assertThat(LocalAddresses.none().testIpv4(0)).isFalse();
    }
}
