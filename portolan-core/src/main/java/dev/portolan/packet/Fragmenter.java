package dev.portolan.packet;

import java.nio.ByteBuffer;

/**
 * Splits a whole IP packet into fragments of {@link #size()} payload bytes (the last may be shorter), one fragment at
 * a time into the caller's buffer without allocating: IPv4's header fields ({@link Ipv4Fragmenter}) or IPv6's
 * Fragment extension header ({@link Ipv6Fragmenter}).
 */
public sealed interface Fragmenter permits Ipv4Fragmenter, Ipv6Fragmenter {
    /** The fragmenter of the family, for {@code size} bytes per fragment (a positive multiple of 8). */
    static Fragmenter of(boolean ipv6, int size) {
        return ipv6 ? Ipv6Fragmenter.of(size) : Ipv4Fragmenter.of(size);
    }

    int size();

    /** How many fragments a packet of {@code packetLength} bytes (its IP header included) becomes. */
    int count(int packetLength);

    /** The longest fragment written for packets of at most {@code packetLength} bytes. */
    int maxFragmentLength(int packetLength);

    /**
     * Writes fragment {@code k} (0-based) of the packet in {@code packet[offset, offset + length)} at {@code out}'s
     * position and advances it; every fragment of one packet carries {@code identification} (IPv4: its low 16 bits).
     */
    void write(byte[] packet, int offset, int length, int identification, int k, ByteBuffer out);
}
