package dev.portolan.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;

/**
 * A reusable {@code struct sockaddr_storage} holding one IPv4 or IPv6 socket address as the kernel reads it.
 * Filling it allocates nothing, and {@link #setPort} patches only the port, so one segment serves every probe.
 * Not thread-safe.
 */
public final class Sockaddr {
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    /** sizeof(struct sockaddr_ll), the link-layer address of AF_PACKET sockets. */
    static final int LL_SIZE = 20;
    /** sizeof(struct sockaddr_storage). */
    public static final int STORAGE_SIZE = 128;
    static final int IN_SIZE = 16;
    static final int IN6_SIZE = 28;

    private static final ValueLayout.OfShort FAMILY = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfShort PORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt HOST_INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfInt NET_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong NET_LONG =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private final MemorySegment segment;
    /** The length of the address stored (the kernel's socklen_t); a value-result field for getsockname. */
    private final MemorySegment length;

    private Sockaddr(MemorySegment segment, MemorySegment length) {
        this.segment = segment;
        this.length = length;
    }

    /** An empty address living as long as {@code arena}. */
    public static Sockaddr allocate(Arena arena) {
        return new Sockaddr(arena.allocate(STORAGE_SIZE, 8), arena.allocate(ValueLayout.JAVA_INT));
    }

    /** An address over {@code segment} (room for at least a sockaddr_in6) and its length in {@code length}. */
    static Sockaddr view(MemorySegment segment, MemorySegment length) {
        if (segment.byteSize() < IN6_SIZE || length.byteSize() < 4) {
            throw new IllegalArgumentException("no room for an address: " + segment.byteSize() + " bytes");
        }
        return new Sockaddr(segment, length);
    }

    /** The AF_UNSPEC address: connect(2) to it dissolves a socket's association so it can connect again. */
    public static Sockaddr unspecified(Arena arena) {
        Sockaddr a = allocate(arena);
        a.segment.fill((byte) 0);
        a.length.set(ValueLayout.JAVA_INT, 0, IN_SIZE);
        return a;
    }

    /** Stores {@code address}:{@code port}; IPv6 keeps the address's scope id (for link-local targets). */
    public Sockaddr set(InetAddress address, int port) {
        // instanceof, not a pattern switch: the class a type switch links through is made at every start
        if (address instanceof Inet4Address v4) {
            byte[] b = v4.getAddress();
            return setIpv4((b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | b[3] & 0xff, port);
        }
        if (address instanceof Inet6Address v6) {
            checkPort(port);
            clearIp();
            segment.set(FAMILY, 0, (short) AF_INET6);
            MemorySegment.copy(v6.getAddress(), 0, segment, ValueLayout.JAVA_BYTE, 8, 16);
            segment.set(HOST_INT, 24, v6.getScopeId());
            length.set(ValueLayout.JAVA_INT, 0, IN6_SIZE);
            segment.set(PORT, 2, (short) port);
            return this;
        }
        throw new IllegalArgumentException("not an IP address: " + address);
    }

    /** As {@link #set(InetAddress, int)} for the IPv4 address whose 32 bits are {@code address}. */
    public Sockaddr setIpv4(int address, int port) {
        checkPort(port);
        // a sockaddr_in is 16 bytes: sin_zero zeroed, what lies beyond its length is never read
        segment.set(ValueLayout.JAVA_LONG, 8, 0L);
        segment.set(FAMILY, 0, (short) AF_INET);
        segment.set(NET_INT, 4, address);
        length.set(ValueLayout.JAVA_INT, 0, IN_SIZE);
        segment.set(PORT, 2, (short) port);
        return this;
    }

    /** Zeroes what an IP address may use: only an IPv6 address's bytes can matter, the rest of the storage stays. */
    private void clearIp() {
        segment.set(ValueLayout.JAVA_LONG, 0, 0L);
        segment.set(ValueLayout.JAVA_LONG, 8, 0L);
        segment.set(ValueLayout.JAVA_LONG, 16, 0L);
        segment.set(ValueLayout.JAVA_INT, 24, 0);
    }

    /**
     * Stores a {@code struct sockaddr_ll} for AF_PACKET: frames of {@code etherType} on interface
     * {@code interfaceIndex} (what bind(2) of a packet socket takes).
     */
    void setLinkLayer(int etherType, int interfaceIndex) {
        segment.asSlice(0, LL_SIZE).fill((byte) 0);
        segment.set(FAMILY, 0, (short) Libc.AF_PACKET);
        segment.set(PORT, 2, (short) etherType);
        segment.set(HOST_INT, 4, interfaceIndex);
        length.set(ValueLayout.JAVA_INT, 0, LL_SIZE);
    }

    /** Of a stored sockaddr_ll: sll_pkttype, how the frame met the interface (PacketSocket.HOST, OUTGOING...). */
    int linkPacketType() {
        return Byte.toUnsignedInt(segment.get(ValueLayout.JAVA_BYTE, 10));
    }

    /** Changes only the port of the address already stored. */
    public void setPort(int port) {
        checkPort(port);
        segment.set(PORT, 2, (short) port);
    }

    /** Makes room for the kernel to write any address (before getsockname/getpeername). */
    void clearForResult() {
        length.set(ValueLayout.JAVA_INT, 0, STORAGE_SIZE);
    }

    /** AF_INET, AF_INET6, or another family the kernel wrote. */
    public int family() {
        return Short.toUnsignedInt(segment.get(FAMILY, 0));
    }

    public int port() {
        return Short.toUnsignedInt(segment.get(PORT, 2));
    }

    /** The high 64 bits of an IPv6 address (sin6_addr), read without allocating. */
    public long ipv6High() {
        return segment.get(NET_LONG, 8);
    }

    /** The low 64 bits of an IPv6 address (sin6_addr), read without allocating. */
    public long ipv6Low() {
        return segment.get(NET_LONG, 16);
    }

    /** The bytes of the address in use: 16 for IPv4, 28 for IPv6. */
    public int length() {
        return length.get(ValueLayout.JAVA_INT, 0);
    }

    /** The stored address as Java sees it; for diagnostics and tests, it allocates. */
    public InetSocketAddress toSocketAddress() {
        try {
            return switch (family()) {
                case AF_INET -> new InetSocketAddress(InetAddress.getByAddress(
                        segment.asSlice(4, 4).toArray(ValueLayout.JAVA_BYTE)), port());
                case AF_INET6 -> new InetSocketAddress(Inet6Address.getByAddress(null,
                        segment.asSlice(8, 16).toArray(ValueLayout.JAVA_BYTE), segment.get(HOST_INT, 24)), port());
                default -> throw new IllegalStateException("not an IP socket address: family " + family());
            };
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of the wrong length", e);
        }
    }

    /** True when both hold the same family, address and port (the scope id of IPv6 included). */
    public boolean sameAddress(Sockaddr other) {
        int n = length();
        if (n != other.length() || family() != other.family()) {
            return false;
        }
        // sin_zero and sin6_flowinfo may differ without the addresses differing
        return switch (family()) {
            case AF_INET -> segment.get(NET_INT, 2) == other.segment.get(NET_INT, 2)
                    && segment.get(NET_INT, 4) == other.segment.get(NET_INT, 4);
            case AF_INET6 -> port() == other.port() && MemorySegment.mismatch(segment, 8, 28, other.segment, 8, 28) < 0;
            default -> MemorySegment.mismatch(segment, 0, n, other.segment, 0, n) < 0;
        };
    }

    /** The kernel's view of the stored bytes (length() of them). */
    public byte[] bytes() {
        return segment.asSlice(0, Math.min(length(), segment.byteSize())).toArray(ValueLayout.JAVA_BYTE);
    }

    MemorySegment segment() {
        return segment;
    }

    MemorySegment lengthCell() {
        return length;
    }

    private static void checkPort(int port) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
    }

    @Override
    public String toString() {
        return family() == AF_INET || family() == AF_INET6 ? toSocketAddress().toString() : "sockaddr(family "
                + family() + ")";
    }
}
