package dev.portolan.net;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * A non-blocking, close-on-exec socket of this package (raw IP, packet, netlink): send, receive, wait, filter.
 * Sending and receiving return a count or -errno and allocate nothing; setting options throws. Like its
 * {@link Libc}, it belongs to one thread at a time.
 */
public abstract sealed class NativeSocket implements AutoCloseable
        permits RawSocket, PacketSocket, NetlinkSocket, PingSocket, UdpSocket {
    /** Room for the largest loopback packet (MTU 65536) with its link header: the byte[] methods copy through it. */
    static final int SCRATCH_SIZE = 65536 + 64;
    static final int SO_ATTACH_FILTER = 26;
    static final int SO_DETACH_FILTER = 27;
    static final int SO_BINDTODEVICE = 25;
    /** sizeof(struct sock_filter) and of struct sock_fprog ({u16 len; pad; struct sock_filter *filter}). */
    private static final long FILTER_SIZE = 8;
    private static final long FPROG_SIZE = 16;

    final Libc libc;
    final int fd;
    private final Arena arena = Arena.ofShared();
    private final Poll poll;
    private MemorySegment scratch;
    private boolean closed;

    NativeSocket(Libc libc, int fd) {
        this.libc = libc;
        this.fd = fd;
        this.poll = new Poll(libc, arena, 1);
        poll.watch(0, fd, Poll.POLLIN);
    }

    /**
     * socket(2) with SOCK_NONBLOCK and SOCK_CLOEXEC. A refusal for want of rights (EPERM, EACCES) says what to do
     * about it; {@code call} names the call in messages.
     */
    static int openDescriptor(Libc libc, int domain, int type, int protocol, String call) throws ErrnoException {
        int fd = libc.socket(domain, type | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, protocol);
        if (fd == -Errno.EPERM || fd == -Errno.EACCES) {
            throw new ErrnoException(call, -fd, Privileges.HINT);
        }
        return ErrnoException.check(call, fd);
    }

    /** The descriptor, for an Epoll or a Poll of several sockets. */
    public int fd() {
        return fd;
    }

    /** Sends the first {@code length} bytes of {@code packet} to {@code to} (null: the bound peer). Bytes or -errno. */
    public int send(MemorySegment packet, int length, Sockaddr to) {
        return libc.sendTo(fd, packet, length, 0, to);
    }

    /** Sends {@code length} bytes of {@code packet} from {@code offset}, copying them to native memory first. */
    public int send(byte[] packet, int offset, int length, Sockaddr to) {
        Objects.checkFromIndexSize(offset, length, packet.length);
        if (length > SCRATCH_SIZE) {
            return -Errno.EMSGSIZE;
        }
        MemorySegment s = scratch();
        MemorySegment.copy(packet, offset, s, JAVA_BYTE, 0, length);
        return libc.sendTo(fd, s, length, 0, to);
    }

    /**
     * Receives one packet into {@code buffer} (a longer one is cut), its sender into {@code from} unless null:
     * the bytes stored, or -errno (-EAGAIN when none is queued).
     */
    public int receive(MemorySegment buffer, Sockaddr from) {
        return libc.receiveFrom(fd, buffer, 0, from);
    }

    /** {@link #receive(MemorySegment, Sockaddr)} into a Java array. */
    public int receive(byte[] buffer, Sockaddr from) {
        MemorySegment s = scratch();
        int n = libc.receiveFrom(fd, s, 0, from);
        if (n > 0) {
            n = Math.min(n, buffer.length);
            MemorySegment.copy(s, JAVA_BYTE, 0, buffer, 0, n);
        }
        return n;
    }

    /** Sends messages {@code first}..{@code first+count-1} of {@code batch} with sendmmsg(2): how many, or -errno. */
    public int send(PacketBatch batch, int first, int count) {
        return batch.send(libc, fd, first, count);
    }

    /** Receives up to {@code count} packets into the first slots of {@code batch} with recvmmsg(2). */
    public int receive(PacketBatch batch, int count) {
        return batch.receive(libc, fd, count);
    }

    /** Waits up to {@code timeoutMillis} (-1: no limit) for a packet: positive when one is queued, 0, or -errno. */
    public int awaitReadable(int timeoutMillis) {
        return poll.await(1, timeoutMillis);
    }

    /** Discards every queued packet (those that came before a filter was attached): how many. */
    public int drain() {
        MemorySegment s = scratch();
        int n = 0;
        while (libc.receiveFrom(fd, s, 0, null) >= 0) {
            n++;
        }
        return n;
    }

    /**
     * SO_BINDTODEVICE: what this socket sends leaves by interface {@code name} (routed by that interface's routes),
     * and it receives only what arrives there. ENODEV names an unknown interface.
     */
    public void bindToDevice(String name) throws ErrnoException {
        byte[] bytes = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment value = a.allocate(bytes.length + 1L);
            MemorySegment.copy(bytes, 0, value, JAVA_BYTE, 0, bytes.length);
            ErrnoException.check("setsockopt(SO_BINDTODEVICE, " + name + ")",
                    libc.setOption(fd, Libc.SOL_SOCKET, SO_BINDTODEVICE, value, bytes.length + 1));
        }
    }

    /** Makes the kernel run {@code program} on each arriving packet and queue only those it accepts. */
    public void attach(BpfProgram program) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment filter = a.allocate(FILTER_SIZE * program.size(), 8);
            for (int i = 0; i < program.size(); i++) {
                BpfInstruction in = program.instructions().get(i);
                long at = i * FILTER_SIZE;
                filter.set(JAVA_SHORT, at, (short) in.code());
                filter.set(JAVA_BYTE, at + 2, (byte) in.jt());
                filter.set(JAVA_BYTE, at + 3, (byte) in.jf());
                filter.set(JAVA_INT, at + 4, in.k());
            }
            MemorySegment fprog = a.allocate(FPROG_SIZE, 8);
            fprog.set(JAVA_SHORT, 0, (short) program.size());
            fprog.set(ValueLayout.ADDRESS, 8, filter);
            // the kernel copies the program: the memory may go once the call returns
            ErrnoException.check("setsockopt(SO_ATTACH_FILTER)",
                    libc.setOption(fd, Libc.SOL_SOCKET, SO_ATTACH_FILTER, fprog, (int) FPROG_SIZE));
        }
    }

    /** Removes the attached filter, if any. */
    public void detachFilter() throws ErrnoException {
        int r = libc.setIntOption(fd, Libc.SOL_SOCKET, SO_DETACH_FILTER, 0);
        if (r != -Errno.ENOENT) {
            ErrnoException.check("setsockopt(SO_DETACH_FILTER)", r);
        }
    }

    /** Sets the receive buffer, beyond net.core.rmem_max when allowed (CAP_NET_ADMIN), else up to it. */
    public void setReceiveBuffer(int bytes) throws ErrnoException {
        if (libc.setIntOption(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUFFORCE, bytes) < 0) {
            setOption(Libc.SOL_SOCKET, Libc.SO_RCVBUF, bytes, "SO_RCVBUF");
        }
    }

    /** Sets the send buffer, up to net.core.wmem_max. */
    public void setSendBuffer(int bytes) throws ErrnoException {
        setOption(Libc.SOL_SOCKET, Libc.SO_SNDBUF, bytes, "SO_SNDBUF");
    }

    /** The TTL (IPv4) or hop limit (IPv6) of what a socket of {@code family} sends from now on (1..255). */
    void setHopLimit(int family, int hops) throws ErrnoException {
        if (hops < 1 || hops > 255) {
            throw new IllegalArgumentException("hop limit " + hops + " is outside 1..255");
        }
        if (family == Sockaddr.AF_INET) {
            setOption(Libc.IPPROTO_IP, RawSocket.IP_TTL, hops, "IP_TTL");
        } else {
            setOption(Libc.IPPROTO_IPV6, RawSocket.IPV6_UNICAST_HOPS, hops, "IPV6_UNICAST_HOPS");
        }
    }

    /** setsockopt(2) of an int option that must succeed; {@code name} names it in the message. */
    void setOption(int level, int option, int value, String name) throws ErrnoException {
        ErrnoException.check("setsockopt(" + name + ")", libc.setIntOption(fd, level, option, value));
    }

    /** The socket's own memory, freed when it closes. */
    Arena arena() {
        return arena;
    }

    private MemorySegment scratch() {
        if (scratch == null) {
            scratch = arena.allocate(SCRATCH_SIZE, 8);
        }
        return scratch;
    }

    /** Closes the descriptor and frees the socket's memory; closing twice does nothing. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            libc.close(fd);
            arena.close();
        }
    }
}
