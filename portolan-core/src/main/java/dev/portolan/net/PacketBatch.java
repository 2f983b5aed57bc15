package dev.portolan.net;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Objects;

/**
 * A preallocated array of packets for sendmmsg(2) and recvmmsg(2): per slot a buffer, an address and room for
 * ancillary data, all in one arena, wired together once so that a batch call allocates nothing. Send by filling
 * slots ({@link #put}, {@link #setAddress}) and passing the batch to {@link NativeSocket#send(PacketBatch, int,
 * int)}; receive with {@link NativeSocket#receive(PacketBatch, int)} and read {@link #length}, {@link #address}.
 * Not thread-safe.
 */
public final class PacketBatch {
    // struct mmsghdr on LP64: struct msghdr (56 bytes) then unsigned msg_len, padded to 64
    static final long MMSG_SIZE = 64;
    static final long MSG_NAME = 0;
    static final long MSG_NAMELEN = 8;
    static final long MSG_IOV = 16;
    static final long MSG_IOVLEN = 24;
    static final long MSG_CONTROL = 32;
    static final long MSG_CONTROLLEN = 40;
    static final long MSG_FLAGS = 48;
    static final long MSG_LEN = 56;
    static final long IOV_SIZE = 16;
    /** struct cmsghdr: {size_t len; int level; int type;} then the data, aligned to 8. */
    static final long CMSG_HEADER = 16;

    private static final class Sendmmsg {
        static final MethodHandle H = Native.function("sendmmsg",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    }

    private static final class Recvmmsg {
        static final MethodHandle H = Native.function("recvmmsg",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    }

    private final int capacity;
    private final int bufferSize;
    private final int controlSize;
    private final MemorySegment messages;
    private final MemorySegment iovecs;
    /** messages from slot i on: sendmmsg of a partial batch starts at a precomputed slice, not a new one. */
    private final MemorySegment[] from;
    private final MemorySegment[] buffers;
    private final MemorySegment[] controls;
    private final Sockaddr[] addresses;
    private final boolean[] addressed;
    private final int[] lengths;
    /**
     * Slots [receiveDirty, receiveReady) hold what recvmmsg needs (room for an address, ancillary data and a whole
     * buffer): the kernel rewrites only the slots it fills, so a sweep that reads a few replies per call resets those
     * few, not the whole batch.
     */
    private int receiveDirty;
    private int receiveReady;

    private PacketBatch(Arena arena, int capacity, int bufferSize, int controlSize) {
        this.capacity = capacity;
        this.bufferSize = bufferSize;
        this.controlSize = controlSize;
        this.messages = arena.allocate(MMSG_SIZE * capacity, 8);
        this.iovecs = arena.allocate(IOV_SIZE * capacity, 8);
        MemorySegment data = arena.allocate((long) bufferSize * capacity, 8);
        MemorySegment control = controlSize == 0 ? MemorySegment.NULL
                : arena.allocate((long) controlSize * capacity, 8);
        this.from = new MemorySegment[capacity];
        this.buffers = new MemorySegment[capacity];
        this.controls = new MemorySegment[capacity];
        this.addresses = new Sockaddr[capacity];
        this.addressed = new boolean[capacity];
        this.lengths = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            long m = i * MMSG_SIZE;
            from[i] = messages.asSlice(m);
            buffers[i] = data.asSlice((long) i * bufferSize, bufferSize);
            controls[i] = controlSize == 0 ? MemorySegment.NULL : control.asSlice((long) i * controlSize, controlSize);
            addresses[i] = Sockaddr.allocate(arena);
            iovecs.set(ADDRESS, i * IOV_SIZE, buffers[i]);
            messages.set(ADDRESS, m + MSG_NAME, addresses[i].segment());
            messages.set(ADDRESS, m + MSG_IOV, iovecs.asSlice(i * IOV_SIZE, IOV_SIZE));
            messages.set(JAVA_LONG, m + MSG_IOVLEN, 1);
            messages.set(ADDRESS, m + MSG_CONTROL, controls[i]);
        }
    }

    /** {@code capacity} slots of {@code bufferSize} bytes each, without room for ancillary data. */
    public static PacketBatch allocate(Arena arena, int capacity, int bufferSize) {
        return allocate(arena, capacity, bufferSize, 0);
    }

    /** With {@code controlSize} bytes of ancillary data per slot (64 is plenty for a hop limit). */
    public static PacketBatch allocate(Arena arena, int capacity, int bufferSize, int controlSize) {
        if (capacity < 1 || capacity > 1024) {
            // the kernel's UIO_MAXIOV caps one sendmmsg/recvmmsg at 1024 messages
            throw new IllegalArgumentException("a batch has 1..1024 slots, got " + capacity);
        }
        if (bufferSize < 1 || bufferSize > NativeSocket.SCRATCH_SIZE) {
            throw new IllegalArgumentException("slot buffers have 1.." + NativeSocket.SCRATCH_SIZE + " bytes, got "
                    + bufferSize);
        }
        if (controlSize < 0 || controlSize % 8 != 0) {
            throw new IllegalArgumentException("ancillary room " + controlSize + " is not a multiple of 8");
        }
        return new PacketBatch(arena, capacity, bufferSize, controlSize);
    }

    public int capacity() {
        return capacity;
    }

    public int bufferSize() {
        return bufferSize;
    }

    /** Slot {@code i}'s whole buffer: write a packet into it, then {@link #setLength}. */
    public MemorySegment buffer(int i) {
        return buffers[i];
    }

    /** Copies a packet into slot {@code i} and sets its length. */
    public void put(int i, byte[] packet, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, packet.length);
        setLength(i, length);
        MemorySegment.copy(packet, offset, buffers[i], JAVA_BYTE, 0, length);
    }

    /** How many bytes of slot {@code i} to send. */
    public void setLength(int i, int length) {
        if (length < 0 || length > bufferSize) {
            throw new IllegalArgumentException("packet of " + length + " bytes in a slot of " + bufferSize);
        }
        lengths[i] = length;
    }

    /** The length set for sending, or after a receive the bytes received into slot {@code i}. */
    public int length(int i) {
        return lengths[i];
    }

    /** Copies the packet of slot {@code i} into {@code out} (cut to its size): the bytes copied. */
    public int copy(int i, byte[] out) {
        int n = Math.min(lengths[i], out.length);
        MemorySegment.copy(buffers[i], JAVA_BYTE, 0, out, 0, n);
        return n;
    }

    /** Where slot {@code i} goes (after {@link #setAddress}) or, after a receive, where it came from. */
    public Sockaddr address(int i) {
        return addresses[i];
    }

    /** Slot {@code i} goes to {@code to}, whose bytes are copied. */
    public void setAddress(int i, Sockaddr to) {
        addresses[i].copyFrom(to);
        addressed[i] = true;
    }

    /** Slot {@code i} goes to the socket's bound or connected peer. */
    public void clearAddress(int i) {
        addressed[i] = false;
    }

    /** Whether the packet received into slot {@code i} was longer than the buffer and was cut. */
    public boolean truncated(int i) {
        return (messages.get(JAVA_INT, i * MMSG_SIZE + MSG_FLAGS) & Libc.MSG_TRUNC) != 0;
    }

    /**
     * The TTL or hop limit the packet received into slot {@code i} arrived with, from its ancillary data (see
     * {@link RawSocket#setReceiveHopLimit}); -1 when there is none.
     */
    public int hopLimit(int i) {
        long m = i * MMSG_SIZE;
        long length = Math.min(messages.get(JAVA_LONG, m + MSG_CONTROLLEN), controlSize);
        MemorySegment c = controls[i];
        long at = 0;
        while (at + CMSG_HEADER <= length) {
            long cmsgLength = c.get(JAVA_LONG, at);
            if (cmsgLength < CMSG_HEADER || at + cmsgLength > length) {
                return -1;
            }
            int level = c.get(JAVA_INT, at + 8);
            int type = c.get(JAVA_INT, at + 12);
            if (cmsgLength >= CMSG_HEADER + 4 && (level == Libc.IPPROTO_IPV6 && type == RawSocket.IPV6_HOPLIMIT
                    || level == Libc.IPPROTO_IP && type == RawSocket.IP_TTL)) {
                return c.get(JAVA_INT, at + CMSG_HEADER);
            }
            at += (cmsgLength + 7) & ~7L;
        }
        return -1;
    }

    /** sendmmsg(2) of slots first..first+count-1: how many were sent (fewer when the socket is full), or -errno. */
    int send(Libc libc, int fd, int first, int count) {
        prepareSend(first, count);
        return sendmmsg(libc.callState(), fd, from[first], count);
    }

    // the loop lives apart from the downcall: C2 then inlines the call-state check whole and allocates nothing
    private void prepareSend(int first, int count) {
        Objects.checkFromIndexSize(first, count, capacity);
        receiveReady = Math.min(receiveReady, first);
        receiveDirty = Math.min(receiveDirty, receiveReady);
        for (int i = first; i < first + count; i++) {
            long m = i * MMSG_SIZE;
            messages.set(JAVA_INT, m + MSG_NAMELEN, addressed[i] ? addresses[i].length() : 0);
            messages.set(JAVA_LONG, m + MSG_CONTROLLEN, 0);
            iovecs.set(JAVA_LONG, i * IOV_SIZE + 8, lengths[i]);
        }
    }

    private static int sendmmsg(MemorySegment state, int fd, MemorySegment messages, int count) {
        try {
            int r = (int) Sendmmsg.H.invokeExact(state, fd, messages, count, 0);
            return r >= 0 ? r : -Native.errno(state);
        } catch (Throwable t) {
            throw Native.failed("sendmmsg", t);
        }
    }

    /** recvmmsg(2) into slots 0..count-1 without waiting: how many arrived, or -errno (-EAGAIN: none). */
    int receive(Libc libc, int fd, int count) {
        prepareReceive(count);
        int r = recvmmsg(libc.callState(), fd, messages, count);
        if (r > 0) {
            afterReceive(r);
            receiveDirty = r;
        }
        return r;
    }

    private void prepareReceive(int count) {
        Objects.checkFromIndexSize(0, count, capacity);
        for (int i = 0; i < receiveDirty; i++) {
            readyToReceive(i);
        }
        for (int i = receiveReady; i < count; i++) {
            readyToReceive(i);
        }
        receiveDirty = 0;
        receiveReady = Math.max(receiveReady, count);
    }

    private void readyToReceive(int i) {
        long m = i * MMSG_SIZE;
        messages.set(JAVA_INT, m + MSG_NAMELEN, Sockaddr.STORAGE_SIZE);
        messages.set(JAVA_LONG, m + MSG_CONTROLLEN, controlSize);
        iovecs.set(JAVA_LONG, i * IOV_SIZE + 8, bufferSize);
    }

    private void afterReceive(int r) {
        for (int i = 0; i < r; i++) {
            long m = i * MMSG_SIZE;
            lengths[i] = Math.min(messages.get(JAVA_INT, m + MSG_LEN), bufferSize);
            addresses[i].lengthCell().set(JAVA_INT, 0, messages.get(JAVA_INT, m + MSG_NAMELEN));
            addressed[i] = false;
        }
    }

    private static int recvmmsg(MemorySegment state, int fd, MemorySegment messages, int count) {
        try {
            int r = (int) Recvmmsg.H.invokeExact(state, fd, messages, count, Libc.MSG_DONTWAIT, MemorySegment.NULL);
            return r >= 0 ? r : -Native.errno(state);
        } catch (Throwable t) {
            throw Native.failed("recvmmsg", t);
        }
    }
}
