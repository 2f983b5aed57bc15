package dev.portolan.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** rtnetlink requests and replies as bytes, built by hand: no socket needed. */
class RtNetlinkTest {

    /** A message body: the fixed part, then attributes given as (type, bytes) pairs. */
    private static ByteBuffer body(byte[] fixed, Object... attributes) {
        ByteBuffer b = ByteBuffer.allocate(1024).order(ByteOrder.nativeOrder()).put(fixed);
        for (int i = 0; i < attributes.length; i += 2) {
            byte[] value = (byte[]) attributes[i + 1];
            b.putShort((short) (4 + value.length)).putShort((short) (int) (Integer) attributes[i]).put(value);
            while (b.position() % 4 != 0) {
                b.put((byte) 0);
            }
        }
        return b.flip();
    }

    private static byte[] ints(int... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.nativeOrder());
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    private static byte[] ifinfomsg(int index, int flags) {
        return ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putShort(2, (short) 1).putInt(4, index)
                .putInt(8, flags).array();
    }

    @Test
    void aLinkMessageGivesNameIndexMacMtuAndFlags() throws Exception {
        RtNetlink.Link link = RtNetlink.parseLink(body(ifinfomsg(7, 0x11043),
                RtNetlink.IFLA_MTU, ints(1500),
                RtNetlink.IFLA_IFNAME, "veth7\0".getBytes(),
                RtNetlink.IFLA_ADDRESS, new byte[] {2, (byte) 0xfc, 0, 0, 0, 9},
                99, new byte[5]));
        assertThat(link).isEqualTo(new RtNetlink.Link(7, "veth7",
                Optional.of(HardwareAddress.parse("02:fc:00:00:00:09")), 1500, 0x11043));
        RtNetlink.Link tun = RtNetlink.parseLink(body(ifinfomsg(8, 0x91), RtNetlink.IFLA_IFNAME, "tun0\0".getBytes()));
        assertThat(tun.mac()).isEmpty();
        assertThat(tun.mtu()).isZero();
    }

    @Test
    void addressMessagesPreferTheLocalAddress() throws Exception {
        byte[] v4 = {Sockaddr.AF_INET, 24, 0, 0, 3, 0, 0, 0};
        Optional<RtNetlink.AddressOf> a = RtNetlink.parseAddress(body(v4,
                RtNetlink.IFA_ADDRESS, new byte[] {10, 9, 9, 1},
                RtNetlink.IFA_LOCAL, new byte[] {10, 9, 9, 2}));
        assertThat(a).contains(new RtNetlink.AddressOf(3,
                new Interface.Address(InetAddress.getByName("10.9.9.2"), 24)));
        assertThat(a.get().address().toString()).isEqualTo("10.9.9.2/24");
        byte[] v6 = {Sockaddr.AF_INET6, 64, 0, 0, 3, 0, 0, 0};
        assertThat(RtNetlink.parseAddress(body(v6, RtNetlink.IFA_ADDRESS,
                InetAddress.getByName("2001:db8::5").getAddress())).get().address().toString())
                .isEqualTo("2001:db8:0:0:0:0:0:5/64");
        assertThat(RtNetlink.parseAddress(body(v6))).isEmpty();
    }

    @Test
    void aRouteAnswerGivesInterfaceSourceAndGateway() throws Exception {
        byte[] rtmsg = {Sockaddr.AF_INET6, (byte) 128, 0, 0, (byte) 254, 0, 0, 1, 0, 0, 0, 0};
        RtNetlink.RouteAnswer r = RtNetlink.parseRoute(body(rtmsg,
                RtNetlink.RTA_DST, InetAddress.getByName("2001:db8::9").getAddress(),
                RtNetlink.RTA_OIF, ints(4),
                RtNetlink.RTA_PREFSRC, InetAddress.getByName("2001:db8::2").getAddress(),
                RtNetlink.RTA_GATEWAY, InetAddress.getByName("fe80::1").getAddress()));
        assertThat(r.type()).isEqualTo(1);
        assertThat(r.outputInterface()).isEqualTo(4);
        assertThat(r.source()).contains(InetAddress.getByName("2001:db8::2"));
        // a link-local gateway only means something with its interface
        assertThat(r.gateway()).map(g -> ((Inet6Address) g).getScopeId()).contains(4);
        RtNetlink.RouteAnswer local = RtNetlink.parseRoute(body(new byte[] {2, 32, 0, 0, (byte) 255, 0, (byte) 254,
                2, 0, 0, 0, 0}, RtNetlink.RTA_OIF, ints(1), RtNetlink.RTA_PREFSRC, new byte[] {127, 0, 0, 1}));
        assertThat(local.type()).isEqualTo(RtNetlink.RTN_LOCAL);
        assertThat(local.gateway()).isEmpty();
    }

    @Test
    void aRouteDumpEntryGivesItsPrefixAndTheDefaultRouteHasNone() throws Exception {
        byte[] lan = {Sockaddr.AF_INET, 30, 0, 0, (byte) 254, 4, (byte) 253, 1, 0, 0, 0, 0};
        assertThat(RtNetlink.parseRoutePrefix(body(lan, RtNetlink.RTA_DST, new byte[] {(byte) 198, 51, 100, 4},
                RtNetlink.RTA_OIF, ints(7)))).contains(RoutePrefix.parse("198.51.100.4/30"));
        byte[] fallback = {Sockaddr.AF_INET6, 0, 0, 0, (byte) 254, 3, 0, 1, 0, 0, 0, 0};
        assertThat(RtNetlink.parseRoutePrefix(body(fallback, RtNetlink.RTA_OIF, ints(2))))
                .contains(RoutePrefix.parse("::/0"));
        byte[] other = {7, 0, 0, 0, (byte) 254, 3, 0, 1, 0, 0, 0, 0};
        assertThat(RtNetlink.parseRoutePrefix(body(other))).isEmpty();
        byte[] tooLong = {Sockaddr.AF_INET, 33, 0, 0, (byte) 254, 3, 0, 1, 0, 0, 0, 0};
        assertThatThrownBy(() -> RtNetlink.parseRoutePrefix(body(tooLong)))
                .isInstanceOf(ErrnoException.class).hasMessageContaining("prefix length 33");
    }

    @Test
    void aNeighbourEntryGivesAddressMacAndState() throws Exception {
        byte[] ndmsg = ByteBuffer.allocate(12).order(ByteOrder.nativeOrder()).put(0, (byte) Sockaddr.AF_INET)
                .putInt(4, 2).putShort(8, (short) Neighbour.STALE).array();
        Optional<Neighbour> n = RtNetlink.parseNeighbour(body(ndmsg,
                RtNetlink.NDA_DST, new byte[] {(byte) 192, 0, 2, 1},
                RtNetlink.NDA_LLADDR, new byte[] {2, 0, 0, 0, 0, 1}));
        assertThat(n).contains(new Neighbour(InetAddress.getByName("192.0.2.1"), 2,
                Optional.of(HardwareAddress.parse("02:00:00:00:00:01")), Neighbour.STALE));
        assertThat(n.get().isUsable()).isTrue();
        Neighbour failed = RtNetlink.parseNeighbour(body(ByteBuffer.allocate(12).order(ByteOrder.nativeOrder())
                .putInt(4, 2).putShort(8, (short) Neighbour.FAILED).array(),
                RtNetlink.NDA_DST, new byte[] {(byte) 192, 0, 2, 7})).orElseThrow();
        assertThat(failed.mac()).isEmpty();
        assertThat(failed.isUsable()).isFalse();
    }

    @Test
    void malformedMessagesAreAProtocolErrorNamingTheSpot() {
        ByteBuffer bad = ByteBuffer.allocate(24).order(ByteOrder.nativeOrder()).putShort(16, (short) 40)
                .putShort(18, (short) 3);
        assertThatThrownBy(() -> RtNetlink.parseLink(bad)).isInstanceOf(ErrnoException.class)
                .hasMessage("netlink RTM_NEWLINK: Protocol error; attribute 3 of length 40 at offset 16");
        assertThatThrownBy(() -> RtNetlink.parseRoute(ByteBuffer.allocate(5)))
                .hasMessage("netlink RTM_NEWROUTE: Protocol error; message of 5 bytes, expected at least 12");
    }

    @Test
    void aRouteRequestCarriesTheDestination() throws Exception {
        ByteBuffer b = ByteBuffer.wrap(RtNetlink.routePayload(InetAddress.getByName("198.51.100.7")))
                .order(ByteOrder.nativeOrder());
        assertThat(b.limit()).isEqualTo(20);
        assertThat(b.get(0)).isEqualTo((byte) Sockaddr.AF_INET);
        assertThat(b.get(1)).isEqualTo((byte) 32);
        assertThat(b.getShort(12)).isEqualTo((short) 8);
        assertThat(b.getShort(14)).isEqualTo((short) RtNetlink.RTA_DST);
        assertThat(b.getInt(16)).isEqualTo(ByteBuffer.wrap(new byte[] {(byte) 198, 51, 100, 7})
                .order(ByteOrder.nativeOrder()).getInt());
        ByteBuffer scoped = ByteBuffer.wrap(RtNetlink.routePayload(Inet6Address.getByAddress(null,
                InetAddress.getByName("fe80::1").getAddress(), 3))).order(ByteOrder.nativeOrder());
        assertThat(scoped.limit()).isEqualTo(12 + 20 + 8);
        assertThat(scoped.getShort(34)).isEqualTo((short) RtNetlink.RTA_OIF);
        assertThat(scoped.getInt(36)).isEqualTo(3);
        byte[] request = NetlinkMessage.request(RtNetlink.RTM_GETROUTE, 1, 5, new byte[4]);
        assertThat(ByteBuffer.wrap(request).order(ByteOrder.nativeOrder()).getInt(0)).isEqualTo(20);
    }

    /** One datagram of netlink messages: (type, flags, seq, body) quadruples. */
    private static ByteBuffer datagram(Object... messages) {
        ByteBuffer b = ByteBuffer.allocate(1024).order(ByteOrder.nativeOrder());
        for (int i = 0; i < messages.length; i += 4) {
            byte[] payload = (byte[]) messages[i + 3];
            b.putInt(16 + payload.length).putShort((short) (int) (Integer) messages[i])
                    .putShort((short) (int) (Integer) messages[i + 1]).putInt((Integer) messages[i + 2]).putInt(0)
                    .put(payload);
        }
        return b.flip();
    }

    @Test
    void repliesEndAtDoneAtAnAckOrAfterASingleAnswerAndErrorsThrow() throws Exception {
        List<NetlinkMessage> out = new ArrayList<>();
        int multi = NetlinkMessage.NLM_F_MULTI;
        assertThat(NetlinkSocket.collect(datagram(16, multi, 9, new byte[16], 16, multi, 8, new byte[16]), 9, out,
                "dump")).isFalse();
        assertThat(out).hasSize(1).allMatch(m -> m.body().limit() == 16);
        assertThat(NetlinkSocket.collect(datagram(16, multi, 9, new byte[16], NetlinkMessage.NLMSG_DONE, multi, 9,
                ints(0)), 9, out, "dump")).isTrue();
        assertThat(out).hasSize(2);
        assertThat(NetlinkSocket.collect(datagram(24, 0, 3, new byte[12]), 3, out, "get")).isTrue();
        assertThat(NetlinkSocket.collect(datagram(NetlinkMessage.NLMSG_ERROR, 0, 4, ints(0)), 4, out, "ack"))
                .isTrue();
        assertThatThrownBy(() -> NetlinkSocket.collect(datagram(NetlinkMessage.NLMSG_ERROR, 0, 5,
                ints(-Errno.ENETUNREACH, 0, 0, 0, 0)), 5, out, "route to 203.0.113.1"))
                .isInstanceOf(ErrnoException.class).hasMessage("route to 203.0.113.1: Network is unreachable");
        ByteBuffer cut = datagram(16, multi, 9, new byte[16]);
        cut.putInt(0, 200);
        assertThatThrownBy(() -> NetlinkSocket.collect(cut, 9, out, "dump"))
                .hasMessage("dump: Protocol error; netlink message of length 200 at 0");
    }
}
