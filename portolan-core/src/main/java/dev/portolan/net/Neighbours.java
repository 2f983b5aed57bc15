package dev.portolan.net;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The kernel's neighbour tables (ARP for IPv4, NDP for IPv6), read over rtnetlink. */
public final class Neighbours {
    private Neighbours() {
    }

    /** Every entry of every interface, the failed and incomplete ones included. */
    public static List<Neighbour> list() throws ErrnoException {
        try (Libc libc = Libc.open(); NetlinkSocket netlink = NetlinkSocket.open(libc)) {
            List<NetlinkMessage> replies = netlink.exchange(RtNetlink.RTM_GETNEIGH,
                    NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_DUMP,
                    RtNetlink.dumpPayload(RtNetlink.RTM_GETNEIGH), "RTM_GETNEIGH");
            List<Neighbour> out = new ArrayList<>();
            for (ByteBuffer body : Interfaces.bodies(replies, RtNetlink.RTM_NEWNEIGH)) {
                RtNetlink.parseNeighbour(body).ifPresent(out::add);
            }
            return out;
        }
    }

    /** The entry for {@code address} on interface {@code interfaceIndex}, if the kernel has one. */
    public static Optional<Neighbour> find(InetAddress address, int interfaceIndex) throws ErrnoException {
        return list().stream().filter(n -> n.interfaceIndex() == interfaceIndex && n.address().equals(address))
                .findFirst();
    }
}
