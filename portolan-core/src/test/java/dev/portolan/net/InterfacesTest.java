package dev.portolan.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Interfaces, routes and neighbours as the kernel of this machine reports them over rtnetlink (no root needed). */
class InterfacesTest {

    @BeforeAll
    static void needsBindings() {
        assumeThat(NativeAccess.unavailableReason()).as("native bindings").isEmpty();
    }

    @Test
    void loopbackIsInterfaceOneWithItsAddresses() throws Exception {
        List<Interface> all = Interfaces.list();
        Interface lo = all.stream().filter(i -> i.name().equals("lo")).findFirst().orElseThrow();
        assertThat(lo.index()).isEqualTo(1);
        assertThat(lo.isLoopback()).isTrue();
        assertThat(lo.isUp()).isTrue();
        assertThat(lo.hasNeighbours()).isFalse();
        assertThat(lo.mtu()).isPositive();
        assertThat(lo.mac()).contains(HardwareAddress.of(new byte[6]));
        assertThat(lo.addresses()).contains(new Interface.Address(InetAddress.getByName("127.0.0.1"), 8),
                new Interface.Address(InetAddress.getByName("::1"), 128));
        assertThat(all).extracting(Interface::index).doesNotHaveDuplicates();
        assertThat(Interfaces.byIndex(1)).contains(lo);
        assertThat(Interfaces.byName("lo")).contains(lo);
        assertThat(Interfaces.byName("no-such-if0")).isEmpty();
    }

    @Test
    void routeToLoopbackLeavesByLo() throws Exception {
        Route v4 = RouteLookup.sourceFor(InetAddress.getByName("127.0.0.1"));
        assertThat(v4.iface().name()).isEqualTo("lo");
        assertThat(v4.source()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(v4.gateway()).isEmpty();

        Route v6 = RouteLookup.sourceFor(InetAddress.getByName("::1"));
        assertThat(v6.iface().index()).isEqualTo(1);
        assertThat(v6.source()).isEqualTo(InetAddress.getByName("::1"));
        assertThat(v6.gateway()).isEmpty();
    }

    @Test
    void neighbourEntriesNameTheirInterface() throws Exception {
        for (Neighbour n : Neighbours.list()) {
            assertThat(n.interfaceIndex()).isPositive();
        }
    }
}
