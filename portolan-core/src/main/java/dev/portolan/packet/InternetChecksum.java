package dev.portolan.packet;

import java.nio.ByteBuffer;

/**
 * The Internet checksum of RFC 1071: the 16-bit one's complement of the one's complement sum of 16-bit words.
 *
 * <p>Sums are carried unfolded in a {@code long} (add as many words as you like, fold once at the end), which is
 * what lets a packet template keep a precomputed sum and add only the per-target words.
 */
public final class InternetChecksum {
    private InternetChecksum() {
    }

    /** Adds bytes {@code [offset, offset + length)} as big-endian words; an odd last byte is padded with zero. */
    public static long add(long sum, byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        for (; i + 1 < end; i += 2) {
            sum += ((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff);
        }
        if (i < end) {
            sum += (bytes[i] & 0xff) << 8;
        }
        return sum;
    }

    /** Adds bytes {@code [offset, offset + length)} of {@code buf} (absolute reads; the buffer is not moved). */
    public static long add(long sum, ByteBuffer buf, int offset, int length) {
        int i = offset;
        int end = offset + length;
        // 32-bit words fold to the same 16-bit sum, since 2^16 = 1 modulo 0xffff
        for (; i + 3 < end; i += 4) {
            sum += BigEndian.i32(buf, i) & 0xffff_ffffL;
        }
        for (; i + 1 < end; i += 2) {
            sum += BigEndian.u16(buf, i);
        }
        if (i < end) {
            sum += BigEndian.u8(buf, i) << 8;
        }
        return sum;
    }

    /** Adds a 32-bit value (two 16-bit words). */
    public static long add32(long sum, int value) {
        return sum + (value >>> 16) + (value & 0xffff);
    }

    /** Adds a 64-bit value (four 16-bit words). */
    public static long add64(long sum, long value) {
        return sum + (value >>> 32) + (value & 0xffff_ffffL);
    }

    /** The one's complement sum folded to 16 bits (0..0xffff). */
    public static int fold(long sum) {
        // at most four rounds from 64 bits: each one shrinks the value by about 16 bits
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }

    /** The checksum field value for a sum taken with the checksum field at zero. */
    public static int finish(long sum) {
        return ~fold(sum) & 0xffff;
    }

    /** True when a sum taken over data that includes its checksum field shows no error. */
    public static boolean verifies(long sum) {
        return fold(sum) == 0xffff;
    }

    /** The checksum of {@code bytes[offset, offset + length)}. */
    public static int of(byte[] bytes, int offset, int length) {
        return finish(add(0, bytes, offset, length));
    }

    /** The checksum of the bytes from {@code buf}'s position to its limit; the buffer is not moved. */
    public static int of(ByteBuffer buf) {
        return finish(add(0, buf, buf.position(), buf.remaining()));
    }

    /** The sum of the IPv4 pseudo-header of RFC 793/768: addresses, protocol and upper-layer length. */
    public static long ipv4PseudoHeader(int source, int destination, int protocol, int length) {
        return add32(add32(0, source), destination) + protocol + length;
    }

    public static long ipv4PseudoHeader(Ipv4Address source, Ipv4Address destination, int protocol, int length) {
        return ipv4PseudoHeader(source.bits(), destination.bits(), protocol, length);
    }

    /** The sum of the IPv6 pseudo-header of RFC 8200 §8.1: addresses, 32-bit upper-layer length, next header. */
    public static long ipv6PseudoHeader(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow,
                                        int nextHeader, long length) {
        long sum = add64(add64(0, sourceHigh), sourceLow);
        sum = add64(add64(sum, destinationHigh), destinationLow);
        return add32(sum, (int) length) + nextHeader;
    }

    public static long ipv6PseudoHeader(Ipv6Address source, Ipv6Address destination, int nextHeader, long length) {
        return ipv6PseudoHeader(source.high(), source.low(), destination.high(), destination.low(), nextHeader,
                length);
    }

    /**
     * The checksum after one 16-bit word changed from {@code oldWord} to {@code newWord}, without the data:
     * RFC 1624 equation 3, HC' = ~(~HC + ~m + m').
     */
    public static int update(int checksum, int oldWord, int newWord) {
        long sum = (~checksum & 0xffff) + (~oldWord & 0xffff) + (newWord & 0xffff);
        return ~fold(sum) & 0xffff;
    }

    /** {@link #update(int, int, int)} for a 32-bit field (an address, a sequence number). */
    public static int update32(int checksum, int oldValue, int newValue) {
        long sum = (~checksum & 0xffff) + (~oldValue >>> 16) + (~oldValue & 0xffff)
                + (newValue >>> 16) + (newValue & 0xffff);
        return ~fold(sum) & 0xffff;
    }
}
