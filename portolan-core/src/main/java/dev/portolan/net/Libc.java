package dev.portolan.net;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Objects;

/**
 * libc's socket and descriptor calls. Each result is the call's return value when it succeeded and the negated
 * errno when it failed (the kernel's own convention), so the hot path neither allocates nor throws; use
 * {@link ErrnoException#check} where a failure is exceptional. An instance owns the scratch memory of its calls
 * (the captured errno, option values): use it from one thread at a time, and close it when done.
 * Only usable when {@link NativeAccess#available()}.
 */
public final class Libc implements AutoCloseable {
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_NONBLOCK = 0x800;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int SOL_SOCKET = 1;
    public static final int SO_REUSEADDR = 2;
    public static final int SO_ERROR = 4;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_LINGER = 13;
    public static final int SO_RCVBUFFORCE = 33;
    public static final int IPPROTO_IP = 0;
    public static final int IPPROTO_ICMP = 1;
    public static final int IPPROTO_TCP = 6;
    public static final int IPPROTO_UDP = 17;
    public static final int IPPROTO_IPV6 = 41;
    public static final int IPPROTO_ICMPV6 = 58;
    /** With SOCK_RAW on AF_INET: a send-only socket whose packets carry their own IPv4 header. */
    public static final int IPPROTO_RAW = 255;
    public static final int AF_NETLINK = 16;
    public static final int AF_PACKET = 17;
    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_DONTWAIT = 0x40;
    public static final int EFD_NONBLOCK = 0x800;
    public static final int EFD_CLOEXEC = 0x80000;

    // one holder class per function: a handle is linked at its first use, and linking costs start-up time
    private static final class Socket {
        static final MethodHandle H = Native.function("socket",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    }

    private static final class Connect {
        static final MethodHandle H = Native.function("connect",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    }

    private static final class Bind {
        static final MethodHandle H = Native.function("bind",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    }

    private static final class Listen {
        static final MethodHandle H = Native.function("listen", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }

    private static final class Close {
        static final MethodHandle H = Native.function("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    private static final class Getsockopt {
        static final MethodHandle H = Native.function("getsockopt",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    }

    private static final class Setsockopt {
        static final MethodHandle H = Native.function("setsockopt",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    }

    private static final class Getsockname {
        static final MethodHandle H = Native.function("getsockname",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    }

    private static final class Getpeername {
        static final MethodHandle H = Native.function("getpeername",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    }

    private static final class Sendto {
        static final MethodHandle H = Native.function("sendto",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    }

    private static final class Recvfrom {
        static final MethodHandle H = Native.function("recvfrom",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));
    }

    private static final class Recvmsg {
        static final MethodHandle H = Native.function("recvmsg",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    }

    private static final class Eventfd {
        static final MethodHandle H = Native.function("eventfd",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }

    private static final class Read {
        static final MethodHandle H = Native.function("read",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    }

    private static final class Write {
        static final MethodHandle H = Native.function("write",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    }

    private final Arena arena;
    private final MemorySegment state;
    private final MemorySegment intValue;
    private final MemorySegment intLength;
    private final MemorySegment linger;
    private final MemorySegment word;

    private Libc(Arena arena) {
        this.arena = arena;
        this.state = arena.allocate(Native.CALL_STATE);
        this.intValue = arena.allocate(JAVA_INT);
        this.intLength = arena.allocate(JAVA_INT);
        this.linger = arena.allocate(8, 4);
        this.word = arena.allocate(JAVA_LONG);
    }

    /** A caller with its own scratch memory. */
    public static Libc open() {
        // shared, so the thread that closes it may differ from the one that used it
        return new Libc(Arena.ofShared());
    }

    /**
     * Links one function, so a platform where the linker cannot work is found before any real call: close, which
     * every run calls anyway, so the link is not made twice.
     */
    static void link() {
        Objects.requireNonNull(Close.H);
    }

    /** The arena that lives as long as this caller, for segments used with its calls. */
    public Arena arena() {
        return arena;
    }

    /** Call state for the bindings of this package that share this caller's errno capture. */
    MemorySegment callState() {
        return state;
    }

    private int result(int r) {
        return r >= 0 ? r : -Native.errno(state);
    }

    /** socket(2): a descriptor, or -errno. */
    public int socket(int domain, int type, int protocol) {
        try {
            return result((int) Socket.H.invokeExact(state, domain, type, protocol));
        } catch (Throwable t) {
            throw Native.failed("socket", t);
        }
    }

    /** connect(2) to {@code address}: 0, or -errno (-EINPROGRESS for a non-blocking socket on its way). */
    public int connect(int fd, Sockaddr address) {
        try {
            return result((int) Connect.H.invokeExact(state, fd, address.segment(), address.length()));
        } catch (Throwable t) {
            throw Native.failed("connect", t);
        }
    }

    /** bind(2): 0, or -errno. */
    public int bind(int fd, Sockaddr address) {
        try {
            return result((int) Bind.H.invokeExact(state, fd, address.segment(), address.length()));
        } catch (Throwable t) {
            throw Native.failed("bind", t);
        }
    }

    /** listen(2): 0, or -errno. */
    public int listen(int fd, int backlog) {
        try {
            return result((int) Listen.H.invokeExact(state, fd, backlog));
        } catch (Throwable t) {
            throw Native.failed("listen", t);
        }
    }

    /** close(2): 0, or -errno. */
    public int close(int fd) {
        try {
            return result((int) Close.H.invokeExact(state, fd));
        } catch (Throwable t) {
            throw Native.failed("close", t);
        }
    }

    /** getsockopt(2) of an int option: its value (zero or more), or -errno. */
    public int getIntOption(int fd, int level, int name) {
        intLength.set(JAVA_INT, 0, 4);
        try {
            int r = (int) Getsockopt.H.invokeExact(state, fd, level, name, intValue, intLength);
            return r < 0 ? -Native.errno(state) : intValue.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw Native.failed("getsockopt", t);
        }
    }

    /** The error a non-blocking connect ended with (SO_ERROR, reading it clears it): 0 when it connected. */
    public int pendingError(int fd) {
        int r = getIntOption(fd, SOL_SOCKET, SO_ERROR);
        return r < 0 ? -r : r;
    }

    /** setsockopt(2) of an int option: 0, or -errno. */
    public int setIntOption(int fd, int level, int name, int value) {
        intValue.set(JAVA_INT, 0, value);
        try {
            return result((int) Setsockopt.H.invokeExact(state, fd, level, name, intValue, 4));
        } catch (Throwable t) {
            throw Native.failed("setsockopt", t);
        }
    }

    /** setsockopt(2) of an option whose value is the first {@code length} bytes of {@code value}: 0, or -errno. */
    public int setOption(int fd, int level, int name, MemorySegment value, int length) {
        try {
            return result((int) Setsockopt.H.invokeExact(state, fd, level, name, value, length));
        } catch (Throwable t) {
            throw Native.failed("setsockopt", t);
        }
    }

    /**
     * sendto(2) of the first {@code length} bytes of {@code buffer} to {@code to}, or to the socket's peer when
     * {@code to} is null: bytes sent, or -errno.
     */
    public int sendTo(int fd, MemorySegment buffer, int length, int flags, Sockaddr to) {
        MemorySegment address = to == null ? MemorySegment.NULL : to.segment();
        int addressLength = to == null ? 0 : to.length();
        try {
            long r = (long) Sendto.H.invokeExact(state, fd, buffer, Math.clamp(length, 0, buffer.byteSize()), flags,
                    address, addressLength);
            return r >= 0 ? (int) r : -Native.errno(state);
        } catch (Throwable t) {
            throw Native.failed("sendto", t);
        }
    }

    /**
     * recvfrom(2) into {@code buffer}, the sender's address into {@code from} unless it is null: the bytes
     * received (with MSG_TRUNC in {@code flags}: the datagram's full length), or -errno.
     */
    public int receiveFrom(int fd, MemorySegment buffer, int flags, Sockaddr from) {
        MemorySegment address = MemorySegment.NULL;
        MemorySegment addressLength = MemorySegment.NULL;
        if (from != null) {
            from.clearForResult();
            address = from.segment();
            addressLength = from.lengthCell();
        }
        try {
            long r = (long) Recvfrom.H.invokeExact(state, fd, buffer, buffer.byteSize(), flags, address,
                    addressLength);
            return r >= 0 ? (int) r : -Native.errno(state);
        } catch (Throwable t) {
            throw Native.failed("recvfrom", t);
        }
    }

    /** recvmsg(2) with a {@code struct msghdr} the caller laid out: the bytes received, or -errno. */
    public int receiveMessage(int fd, MemorySegment msghdr, int flags) {
        try {
            long r = (long) Recvmsg.H.invokeExact(state, fd, msghdr, flags);
            return r >= 0 ? (int) r : -Native.errno(state);
        } catch (Throwable t) {
            throw Native.failed("recvmsg", t);
        }
    }

    /** SO_LINGER: with {@code on} and 0 seconds, close sends a RST and leaves nothing in TIME_WAIT. */
    public int setLinger(int fd, boolean on, int seconds) {
        linger.set(JAVA_INT, 0, on ? 1 : 0);
        linger.set(JAVA_INT, 4, seconds);
        try {
            return result((int) Setsockopt.H.invokeExact(state, fd, SOL_SOCKET, SO_LINGER, linger, 8));
        } catch (Throwable t) {
            throw Native.failed("setsockopt", t);
        }
    }

    /** getsockname(2) into {@code out}: 0, or -errno. */
    public int localAddress(int fd, Sockaddr out) {
        out.clearForResult();
        try {
            return result((int) Getsockname.H.invokeExact(state, fd, out.segment(), out.lengthCell()));
        } catch (Throwable t) {
            throw Native.failed("getsockname", t);
        }
    }

    /** getpeername(2) into {@code out}: 0, or -errno (-ENOTCONN when not connected). */
    public int remoteAddress(int fd, Sockaddr out) {
        out.clearForResult();
        try {
            return result((int) Getpeername.H.invokeExact(state, fd, out.segment(), out.lengthCell()));
        } catch (Throwable t) {
            throw Native.failed("getpeername", t);
        }
    }

    /** eventfd(2): a descriptor, or -errno. */
    public int eventfd(int initial, int flags) {
        try {
            return result((int) Eventfd.H.invokeExact(state, initial, flags));
        } catch (Throwable t) {
            throw Native.failed("eventfd", t);
        }
    }

    /** Adds {@code value} to an eventfd's counter: 0, or -errno (-EAGAIN when it would overflow). */
    public int signal(int eventFd, long value) {
        word.set(JAVA_LONG, 0, value);
        long r = write(eventFd, word, 8);
        return r < 0 ? (int) r : 0;
    }

    /** Reads and resets an eventfd's counter: the count, or -errno (-EAGAIN when it is zero and non-blocking). */
    public long drain(int eventFd) {
        long r = read(eventFd, word, 8);
        return r < 0 ? r : word.get(JAVA_LONG, 0);
    }

    /** read(2) of up to {@code count} bytes into {@code buffer}: bytes read, or -errno. */
    public long read(int fd, MemorySegment buffer, long count) {
        try {
            long r = (long) Read.H.invokeExact(state, fd, buffer, Math.min(count, buffer.byteSize()));
            return r >= 0 ? r : -Native.errno(state);
        } catch (Throwable t) {
            throw Native.failed("read", t);
        }
    }

    /** write(2) of up to {@code count} bytes from {@code buffer}: bytes written, or -errno. */
    public long write(int fd, MemorySegment buffer, long count) {
        try {
            long r = (long) Write.H.invokeExact(state, fd, buffer, Math.min(count, buffer.byteSize()));
            return r >= 0 ? r : -Native.errno(state);
        } catch (Throwable t) {
            throw Native.failed("write", t);
        }
    }

    /** Frees the scratch memory; segments allocated from {@link #arena()} go with it. */
    @Override
    public void close() {
        arena.close();
    }
}
