package dev.portolan.net;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * This host's network interfaces and their addresses, asked of the kernel over rtnetlink: it sees what /proc and
 * getifaddrs see, in one round trip each, with indexes and flags. Each call opens its own netlink socket.
 */
public final class Interfaces {
    private Interfaces() {
    }

    /** Every interface, in the kernel's order (by index), with its IPv4 and IPv6 addresses. */
    public static List<Interface> list() throws ErrnoException {
        try (Libc libc = Libc.open(); NetlinkSocket netlink = NetlinkSocket.open(libc)) {
            return list(netlink);
        }
    }

    static List<Interface> list(NetlinkSocket netlink) throws ErrnoException {
        List<NetlinkMessage> links = netlink.exchange(RtNetlink.RTM_GETLINK,
                NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_DUMP,
                RtNetlink.dumpPayload(RtNetlink.RTM_GETLINK), "RTM_GETLINK");
        List<NetlinkMessage> addresses = netlink.exchange(RtNetlink.RTM_GETADDR,
                NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_DUMP,
                RtNetlink.dumpPayload(RtNetlink.RTM_GETADDR), "RTM_GETADDR");
        return assemble(bodies(links, RtNetlink.RTM_NEWLINK), bodies(addresses, RtNetlink.RTM_NEWADDR));
    }

    public static Optional<Interface> byIndex(int index) throws ErrnoException {
        return list().stream().filter(i -> i.index() == index).findFirst();
    }

    public static Optional<Interface> byName(String name) throws ErrnoException {
        return list().stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /** Joins link messages and address messages into interfaces. */
    static List<Interface> assemble(List<ByteBuffer> links, List<ByteBuffer> addresses) throws ErrnoException {
        Map<Integer, List<Interface.Address>> byIndex = new LinkedHashMap<>();
        for (ByteBuffer body : addresses) {
            Optional<RtNetlink.AddressOf> a = RtNetlink.parseAddress(body);
            if (a.isPresent()) {
                byIndex.computeIfAbsent(a.get().index(), k -> new ArrayList<>()).add(a.get().address());
            }
        }
        List<Interface> out = new ArrayList<>(links.size());
        for (ByteBuffer body : links) {
            RtNetlink.Link l = RtNetlink.parseLink(body);
            out.add(new Interface(l.name(), l.index(), l.mac(), l.mtu(), l.flags(),
                    byIndex.getOrDefault(l.index(), List.of())));
        }
        return out;
    }

    static List<ByteBuffer> bodies(List<NetlinkMessage> messages, int type) {
        return messages.stream().filter(m -> m.type() == type).map(NetlinkMessage::body).toList();
    }
}
