package dev.portolan.net;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A preallocated array of packets for sendmmsg(2) and recvmmsg(2): per slot a buffer, an address and room for
 * ancillary data, all in one arena, wired together once so that a batch call allocates nothing. Send by filling
 * slots ({@link #put}, {@link #setAddress} or {@link #setIpv4}) and passing the batch to
 * {@link NativeSocket#send(PacketBatch, int, int)}; receive with {@link NativeSocket#receive(PacketBatch, int)} and
 * read {@link #length}, {@link #copy}, {@link #address}. Not thread-safe.
 *
 * <p>What a slot sends is staged in Java arrays and reaches native memory in one copy per batch, as the call is made;
 * what is received is read out in one copy per batch likewise, and a slot's header field is written only when its
 * value changes. An access to native memory costs some ten method calls until the JIT has compiled them (a
 * microsecond each, interpreted), so a per-packet access is what a sweep's first thousands of hosts waited for; per
 * batch it is a few calls for 64 packets.
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
    /** Room for a slot's address: a sockaddr_in6 (28 bytes), the largest a raw or packet socket has. */
    static final int NAME_ROOM = 32;
    /** Slots up to this size travel between Java and native memory whole, a batch at a time; larger ones by length. */
    private static final int WHOLE_SLOTS = 512;
    private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private static final class Sendmmsg {
        static final MethodHandle H = Native.function("sendmmsg",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    }

    private static final class Recvmmsg {
        static final MethodHandle H = Native.function("recvmmsg",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    }

    /** What a slot's buffer holds last: a packet staged to send or one received (0: nothing yet). */
    private static final byte STAGED = 1;
    private static final byte RECEIVED = 2;

    private final int capacity;
    private final int bufferSize;
    private final int controlSize;
    private final boolean keepsAddresses;
    private final MemorySegment messages;
    private final MemorySegment iovecs;
    private final MemorySegment data;
    private final MemorySegment names;
    /** messages from slot i on: sendmmsg of a partial batch starts at a precomputed slice, not a new one. */
    private final MemorySegment[] from;
    private final MemorySegment[] controls;
    private final Sockaddr[] addresses;
    private final int[] lengths;
    private final byte[] holds;
    private final boolean[] addressed;
    /** The address bytes each addressed slot is sent to. */
    private final int[] nameLengths;
    /** The header fields as native memory holds them, so that only a change is written. */
    private final int[] nativeNameLength;
    private final long[] nativeControlLength;
    private final long[] nativeIovLength;
    private final int[] flags;
    /** Packets staged to send, slot i at i * bufferSize; made on the first {@link #put}. */
    private byte[] outData;
    /** Addresses staged to send, slot i at i * NAME_ROOM; made on the first address set. */
    private byte[] outNames;
    /** The message headers and, for small slots, the data of the last receive, read out at once. */
    private final byte[] inHeaders;
    private byte[] inData;

    private PacketBatch(Arena arena, int capacity, int bufferSize, int controlSize, boolean keepsAddresses) {
        this.capacity = capacity;
        this.bufferSize = bufferSize;
        this.controlSize = controlSize;
        this.keepsAddresses = keepsAddresses;
        this.messages = arena.allocate(MMSG_SIZE * capacity, 8);
        this.iovecs = arena.allocate(IOV_SIZE * capacity, 8);
        this.data = arena.allocate((long) bufferSize * capacity, 8);
        this.names = keepsAddresses ? arena.allocate((long) NAME_ROOM * capacity, 8) : MemorySegment.NULL;
        MemorySegment nameLengthCells = keepsAddresses ? arena.allocate(4L * capacity, 4) : MemorySegment.NULL;
        MemorySegment control = controlSize == 0 ? MemorySegment.NULL
                : arena.allocate((long) controlSize * capacity, 8);
        this.from = new MemorySegment[capacity];
        this.controls = new MemorySegment[capacity];
        this.addresses = new Sockaddr[capacity];
        this.lengths = new int[capacity];
        this.holds = new byte[capacity];
        this.addressed = new boolean[capacity];
        this.nameLengths = new int[capacity];
        this.nativeNameLength = new int[capacity];
        this.nativeControlLength = new long[capacity];
        this.nativeIovLength = new long[capacity];
        this.flags = new int[capacity];
        this.inHeaders = new byte[(int) (MMSG_SIZE * capacity)];
        for (int i = 0; i < capacity; i++) {
            long m = i * MMSG_SIZE;
            from[i] = messages.asSlice(m);
            controls[i] = controlSize == 0 ? MemorySegment.NULL : control.asSlice((long) i * controlSize, controlSize);
            iovecs.set(ADDRESS, i * IOV_SIZE, data.asSlice((long) i * bufferSize, bufferSize));
            if (keepsAddresses) {
                addresses[i] = Sockaddr.view(names.asSlice((long) i * NAME_ROOM, NAME_ROOM),
                        nameLengthCells.asSlice(4L * i, 4));
                messages.set(ADDRESS, m + MSG_NAME, addresses[i].segment());
            }
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
        check(capacity, bufferSize, controlSize);
        return new PacketBatch(arena, capacity, bufferSize, controlSize, true);
    }

    /**
     * For receiving only packets that name their sender themselves (an IPv4 header, an Ethernet frame): the kernel is
     * not asked for each one's address, and {@link #address} has none.
     */
    public static PacketBatch withoutAddresses(Arena arena, int capacity, int bufferSize) {
        check(capacity, bufferSize, 0);
        return new PacketBatch(arena, capacity, bufferSize, 0, false);
    }

    private static void check(int capacity, int bufferSize, int controlSize) {
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
    }

    public int capacity() {
        return capacity;
    }

    public int bufferSize() {
        return bufferSize;
    }

    /** Copies a packet into slot {@code i} and sets its length. */
    public void put(int i, byte[] packet, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, packet.length);
        setLength(i, length);
        if (outData == null) {
            outData = new byte[capacity * bufferSize];
        }
        System.arraycopy(packet, offset, outData, i * bufferSize, length);
        holds[i] = STAGED;
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
        if (holds[i] == STAGED) {
            System.arraycopy(outData, i * bufferSize, out, 0, n);
        } else if (holds[i] == RECEIVED && inData != null) {
            System.arraycopy(inData, i * bufferSize, out, 0, n);
        } else {
            MemorySegment.copy(data, JAVA_BYTE, (long) i * bufferSize, out, 0, n);
        }
        return n;
    }

    /** Where slot {@code i}'s packet came from, after a receive. */
    public Sockaddr address(int i) {
        if (!keepsAddresses) {
            throw new IllegalStateException("this batch keeps no addresses");
        }
        return addresses[i];
    }

    /** Slot {@code i} goes to {@code to}, whose bytes are copied. */
    public void setAddress(int i, Sockaddr to) {
        int n = Math.min(to.length(), NAME_ROOM);
        MemorySegment.copy(to.segment(), JAVA_BYTE, 0, names(), i * NAME_ROOM, n);
        addressed(i, n);
    }

    /** Slot {@code i} goes to the IPv4 address whose 32 bits are {@code address}, at {@code port}. */
    public void setIpv4(int i, int address, int port) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
        byte[] b = names();
        int at = i * NAME_ROOM;
        // struct sockaddr_in: the family in the host's order, port and address in the network's, 8 bytes of zero
        b[at] = (byte) (LITTLE ? Sockaddr.AF_INET : 0);
        b[at + 1] = (byte) (LITTLE ? 0 : Sockaddr.AF_INET);
        b[at + 2] = (byte) (port >>> 8);
        b[at + 3] = (byte) port;
        b[at + 4] = (byte) (address >>> 24);
        b[at + 5] = (byte) (address >>> 16);
        b[at + 6] = (byte) (address >>> 8);
        b[at + 7] = (byte) address;
        for (int k = 8; k < Sockaddr.IN_SIZE; k++) {
            b[at + k] = 0;
        }
        addressed(i, Sockaddr.IN_SIZE);
    }

    private byte[] names() {
        if (!keepsAddresses) {
            throw new IllegalStateException("this batch keeps no addresses");
        }
        if (outNames == null) {
            outNames = new byte[capacity * NAME_ROOM];
        }
        return outNames;
    }

    private void addressed(int i, int length) {
        Objects.checkIndex(i, capacity);
        addressed[i] = true;
        nameLengths[i] = length;
    }

    /** Slot {@code i} goes to the socket's bound or connected peer. */
    public void clearAddress(int i) {
        addressed[i] = false;
    }

    /** Whether the packet received into slot {@code i} was longer than the buffer and was cut. */
    public boolean truncated(int i) {
        return (flags[i] & Libc.MSG_TRUNC) != 0;
    }

    /**
     * The TTL or hop limit the packet received into slot {@code i} arrived with, from its ancillary data (see
     * {@link RawSocket#setReceiveHopLimit}); -1 when there is none.
     */
    public int hopLimit(int i) {
        long length = Math.min(nativeControlLength[i], controlSize);
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
        boolean anyAddressed = false;
        for (int i = first; i < first + count; i++) {
            if (holds[i] != STAGED) {
                throw new IllegalStateException("slot " + i + " holds no packet to send");
            }
            long m = i * MMSG_SIZE;
            int nameLength = addressed[i] ? nameLengths[i] : 0;
            anyAddressed |= addressed[i];
            if (nativeNameLength[i] != nameLength) {
                messages.set(JAVA_INT, m + MSG_NAMELEN, nameLength);
                nativeNameLength[i] = nameLength;
            }
            if (nativeControlLength[i] != 0) {
                messages.set(JAVA_LONG, m + MSG_CONTROLLEN, 0);
                nativeControlLength[i] = 0;
            }
            if (nativeIovLength[i] != lengths[i]) {
                iovecs.set(JAVA_LONG, i * IOV_SIZE + 8, lengths[i]);
                nativeIovLength[i] = lengths[i];
            }
        }
        if (bufferSize <= WHOLE_SLOTS) {
            MemorySegment.copy(outData, first * bufferSize, data, JAVA_BYTE, (long) first * bufferSize,
                    count * bufferSize);
        } else {
            for (int i = first; i < first + count; i++) {
                MemorySegment.copy(outData, i * bufferSize, data, JAVA_BYTE, (long) i * bufferSize, lengths[i]);
            }
        }
        if (anyAddressed) {
            MemorySegment.copy(outNames, first * NAME_ROOM, names, JAVA_BYTE, (long) first * NAME_ROOM,
                    count * NAME_ROOM);
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
        }
        return r;
    }

    private void prepareReceive(int count) {
        Objects.checkFromIndexSize(0, count, capacity);
        int nameRoom = keepsAddresses ? NAME_ROOM : 0;
        for (int i = 0; i < count; i++) {
            long m = i * MMSG_SIZE;
            // the kernel rewrote the address and ancillary lengths of the slots it filled last: room again
            if (nativeNameLength[i] != nameRoom) {
                messages.set(JAVA_INT, m + MSG_NAMELEN, nameRoom);
                nativeNameLength[i] = nameRoom;
            }
            if (nativeControlLength[i] != controlSize) {
                messages.set(JAVA_LONG, m + MSG_CONTROLLEN, controlSize);
                nativeControlLength[i] = controlSize;
            }
            if (nativeIovLength[i] != bufferSize) {
                iovecs.set(JAVA_LONG, i * IOV_SIZE + 8, bufferSize);
                nativeIovLength[i] = bufferSize;
            }
        }
    }

    private void afterReceive(int r) {
        MemorySegment.copy(messages, JAVA_BYTE, 0, inHeaders, 0, (int) (r * MMSG_SIZE));
        if (bufferSize <= WHOLE_SLOTS) {
            if (inData == null) {
                inData = new byte[capacity * bufferSize];
            }
            MemorySegment.copy(data, JAVA_BYTE, 0, inData, 0, r * bufferSize);
        }
        for (int i = 0; i < r; i++) {
            int m = (int) (i * MMSG_SIZE);
            lengths[i] = Math.min(int32(inHeaders, m + (int) MSG_LEN), bufferSize);
            flags[i] = int32(inHeaders, m + (int) MSG_FLAGS);
            nativeControlLength[i] = int64(inHeaders, m + (int) MSG_CONTROLLEN);
            holds[i] = RECEIVED;
            addressed[i] = false;
            if (keepsAddresses) {
                int nameLength = int32(inHeaders, m + (int) MSG_NAMELEN);
                nativeNameLength[i] = nameLength;
                addresses[i].lengthCell().set(JAVA_INT, 0, nameLength);
            }
        }
    }

    /** A native-order int of a native structure read out into {@code b}. */
    private static int int32(byte[] b, int at) {
        int b0 = b[at] & 0xff;
        int b1 = b[at + 1] & 0xff;
        int b2 = b[at + 2] & 0xff;
        int b3 = b[at + 3] & 0xff;
        return LITTLE ? b3 << 24 | b2 << 16 | b1 << 8 | b0 : b0 << 24 | b1 << 16 | b2 << 8 | b3;
    }

    private static long int64(byte[] b, int at) {
        long low = int32(b, LITTLE ? at : at + 4) & 0xffffffffL;
        long high = int32(b, LITTLE ? at + 4 : at) & 0xffffffffL;
        return high << 32 | low;
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
