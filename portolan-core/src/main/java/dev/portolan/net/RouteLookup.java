package dev.portolan.net;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * Asks the kernel which interface, source address and gateway it would use for a destination (RTM_GETROUTE with
 * the destination: the same lookup a send does, policy rules and the local table included). Sends no packet.
 */
public final class RouteLookup {
    private RouteLookup() {
    }

    /** The kernel's route to {@code destination}; throws with ENETUNREACH (or the kernel's reason) when none. */
    public static Route sourceFor(InetAddress destination) throws ErrnoException {
        return sourceFor(destination, 0);
    }

    /**
     * The kernel's route to {@code destination} out of interface {@code outputInterface} (its index; 0: any), as a
     * socket bound to that interface gets it.
     */
    public static Route sourceFor(InetAddress destination, int outputInterface) throws ErrnoException {
        String what = "route to " + destination.getHostAddress()
                + (outputInterface > 0 ? " via interface " + outputInterface : "");
        try (Libc libc = Libc.open(); NetlinkSocket netlink = NetlinkSocket.open(libc)) {
            List<NetlinkMessage> replies = netlink.exchange(RtNetlink.RTM_GETROUTE, NetlinkMessage.NLM_F_REQUEST,
                    RtNetlink.routePayload(destination, outputInterface), what);
            List<ByteBuffer> routes = Interfaces.bodies(replies, RtNetlink.RTM_NEWROUTE);
            if (routes.isEmpty()) {
                throw new ErrnoException(what, Errno.ENETUNREACH);
            }
            RtNetlink.RouteAnswer answer = RtNetlink.parseRoute(routes.getFirst());
            if (answer.source().isEmpty()) {
                throw new ErrnoException(what, Errno.EADDRNOTAVAIL, "the kernel has no source address for it");
            }
            int index = answer.outputInterface();
            Optional<Interface> iface = Interfaces.list(netlink).stream().filter(i -> i.index() == index).findFirst();
            if (iface.isEmpty()) {
                throw new ErrnoException(what, Errno.ENODEV, "interface " + index + " went away");
            }
            return new Route(iface.get(), answer.source().get(), answer.gateway());
        }
    }
}
