package dev.portolan.net;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * One epoll instance and a reusable array of the events it returns. Results follow {@link Libc}: the value on
 * success, the negated errno on failure. It calls through its {@link Libc}'s scratch memory, so it belongs to the
 * same thread.
 */
public final class Epoll implements AutoCloseable {
    public static final int EPOLLIN = 0x001;
    public static final int EPOLLPRI = 0x002;
    public static final int EPOLLOUT = 0x004;
    public static final int EPOLLERR = 0x008;
    public static final int EPOLLHUP = 0x010;
    public static final int EPOLLRDHUP = 0x2000;
    public static final int EPOLLONESHOT = 1 << 30;
    public static final int EPOLLET = 1 << 31;
    public static final int EPOLL_CTL_ADD = 1;
    public static final int EPOLL_CTL_DEL = 2;
    public static final int EPOLL_CTL_MOD = 3;
    public static final int EPOLL_CLOEXEC = 0x80000;

    /** x86-64 packs struct epoll_event ({u32 events; u64 data}) to 12 bytes; others align data to 8. */
    static final long EVENT_SIZE = Arch.isX86_64() ? 12 : 16;
    static final long DATA_OFFSET = Arch.isX86_64() ? 4 : 8;

    // linked at first use, like Libc's
    private static final class Create {
        static final MethodHandle H = Native.function("epoll_create1", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    private static final class Ctl {
        static final MethodHandle H = Native.function("epoll_ctl",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    }

    private static final class Wait {
        static final MethodHandle H = Native.function("epoll_wait",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    }

    private final Libc libc;
    private final int fd;
    private final int capacity;
    private final MemorySegment events;
    private final MemorySegment request;
    private boolean closed;

    private Epoll(Libc libc, int fd, int capacity) {
        this.libc = libc;
        this.fd = fd;
        this.capacity = capacity;
        this.events = libc.arena().allocate(EVENT_SIZE * capacity, 8);
        this.request = libc.arena().allocate(EVENT_SIZE, 8);
    }

    /** A new epoll instance (close-on-exec) returning up to {@code capacity} events per wait. */
    public static Epoll open(Libc libc, int capacity) throws ErrnoException {
        if (capacity < 1) {
            throw new IllegalArgumentException("an epoll needs room for at least one event, got " + capacity);
        }
        int fd;
        try {
            fd = (int) Create.H.invokeExact(libc.callState(), EPOLL_CLOEXEC);
        } catch (Throwable t) {
            throw Native.failed("epoll_create1", t);
        }
        if (fd < 0) {
            throw new ErrnoException("epoll_create1", Native.errno(libc.callState()));
        }
        return new Epoll(libc, fd, capacity);
    }

    /** The epoll descriptor. */
    public int fd() {
        return fd;
    }

    /** Watches {@code target} for {@code events}; {@code data} comes back with each of its events. 0 or -errno. */
    public int add(int target, int events, long data) {
        return control(EPOLL_CTL_ADD, target, events, data);
    }

    /** Changes what {@code target} is watched for (and re-arms a one-shot watch). 0 or -errno. */
    public int modify(int target, int events, long data) {
        return control(EPOLL_CTL_MOD, target, events, data);
    }

    /** Stops watching {@code target} (closing its last descriptor does the same). 0 or -errno. */
    public int remove(int target) {
        return control(EPOLL_CTL_DEL, target, 0, 0);
    }

    private int control(int op, int target, int events, long data) {
        request.set(ValueLayout.JAVA_INT_UNALIGNED, 0, events);
        request.set(ValueLayout.JAVA_LONG_UNALIGNED, DATA_OFFSET, data);
        try {
            int r = (int) Ctl.H.invokeExact(libc.callState(), fd, op, target, request);
            return r >= 0 ? r : -Native.errno(libc.callState());
        } catch (Throwable t) {
            throw Native.failed("epoll_ctl", t);
        }
    }

    /**
     * Waits up to {@code timeoutMillis} (0: do not wait, -1: no limit) for events: how many are ready (read them
     * with {@link #events(int)} and {@link #data(int)}), or -errno (-EINTR when a signal came first).
     */
    public int await(int timeoutMillis) {
        try {
            int r = (int) Wait.H.invokeExact(libc.callState(), fd, events, capacity, timeoutMillis);
            return r >= 0 ? r : -Native.errno(libc.callState());
        } catch (Throwable t) {
            throw Native.failed("epoll_wait", t);
        }
    }

    /** The event bits of the i-th ready descriptor of the last wait. */
    public int events(int i) {
        return events.get(ValueLayout.JAVA_INT_UNALIGNED, i * EVENT_SIZE);
    }

    /** The data registered with the i-th ready descriptor of the last wait. */
    public long data(int i) {
        return events.get(ValueLayout.JAVA_LONG_UNALIGNED, i * EVENT_SIZE + DATA_OFFSET);
    }

    public int capacity() {
        return capacity;
    }

    /** Closes the epoll descriptor; the watched descriptors stay open. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            libc.close(fd);
        }
    }
}
