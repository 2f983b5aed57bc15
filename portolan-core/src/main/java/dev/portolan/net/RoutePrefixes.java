package dev.portolan.net;

import java.net.InetAddress;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The destination prefixes of every routing table, longest first: every destination matching the same most specific
 * prefix leaves the same way (policy rules aside), so a scan asks the kernel once per prefix instead of once per host.
 */
public final class RoutePrefixes {
    private final List<RoutePrefix> longestFirst;

    private RoutePrefixes(Set<RoutePrefix> prefixes) {
        this.longestFirst = prefixes.stream().sorted(Comparator.comparingInt(RoutePrefix::length).reversed()).toList();
    }

    public static RoutePrefixes of(List<RoutePrefix> prefixes) {
        return new RoutePrefixes(new LinkedHashSet<>(prefixes));
    }

    /** The kernel's tables now (one RTM_GETROUTE dump over rtnetlink, both families, all tables). */
    public static RoutePrefixes load() throws ErrnoException {
        try (Libc libc = Libc.open(); NetlinkSocket netlink = NetlinkSocket.open(libc)) {
            List<NetlinkMessage> replies = netlink.exchange(RtNetlink.RTM_GETROUTE,
                    NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_DUMP,
                    RtNetlink.dumpPayload(RtNetlink.RTM_GETROUTE), "RTM_GETROUTE");
            Set<RoutePrefix> prefixes = new LinkedHashSet<>();
            for (var body : Interfaces.bodies(replies, RtNetlink.RTM_NEWROUTE)) {
                RtNetlink.parseRoutePrefix(body).ifPresent(prefixes::add);
            }
            return new RoutePrefixes(prefixes);
        }
    }

    /** The most specific prefix holding {@code destination}, empty when no table has a route for it. */
    public Optional<RoutePrefix> longestMatch(InetAddress destination) {
        byte[] address = destination.getAddress();
        for (RoutePrefix p : longestFirst) {
            if (p.contains(address)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public List<RoutePrefix> prefixes() {
        return longestFirst;
    }
}
