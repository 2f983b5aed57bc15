package dev.portolan.net;

/**
 * A raw IPv4 or IPv6 socket: sends crafted packets and receives every packet of its protocol that reaches this
 * host, while the kernel still routes. Opening one needs root or CAP_NET_RAW (see {@link Privileges}).
 */
public final class RawSocket extends NativeSocket {
    public static final int IP_TTL = 2;
    public static final int IP_HDRINCL = 3;
    public static final int IP_RECVTTL = 12;
    public static final int IPV6_CHECKSUM = 7;
    public static final int IPV6_UNICAST_HOPS = 16;
    public static final int IPV6_MULTICAST_HOPS = 18;
    public static final int IPV6_HDRINCL = 36;
    public static final int IPV6_RECVHOPLIMIT = 51;
    /** The type of the ancillary message that carries the hop limit (IPV6_RECVHOPLIMIT turns it on). */
    public static final int IPV6_HOPLIMIT = 52;

    private final int family;
    private final int protocol;

    private RawSocket(Libc libc, int fd, int family, int protocol) {
        super(libc, fd);
        this.family = family;
        this.protocol = protocol;
    }

    /**
     * The sender of complete IPv4 packets (IPPROTO_RAW, IP_HDRINCL): the caller writes the IPv4 header, the kernel
     * fills in a zero identification and total length and computes the header checksum. It receives nothing.
     */
    public static RawSocket ipv4Sender(Libc libc) throws ErrnoException {
        RawSocket s = open(libc, Sockaddr.AF_INET, Libc.IPPROTO_RAW, "socket(AF_INET, SOCK_RAW, IPPROTO_RAW)");
        try {
            s.setHeaderIncluded(true);
            return s;
        } catch (ErrnoException e) {
            s.close();
            throw e;
        }
    }

    /**
     * An IPv4 socket of {@code protocol} (IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMP): receives each packet of that
     * protocol for this host with its IPv4 header; sends payloads the kernel puts behind a header it builds.
     */
    public static RawSocket ipv4(Libc libc, int protocol) throws ErrnoException {
        return open(libc, Sockaddr.AF_INET, protocol, "socket(AF_INET, SOCK_RAW, " + protocolName(protocol) + ")");
    }

    /**
     * An IPv6 socket of {@code protocol}: receives each packet's payload without its IPv6 header (ask for the hop
     * limit with {@link #setReceiveHopLimit}); sends payloads the kernel puts behind an IPv6 header it builds.
     */
    public static RawSocket ipv6(Libc libc, int protocol) throws ErrnoException {
        return open(libc, Sockaddr.AF_INET6, protocol,
                "socket(AF_INET6, SOCK_RAW, " + protocolName(protocol) + ")");
    }

    private static RawSocket open(Libc libc, int family, int protocol, String call) throws ErrnoException {
        if (protocol < 0 || protocol > 255) {
            throw new IllegalArgumentException("IP protocol " + protocol + " is outside 0..255");
        }
        return new RawSocket(libc, openDescriptor(libc, family, Libc.SOCK_RAW, protocol, call), family, protocol);
    }

    private static String protocolName(int protocol) {
        return switch (protocol) {
            case Libc.IPPROTO_ICMP -> "IPPROTO_ICMP";
            case Libc.IPPROTO_TCP -> "IPPROTO_TCP";
            case Libc.IPPROTO_UDP -> "IPPROTO_UDP";
            case Libc.IPPROTO_ICMPV6 -> "IPPROTO_ICMPV6";
            case Libc.IPPROTO_RAW -> "IPPROTO_RAW";
            default -> Integer.toString(protocol);
        };
    }

    /** Sockaddr.AF_INET or AF_INET6. */
    public int family() {
        return family;
    }

    public int protocol() {
        return protocol;
    }

    /** Whether the packets sent carry their own IP header (IP_HDRINCL; IPV6_HDRINCL since Linux 4.5). */
    public void setHeaderIncluded(boolean on) throws ErrnoException {
        if (family == Sockaddr.AF_INET) {
            setOption(Libc.IPPROTO_IP, IP_HDRINCL, on ? 1 : 0, "IP_HDRINCL");
        } else {
            setOption(Libc.IPPROTO_IPV6, IPV6_HDRINCL, on ? 1 : 0, "IPV6_HDRINCL");
        }
    }

    /** The TTL or hop limit of the packets whose header the kernel builds (1..255). */
    public void setHopLimit(int hops) throws ErrnoException {
        setHopLimit(family, hops);
    }

    /** IPv6 only: the hop limit of multicast packets (neighbour discovery needs 255, RFC 4861). */
    public void setMulticastHopLimit(int hops) throws ErrnoException {
        if (family != Sockaddr.AF_INET6) {
            throw new IllegalStateException("IPV6_MULTICAST_HOPS on an IPv4 socket");
        }
        if (hops < 1 || hops > 255) {
            throw new IllegalArgumentException("hop limit " + hops + " is outside 1..255");
        }
        setOption(Libc.IPPROTO_IPV6, IPV6_MULTICAST_HOPS, hops, "IPV6_MULTICAST_HOPS");
    }

    /**
     * IPv6 only: the kernel computes the checksum of each packet sent at {@code offset} of the payload (16 for TCP,
     * 6 for UDP) and drops arrivals whose checksum is wrong; -1 turns it off. ICMPv6 sockets always do this.
     */
    public void setChecksumOffset(int offset) throws ErrnoException {
        if (family != Sockaddr.AF_INET6) {
            throw new IllegalStateException("IPV6_CHECKSUM on an IPv4 socket");
        }
        if (offset != -1 && (offset < 0 || offset % 2 != 0)) {
            throw new IllegalArgumentException("checksum offset " + offset + " is neither -1 nor even");
        }
        setOption(Libc.IPPROTO_IPV6, IPV6_CHECKSUM, offset, "IPV6_CHECKSUM");
    }

    /**
     * Whether each packet received comes with its TTL or hop limit as ancillary data (IP_RECVTTL,
     * IPV6_RECVHOPLIMIT), read with {@link PacketBatch#hopLimit(int)} from a batch that has room for it.
     */
    public void setReceiveHopLimit(boolean on) throws ErrnoException {
        if (family == Sockaddr.AF_INET) {
            setOption(Libc.IPPROTO_IP, IP_RECVTTL, on ? 1 : 0, "IP_RECVTTL");
        } else {
            setOption(Libc.IPPROTO_IPV6, IPV6_RECVHOPLIMIT, on ? 1 : 0, "IPV6_RECVHOPLIMIT");
        }
    }

    @Override
    public String toString() {
        return "RawSocket(" + (family == Sockaddr.AF_INET ? "AF_INET" : "AF_INET6") + ", " + protocolName(protocol)
                + ", fd " + fd + ")";
    }
}
