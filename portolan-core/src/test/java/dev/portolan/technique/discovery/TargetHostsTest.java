package dev.portolan.technique.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portolan.target.TargetOptions;
import dev.portolan.target.TargetSet;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A sweep's view of some hosts of a target set, and the local-address test by bits it is sorted with. */
class TargetHostsTest {
    @Test
    void theViewHoldsTheChosenHostsInOrder() throws Exception {
        TargetSet set = TargetSet.parse(List.of("198.51.100.0/29", "2001:db8::1"), TargetOptions.defaults());
        // hosts 2, 3, 5 and 8 (the IPv6 one) of a group starting at index 0
        TargetHosts hosts = new TargetHosts(set, 0, new int[] {2, 3, 5, 8, 99}, 4);
        assertThat(hosts).containsExactly(InetAddress.getByName("198.51.100.2"), InetAddress.getByName("198.51.100.3"),
                InetAddress.getByName("198.51.100.5"), InetAddress.getByName("2001:db8::1"));
        assertThat(hosts.target(1).ip()).isEqualTo("198.51.100.3");
        assertThat(hosts.isIpv4(2)).isTrue();
        assertThat(hosts.ipv4Bits(2)).isEqualTo(0xc6336405);
        assertThat(hosts.isIpv4(3)).isFalse();
        assertThatThrownBy(() -> hosts.get(4)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void localByBitsAgreesWithLocalByAddress() throws Exception {
        LocalAddresses local = LocalAddresses.ofThisMachine();
        for (String a : new String[] {"127.0.0.1", "127.255.0.9", "0.0.0.0", "198.51.100.7", "8.8.8.8", "128.0.0.1"}) {
            InetAddress address = InetAddress.getByName(a);
            byte[] b = address.getAddress();
            int bits = (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | b[3] & 0xff;
            assertThat(local.testIpv4(bits)).as(a).isEqualTo(local.test(address));
        }
        for (var nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress own : Collections.list(nif.getInetAddresses())) {
                if (own instanceof Inet4Address) {
                    byte[] b = own.getAddress();
                    int bits = (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | b[3] & 0xff;
                    assertThat(local.testIpv4(bits)).as("own %s", own).isTrue();
                }
            }
        }
    }
}
