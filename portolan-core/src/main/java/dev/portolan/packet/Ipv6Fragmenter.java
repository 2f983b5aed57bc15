package dev.portolan.packet;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * Splits a whole IPv6 packet into fragments (RFC 8200 section 4.5): each is the 40-byte IPv6 header, a Fragment
 * extension header ({@link Ipv6Extension.Fragment}) and {@link #size()} bytes of what followed the IPv6 header (the
 * last may be shorter). Writes one fragment at a time without allocating. The packet must have no extension
 * headers of its own (a probe template has none), so its whole payload is the fragmentable part.
 */
public final class Ipv6Fragmenter implements Fragmenter {
    private static final int HEADER = 40;
    private static final int FRAGMENT_HEADER = 8;
    private final int size;

    private Ipv6Fragmenter(int size) {
        this.size = size;
    }

    /** Fragments carrying {@code size} bytes of the original payload: a positive multiple of 8. */
    public static Ipv6Fragmenter of(int size) {
        if (size < 8 || size % 8 != 0) {
            throw new IllegalArgumentException("fragment size " + size + " is not a positive multiple of 8");
        }
        return new Ipv6Fragmenter(size);
    }

    @Override
    public int size() {
        return size;
    }

    /** How many fragments a packet of {@code packetLength} bytes (40-byte header included) becomes. */
    @Override
    public int count(int packetLength) {
        int payload = packetLength - HEADER;
        return Math.max(1, (payload + size - 1) / size);
    }

    /** The longest fragment written for packets of at most {@code packetLength} bytes. */
    @Override
    public int maxFragmentLength(int packetLength) {
        return HEADER + FRAGMENT_HEADER + Math.min(size, Math.max(0, packetLength - HEADER));
    }

    /**
     * Writes fragment {@code k} (0-based) of the packet in {@code packet[offset, offset + length)} at {@code out}'s
     * position and advances it, with {@code identification} in its Fragment header (the same for every fragment of
     * one packet).
     *
     * @throws IllegalArgumentException when the packet is not IPv6 or has an extension header, or k is out of range
     * @throws BufferOverflowException before writing anything, when {@code out} has too little room
     */
    @Override
    public void write(byte[] packet, int offset, int length, int identification, int k, ByteBuffer out) {
        if (length < HEADER || (packet[offset] & 0xf0) != 0x60) {
            throw new IllegalArgumentException("fragmenting: need an IPv6 packet of 40 bytes or more");
        }
        int nextHeader = packet[offset + 6] & 0xff;
        if (nextHeader == IpProtocol.HOP_BY_HOP || nextHeader == IpProtocol.IPV6_ROUTING
                || nextHeader == IpProtocol.IPV6_FRAGMENT || nextHeader == IpProtocol.IPV6_DESTINATION_OPTIONS) {
            throw new IllegalArgumentException("fragmenting: the packet has extension headers");
        }
        int payload = length - HEADER;
        int count = count(length);
        if (k < 0 || k >= count) {
            throw new IllegalArgumentException("fragment " + k + " of " + count);
        }
        int from = k * size;
        int chunk = Math.min(size, payload - from);
        int total = HEADER + FRAGMENT_HEADER + chunk;
        int p = out.position();
        if (out.remaining() < total) {
            throw new BufferOverflowException();
        }
        out.put(p, packet, offset, HEADER);
        BigEndian.put16At(out, p + 4, FRAGMENT_HEADER + chunk);
        out.put(p + 6, (byte) IpProtocol.IPV6_FRAGMENT);
        // the Fragment header (Ipv6Extension.Fragment's layout), written in place: a probe allocates nothing
        out.put(p + HEADER, (byte) nextHeader);
        out.put(p + HEADER + 1, (byte) 0);
        BigEndian.put16At(out, p + HEADER + 2, from | (k < count - 1 ? 1 : 0));
        BigEndian.put32At(out, p + HEADER + 4, identification);
        out.put(p + HEADER + FRAGMENT_HEADER, packet, offset + HEADER + from, chunk);
        out.position(p + total);
    }
}
