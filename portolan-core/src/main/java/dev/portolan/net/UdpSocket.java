package dev.portolan.net;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * A plain UDP socket bound to a port of the kernel's choosing, with IP_RECVERR / IPV6_RECVERR on: every ICMP error
 * that answers one of its datagrams is queued for {@link #receiveError}, with its type, code and the datagram's
 * destination. The kernel matched the quoted datagram to this socket already, and opening one needs no privilege.
 */
public final class UdpSocket extends NativeSocket {
    static final int IP_RECVERR = 11;
    static final int IPV6_RECVERR = 25;
    static final int IPV6_V6ONLY = 26;
    static final int MSG_ERRQUEUE = 0x2000;
    /** sock_extended_err.ee_origin of errors an ICMP or ICMPv6 message caused. */
    public static final int ORIGIN_ICMP = 2;
    public static final int ORIGIN_ICMP6 = 3;
    // struct msghdr on LP64, as in PacketBatch
    private static final long MSGHDR_SIZE = 56;
    private static final long CONTROL_SIZE = 256;
    private static final long CMSG_HEADER = 16;
    /** Room for the largest UDP datagram. */
    private static final long REPLY_SIZE = 65536;

    /**
     * One queued error: the errno it stands for, where it came from (ORIGIN_ICMP/ICMP6, else a local error), the
     * ICMP type and code, the destination of the datagram that caused it, the address of the ICMP's sender, and the
     * TTL (IPv6: hop limit) the ICMP message arrived with, 0 when unknown.
     */
    public record QueuedError(int errno, int origin, int type, int code, InetSocketAddress destination,
                              Optional<InetSocketAddress> offender, int ttl) {
        /** True when an ICMP or ICMPv6 message caused it (not a local error such as EMSGSIZE). */
        public boolean fromIcmp() {
            return origin == ORIGIN_ICMP || origin == ORIGIN_ICMP6;
        }
    }

    private final int family;
    private final int localPort;
    private final MemorySegment msghdr;
    private final MemorySegment iov;
    private final MemorySegment data;
    private final MemorySegment control;
    private final Sockaddr name;
    /** Where {@link #receive(byte[], Sockaddr)} takes a datagram, allocated at its first use. */
    private MemorySegment reply;
    private int lastHopLimit;

    private UdpSocket(Libc libc, int fd, int family, int localPort) {
        super(libc, fd);
        this.family = family;
        this.localPort = localPort;
        this.msghdr = arena().allocate(MSGHDR_SIZE, 8);
        this.iov = arena().allocate(16, 8);
        this.data = arena().allocate(512, 8);
        this.control = arena().allocate(CONTROL_SIZE, 8);
        this.name = Sockaddr.allocate(arena());
    }

    /** A UDP socket of {@code family} (Sockaddr.AF_INET or AF_INET6) on a port the kernel picks, errors queued. */
    public static UdpSocket open(Libc libc, int family) throws ErrnoException {
        if (family != Sockaddr.AF_INET && family != Sockaddr.AF_INET6) {
            throw new IllegalArgumentException("not an IP family: " + family);
        }
        return open(libc, family == Sockaddr.AF_INET ? java.net.Inet4Address.ofLiteral("0.0.0.0")
                : java.net.Inet6Address.ofLiteral("::"));
    }

    /**
     * A UDP socket bound to {@code address} (an address of this machine: what it sends from) on a port the kernel
     * picks, errors queued. Fails with EADDRNOTAVAIL when the address is not this machine's.
     */
    public static UdpSocket open(Libc libc, java.net.InetAddress address) throws ErrnoException {
        return open(libc, address, 0);
    }

    /**
     * A UDP socket bound to {@code address} and {@code port} (0: one the kernel picks), errors queued. An IPv6 one
     * takes IPv6 only, so that an IPv4 socket may have the same port. EADDRINUSE when the port is taken there.
     */
    public static UdpSocket open(Libc libc, java.net.InetAddress address, int port) throws ErrnoException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
        int family = address instanceof java.net.Inet6Address ? Sockaddr.AF_INET6 : Sockaddr.AF_INET;
        int fd = openDescriptor(libc, family, Libc.SOCK_DGRAM, Libc.IPPROTO_UDP, "socket(UDP)");
        try {
            boolean v4 = family == Sockaddr.AF_INET;
            // ICMP errors queued on the socket; the TTL of each reply and error, as nmap's reason_ttl
            turnOn(libc, fd, v4, IP_RECVERR, "IP_RECVERR", IPV6_RECVERR, "IPV6_RECVERR");
            turnOn(libc, fd, v4, RawSocket.IP_RECVTTL, "IP_RECVTTL", RawSocket.IPV6_RECVHOPLIMIT, "IPV6_RECVHOPLIMIT");
            if (!v4) {
                ErrnoException.check("setsockopt(IPV6_V6ONLY)",
                        libc.setIntOption(fd, Libc.IPPROTO_IPV6, IPV6_V6ONLY, 1));
            }
            return new UdpSocket(libc, fd, family, bind(libc, fd, address, port));
        } catch (ErrnoException | RuntimeException e) {
            libc.close(fd);
            throw e;
        }
    }

    /** Sets the flag option of {@code fd}'s family to 1: {@code ipv4Option} at IPPROTO_IP, else at IPPROTO_IPV6. */
    private static void turnOn(Libc libc, int fd, boolean v4, int ipv4Option, String ipv4Name, int ipv6Option,
                               String ipv6Name) throws ErrnoException {
        int r = v4 ? libc.setIntOption(fd, Libc.IPPROTO_IP, ipv4Option, 1)
                : libc.setIntOption(fd, Libc.IPPROTO_IPV6, ipv6Option, 1);
        ErrnoException.check("setsockopt(" + (v4 ? ipv4Name : ipv6Name) + ")", r);
    }

    /** Binds {@code fd} to {@code address} and {@code port}: the port it got. */
    private static int bind(Libc libc, int fd, java.net.InetAddress address, int port) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            Sockaddr local = Sockaddr.allocate(a);
            local.set(address, port);
            int r = libc.bind(fd, local);
            if (r < 0) {
                String call = "bind(UDP " + address.getHostAddress() + (port == 0 ? "" : " port " + port) + ")";
                throw port > 0 && port < 1024 && (r == -Errno.EACCES || r == -Errno.EPERM)
                        ? new ErrnoException(call, -r, "ports below 1024 need root or CAP_NET_BIND_SERVICE")
                        : new ErrnoException(call, -r);
            }
            ErrnoException.check("getsockname(UDP)", libc.localAddress(fd, local));
            return local.port();
        }
    }

    public int family() {
        return family;
    }

    /** The TTL (IPv4) or hop limit (IPv6) of this socket's datagrams from now on (1..255). */
    public void setHopLimit(int hops) throws ErrnoException {
        setHopLimit(family, hops);
    }

    /** The port this socket sends from: what every reply and every quoted datagram must carry. */
    public int localPort() {
        return localPort;
    }

    /** The next queued error, or empty when none is queued (or on another error, which {@code errno} names). */
    public Optional<QueuedError> receiveError() {
        int r = receiveMessage(name, data, MSG_ERRQUEUE | Libc.MSG_DONTWAIT);
        if (r < 0) {
            return Optional.empty();
        }
        long length = Math.min(msghdr.get(JAVA_LONG, 40), CONTROL_SIZE);
        long at = find(length, IP_RECVERR, IPV6_RECVERR, 16);
        if (at < 0) {
            return Optional.empty();
        }
        long cmsgLength = control.get(JAVA_LONG, at);
        long e = at + CMSG_HEADER;
        Optional<InetSocketAddress> offender = Optional.empty();
        if (cmsgLength >= CMSG_HEADER + 16 + 8) {
            offender = offender(control.asSlice(e + 16, cmsgLength - CMSG_HEADER - 16));
        }
        return Optional.of(new QueuedError(control.get(JAVA_INT, e),
                Byte.toUnsignedInt(control.get(JAVA_BYTE, e + 4)), Byte.toUnsignedInt(control.get(JAVA_BYTE, e + 5)),
                Byte.toUnsignedInt(control.get(JAVA_BYTE, e + 6)), name.toSocketAddress(), offender,
                hopLimit(length)));
    }

    /**
     * Receives one datagram into {@code buffer} (a longer one is cut), its sender into {@code from}: the bytes stored
     * or -errno (-EAGAIN when none is queued). {@link #lastHopLimit} then tells the TTL it arrived with.
     */
    @Override
    public int receive(byte[] buffer, Sockaddr from) {
        if (reply == null) {
            reply = arena().allocate(REPLY_SIZE, 8);
        }
        int n = receiveMessage(from, reply, Libc.MSG_DONTWAIT);
        lastHopLimit = n < 0 ? 0 : hopLimit(Math.min(msghdr.get(JAVA_LONG, 40), CONTROL_SIZE));
        if (n > 0) {
            n = (int) Math.min(n, Math.min(buffer.length, REPLY_SIZE));
            MemorySegment.copy(reply, JAVA_BYTE, 0, buffer, 0, n);
        }
        return n;
    }

    /** The TTL (IPv6: hop limit) of the last datagram {@link #receive(byte[], Sockaddr)} took; 0 when unknown. */
    public int lastHopLimit() {
        return lastHopLimit;
    }

    /** recvmsg(2) of one message into {@code into}, its sender into {@code from}, ancillary data into the control. */
    private int receiveMessage(Sockaddr from, MemorySegment into, int flags) {
        from.clearForResult();
        msghdr.fill((byte) 0);
        iov.set(ADDRESS, 0, into);
        iov.set(JAVA_LONG, 8, into.byteSize());
        msghdr.set(ADDRESS, 0, from.segment());
        msghdr.set(JAVA_INT, 8, Sockaddr.STORAGE_SIZE);
        msghdr.set(ADDRESS, 16, iov);
        msghdr.set(JAVA_LONG, 24, 1);
        msghdr.set(ADDRESS, 32, control);
        msghdr.set(JAVA_LONG, 40, CONTROL_SIZE);
        int r = libc.receiveMessage(fd, msghdr, flags);
        if (r >= 0) {
            from.lengthCell().set(JAVA_INT, 0, msghdr.get(JAVA_INT, 8));
        }
        return r;
    }

    /** The IP_TTL or IPV6_HOPLIMIT value among the first {@code length} bytes of ancillary data; 0 when none. */
    private int hopLimit(long length) {
        long at = find(length, RawSocket.IP_TTL, RawSocket.IPV6_HOPLIMIT, 4);
        return at < 0 ? 0 : control.get(JAVA_INT, at + CMSG_HEADER) & 0xff;
    }

    /**
     * Where, among the first {@code length} bytes of ancillary data, the first message of type {@code ipv4Type} (level
     * IPPROTO_IP) or {@code ipv6Type} (IPPROTO_IPV6) with at least {@code size} bytes of data begins; -1 when none.
     */
    private long find(long length, int ipv4Type, int ipv6Type, int size) {
        long at = 0;
        while (at + CMSG_HEADER <= length) {
            long cmsgLength = control.get(JAVA_LONG, at);
            if (cmsgLength < CMSG_HEADER || at + cmsgLength > length) {
                return -1;
            }
            int level = control.get(JAVA_INT, at + 8);
            int type = control.get(JAVA_INT, at + 12);
            if (cmsgLength >= CMSG_HEADER + size && (level == Libc.IPPROTO_IP && type == ipv4Type
                    || level == Libc.IPPROTO_IPV6 && type == ipv6Type)) {
                return at;
            }
            at += (cmsgLength + 7) & ~7L;
        }
        return -1;
    }

    private Optional<InetSocketAddress> offender(MemorySegment raw) {
        Sockaddr s = Sockaddr.allocate(arena());
        long n = Math.min(raw.byteSize(), Sockaddr.STORAGE_SIZE);
        MemorySegment.copy(raw, 0, s.segment(), 0, n);
        int fam = s.family();
        if (fam != Sockaddr.AF_INET && fam != Sockaddr.AF_INET6) {
            return Optional.empty();
        }
        s.lengthCell().set(JAVA_INT, 0, fam == Sockaddr.AF_INET ? Sockaddr.IN_SIZE : Sockaddr.IN6_SIZE);
        return Optional.of(s.toSocketAddress());
    }

    @Override
    public String toString() {
        return "UdpSocket[port " + localPort + "]";
    }
}
