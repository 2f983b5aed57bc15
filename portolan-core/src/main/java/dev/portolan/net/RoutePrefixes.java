package dev.portolan.net;

import java.net.InetAddress;
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
    /** The IPv4 prefixes, longest first, as network bits and masks: a sweep matches each host without allocating. */
    private final RoutePrefix[] ipv4;
    private final int[] ipv4Networks;
    private final int[] ipv4Masks;

    private RoutePrefixes(Set<RoutePrefix> prefixes) {
        // longest first; written out, not Comparator.comparingInt: see PortResult.ORDER
        this.longestFirst = prefixes.stream().sorted((a, b) -> Integer.compare(b.length(), a.length())).toList();
        this.ipv4 = longestFirst.stream().filter(p -> p.ipv4()).toArray(RoutePrefix[]::new);
        this.ipv4Networks = new int[ipv4.length];
        this.ipv4Masks = new int[ipv4.length];
        for (int k = 0; k < ipv4.length; k++) {
            byte[] b = ipv4[k].network();
            ipv4Networks[k] = (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
            ipv4Masks[k] = ipv4[k].length() == 0 ? 0 : -1 << (32 - ipv4[k].length());
        }
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

    /** As {@link #longestMatch} for the IPv4 address whose 32 bits are {@code address}; null when none holds it. */
    public RoutePrefix longestMatchIpv4(int address) {
        for (int k = 0; k < ipv4.length; k++) {
            if ((address & ipv4Masks[k]) == ipv4Networks[k]) {
                return ipv4[k];
            }
        }
        return null;
    }

    public List<RoutePrefix> prefixes() {
        return longestFirst;
    }
}
