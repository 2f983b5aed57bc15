package dev.portolan.net;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * poll(2) over a reusable array of {@code struct pollfd}: for a few descriptors, where an epoll instance is more
 * than needed. Waiting allocates nothing; it calls through its {@link Libc}'s call state, so it belongs to the same
 * thread.
 */
public final class Poll {
    public static final int POLLIN = 0x001;
    public static final int POLLPRI = 0x002;
    public static final int POLLOUT = 0x004;
    public static final int POLLERR = 0x008;
    public static final int POLLHUP = 0x010;
    public static final int POLLNVAL = 0x020;

    /** struct pollfd: {int fd; short events; short revents}. */
    static final long ENTRY_SIZE = 8;

    private static final class PollCall {
        static final MethodHandle H = Native.function("poll",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    }

    private final Libc libc;
    private final MemorySegment entries;
    private final int capacity;

    Poll(Libc libc, Arena arena, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a poll needs room for at least one descriptor, got " + capacity);
        }
        this.libc = libc;
        this.capacity = capacity;
        this.entries = arena.allocate(ENTRY_SIZE * capacity, 8);
        for (int i = 0; i < capacity; i++) {
            watch(i, -1, 0);
        }
    }

    /** Room for {@code capacity} descriptors, living as long as {@code libc}; every slot starts unused. */
    public static Poll allocate(Libc libc, int capacity) {
        return new Poll(libc, libc.arena(), capacity);
    }

    /** Slot {@code i} watches {@code fd} for {@code events} (POLLIN, POLLOUT); a negative fd leaves it unused. */
    public void watch(int i, int fd, int events) {
        long at = slot(i);
        entries.set(ValueLayout.JAVA_INT, at, fd);
        entries.set(ValueLayout.JAVA_SHORT, at + 4, (short) events);
        entries.set(ValueLayout.JAVA_SHORT, at + 6, (short) 0);
    }

    /**
     * Waits up to {@code timeoutMillis} (0: do not wait, -1: no limit) on the first {@code count} slots: how many
     * have events (read them with {@link #ready(int)}), 0 on timeout, or -errno (-EINTR when a signal came first).
     */
    public int await(int count, int timeoutMillis) {
        if (count < 0 || count > capacity) {
            throw new IllegalArgumentException("poll of " + count + " slots, capacity " + capacity);
        }
        try {
            int r = (int) PollCall.H.invokeExact(libc.callState(), entries, (long) count, timeoutMillis);
            return r >= 0 ? r : -Native.errno(libc.callState());
        } catch (Throwable t) {
            throw Native.failed("poll", t);
        }
    }

    /** The events the last wait returned for slot {@code i} (POLLIN, POLLERR, ...), 0 when none. */
    public int ready(int i) {
        return Short.toUnsignedInt(entries.get(ValueLayout.JAVA_SHORT, slot(i) + 6));
    }

    public int capacity() {
        return capacity;
    }

    private long slot(int i) {
        if (i < 0 || i >= capacity) {
            throw new IndexOutOfBoundsException("poll slot " + i + " of " + capacity);
        }
        return i * ENTRY_SIZE;
    }
}
