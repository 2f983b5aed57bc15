package dev.portolan.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The rtnetlink requests this package sends and the replies it reads, as pure functions over bytes. */
final class RtNetlink {
    static final int RTM_NEWLINK = 16;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWADDR = 20;
    static final int RTM_GETADDR = 22;
    static final int RTM_NEWROUTE = 24;
    static final int RTM_GETROUTE = 26;
    static final int RTM_NEWNEIGH = 28;
    static final int RTM_GETNEIGH = 30;
    static final int IFLA_ADDRESS = 1;
    static final int IFLA_IFNAME = 3;
    static final int IFLA_MTU = 4;
    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;
    static final int RTA_DST = 1;
    static final int RTA_OIF = 4;
    static final int RTA_GATEWAY = 5;
    static final int RTA_PREFSRC = 7;
    static final int NDA_DST = 1;
    static final int NDA_LLADDR = 2;
    /** Sizes of ifinfomsg, ifaddrmsg, rtmsg and ndmsg: the fixed part before each message's attributes. */
    static final int IFINFOMSG = 16;
    static final int IFADDRMSG = 8;
    static final int RTMSG = 12;
    static final int NDMSG = 12;
    static final int RTN_LOCAL = 2;

    /** A link without its addresses, which come in other messages. */
    record Link(int index, String name, Optional<HardwareAddress> mac, int mtu, int flags) {
    }

    /** An address and the index of the interface that has it. */
    record AddressOf(int index, Interface.Address address) {
    }

    /** The answer to a route request: route type, output interface, preferred source, gateway. */
    record RouteAnswer(int type, int outputInterface, Optional<InetAddress> source, Optional<InetAddress> gateway) {
    }

    private RtNetlink() {
    }

    /** The payload of a dump request of links, addresses or neighbours of every family: a zeroed header. */
    static byte[] dumpPayload(int type) {
        return new byte[switch (type) {
            case RTM_GETLINK -> IFINFOMSG;
            case RTM_GETADDR -> IFADDRMSG;
            case RTM_GETNEIGH -> NDMSG;
            case RTM_GETROUTE -> RTMSG;
            default -> throw new IllegalArgumentException("no dump of rtnetlink type " + type);
        }];
    }

    /** The payload of RTM_GETROUTE for one destination; a scoped IPv6 address also names its interface. */
    static byte[] routePayload(InetAddress destination) {
        return routePayload(destination, 0);
    }

    /** The lookup of {@code destination} through interface {@code outputInterface} only (0: any interface). */
    static byte[] routePayload(InetAddress destination, int outputInterface) {
        byte[] address = destination.getAddress();
        int scope = outputInterface > 0 ? outputInterface
                : destination instanceof Inet6Address v6 ? v6.getScopeId() : 0;
        ByteBuffer b = ByteBuffer.allocate(RTMSG + align(4 + address.length) + (scope > 0 ? 8 : 0))
                .order(ByteOrder.nativeOrder());
        b.put((byte) (destination instanceof Inet4Address ? Sockaddr.AF_INET : Sockaddr.AF_INET6));
        b.put((byte) (address.length * 8));
        b.position(RTMSG);
        b.putShort((short) (4 + address.length)).putShort((short) RTA_DST).put(address);
        if (scope > 0) {
            b.putShort((short) 8).putShort((short) RTA_OIF).putInt(scope);
        }
        return b.array();
    }

    static Link parseLink(ByteBuffer body) throws ErrnoException {
        need(body, IFINFOMSG, "RTM_NEWLINK");
        Map<Integer, ByteBuffer> attributes = attributes(body, IFINFOMSG, "RTM_NEWLINK");
        int index = body.getInt(4);
        String name = Optional.ofNullable(attributes.get(IFLA_IFNAME)).map(RtNetlink::string)
                .orElse("if" + index);
        Optional<HardwareAddress> mac = Optional.ofNullable(attributes.get(IFLA_ADDRESS))
                .filter(ByteBuffer::hasRemaining).map(b -> HardwareAddress.of(bytes(b)));
        ByteBuffer mtu = attributes.get(IFLA_MTU);
        return new Link(index, name, mac, mtu != null && mtu.remaining() >= 4 ? mtu.getInt(0) : 0, body.getInt(8));
    }

    /** The address of an RTM_NEWADDR message, empty for a family other than IPv4 and IPv6. */
    static Optional<AddressOf> parseAddress(ByteBuffer body) throws ErrnoException {
        need(body, IFADDRMSG, "RTM_NEWADDR");
        Map<Integer, ByteBuffer> attributes = attributes(body, IFADDRMSG, "RTM_NEWADDR");
        // IFA_LOCAL is the host's own address; IFA_ADDRESS is the peer's on a point-to-point link
        ByteBuffer raw = attributes.getOrDefault(IFA_LOCAL, attributes.get(IFA_ADDRESS));
        int index = body.getInt(4);
        return address(raw, index).map(a -> new AddressOf(index,
                new Interface.Address(a, Byte.toUnsignedInt(body.get(1)))));
    }

    static RouteAnswer parseRoute(ByteBuffer body) throws ErrnoException {
        need(body, RTMSG, "RTM_NEWROUTE");
        Map<Integer, ByteBuffer> attributes = attributes(body, RTMSG, "RTM_NEWROUTE");
        ByteBuffer oif = attributes.get(RTA_OIF);
        int index = oif != null && oif.remaining() >= 4 ? oif.getInt(0) : 0;
        return new RouteAnswer(Byte.toUnsignedInt(body.get(7)), index, address(attributes.get(RTA_PREFSRC), 0),
                address(attributes.get(RTA_GATEWAY), index));
    }

    /**
     * The destination prefix of one entry of a route dump (any table), empty for a family other than IPv4 and IPv6;
     * no RTA_DST means the default route (length 0).
     */
    static Optional<RoutePrefix> parseRoutePrefix(ByteBuffer body) throws ErrnoException {
        need(body, RTMSG, "RTM_NEWROUTE");
        int family = Byte.toUnsignedInt(body.get(0));
        int size = family == Sockaddr.AF_INET ? 4 : family == Sockaddr.AF_INET6 ? 16 : 0;
        if (size == 0) {
            return Optional.empty();
        }
        int length = Byte.toUnsignedInt(body.get(1));
        ByteBuffer dst = attributes(body, RTMSG, "RTM_NEWROUTE").get(RTA_DST);
        byte[] network = dst != null && dst.remaining() == size ? bytes(dst) : new byte[size];
        if (length > size * 8) {
            throw new ErrnoException("RTM_NEWROUTE", Errno.EPROTO, "prefix length " + length + " is too long");
        }
        return Optional.of(RoutePrefix.of(network, length));
    }

    /** The entry of an RTM_NEWNEIGH message, empty when it has no IP address. */
    static Optional<Neighbour> parseNeighbour(ByteBuffer body) throws ErrnoException {
        need(body, NDMSG, "RTM_NEWNEIGH");
        Map<Integer, ByteBuffer> attributes = attributes(body, NDMSG, "RTM_NEWNEIGH");
        int index = body.getInt(4);
        int state = Short.toUnsignedInt(body.getShort(8));
        Optional<HardwareAddress> mac = Optional.ofNullable(attributes.get(NDA_LLADDR))
                .filter(ByteBuffer::hasRemaining).map(b -> HardwareAddress.of(bytes(b)));
        return address(attributes.get(NDA_DST), index).map(a -> new Neighbour(a, index, mac, state));
    }

    /** The attributes after the fixed part of a message, by type; a later duplicate wins. */
    static Map<Integer, ByteBuffer> attributes(ByteBuffer body, int start, String what) throws ErrnoException {
        Map<Integer, ByteBuffer> out = new HashMap<>();
        int at = start;
        while (at + 4 <= body.limit()) {
            int length = Short.toUnsignedInt(body.getShort(at));
            // the top two bits of the type are the NESTED and NET_BYTEORDER flags
            int type = body.getShort(at + 2) & 0x3FFF;
            if (length < 4 || length > body.limit() - at) {
                throw new ErrnoException("netlink " + what, Errno.EPROTO,
                        "attribute " + type + " of length " + length + " at offset " + at);
            }
            out.put(type, body.slice(at + 4, length - 4).order(ByteOrder.nativeOrder()));
            at += align(length);
        }
        return out;
    }

    private static void need(ByteBuffer body, int size, String what) throws ErrnoException {
        if (body.limit() < size) {
            throw new ErrnoException("netlink " + what, Errno.EPROTO,
                    "message of " + body.limit() + " bytes, expected at least " + size);
        }
    }

    /** An IPv4 or IPv6 address of 4 or 16 bytes; a link-local IPv6 one gets {@code scope} as its scope id. */
    private static Optional<InetAddress> address(ByteBuffer raw, int scope) {
        if (raw == null || raw.remaining() != 4 && raw.remaining() != 16) {
            return Optional.empty();
        }
        byte[] b = bytes(raw);
        try {
            InetAddress a = InetAddress.getByAddress(b);
            if (a instanceof Inet6Address && a.isLinkLocalAddress() && scope > 0) {
                a = Inet6Address.getByAddress(null, b, scope);
            }
            return Optional.of(a);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of 4 or 16 bytes was refused", e);
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(b.position(), out);
        return out;
    }

    /** A NUL-terminated string attribute. */
    private static String string(ByteBuffer b) {
        byte[] raw = bytes(b);
        int n = 0;
        while (n < raw.length && raw[n] != 0) {
            n++;
        }
        return new String(raw, 0, n, StandardCharsets.UTF_8);
    }

    static int align(int length) {
        return (length + 3) & ~3;
    }
}
