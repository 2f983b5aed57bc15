package dev.portolan.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class DnsServersTest {
    @Test
    void addressesWithAndWithoutPorts() {
        assertThat(DnsServers.parse("198.51.100.53, 198.51.100.54:5353,2001:db8::53,[2001:db8::54]:5300"))
                .extracting(InetSocketAddress::getHostString, InetSocketAddress::getPort)
                .containsExactly(tuple("198.51.100.53", 53), tuple("198.51.100.54", 5353),
                        tuple("2001:db8:0:0:0:0:0:53", 53), tuple("2001:db8:0:0:0:0:0:54", 5300));
    }

    @Test
    void badEntriesAreNamedInOneLine() {
        assertThatThrownBy(() -> DnsServers.parse("198.51.100.53,ns1.example.com"))
                .hasMessage("'ns1.example.com' is not an IP address (give name servers by address)");
        assertThatThrownBy(() -> DnsServers.parse("300.1.1.1")).hasMessage("'300.1.1.1' is not an IP address");
        assertThatThrownBy(() -> DnsServers.parse("198.51.100.53:0")).hasMessageContaining("port '0'");
        assertThatThrownBy(() -> DnsServers.parse("198.51.100.53,")).hasMessageContaining("empty");
        assertThatThrownBy(() -> DnsServers.parse("[2001:db8::1")).hasMessageContaining("[IPv6]:port");
    }
}
