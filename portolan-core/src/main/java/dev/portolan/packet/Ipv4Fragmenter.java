package dev.portolan.packet;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * Splits a whole IPv4 datagram into fragments of {@link #size()} payload bytes each (the last may be shorter), as
 * nmap's -f (8), -ff (16) and --mtu do; writes one fragment at a time into the caller's buffer without allocating.
 * The datagram must carry no IP options (a probe template has none) and not be a fragment already.
 */
public final class Ipv4Fragmenter implements Fragmenter {
    private final int size;

    private Ipv4Fragmenter(int size) {
        this.size = size;
    }

    /** Fragments carrying {@code size} bytes of the original payload: a positive multiple of 8 (RFC 791's unit). */
    public static Ipv4Fragmenter of(int size) {
        if (size < 8 || size % 8 != 0) {
            throw new IllegalArgumentException("fragment size " + size + " is not a positive multiple of 8");
        }
        return new Ipv4Fragmenter(size);
    }

    @Override
    public int size() {
        return size;
    }

    /** How many fragments a datagram of {@code datagramLength} bytes (20-byte header included) becomes. */
    @Override
    public int count(int datagramLength) {
        int payload = datagramLength - Ipv4Header.MIN_LENGTH;
        return Math.max(1, (payload + size - 1) / size);
    }

    /** The longest fragment written for datagrams of at most {@code datagramLength} bytes. */
    @Override
    public int maxFragmentLength(int datagramLength) {
        return Ipv4Header.MIN_LENGTH + Math.min(size, Math.max(0, datagramLength - Ipv4Header.MIN_LENGTH));
    }

    /**
     * Writes fragment {@code k} (0-based) of the datagram in {@code datagram[offset, offset + length)} at
     * {@code out}'s position and advances it: the header copied with total length, MF flag, offset and checksum
     * set, then its share of the payload. Identification, DF and TTL are the datagram's, as reassembly needs.
     *
     * @throws IllegalArgumentException when the datagram has options or is a fragment, or k is out of range
     * @throws BufferOverflowException before writing anything, when {@code out} has too little room
     */
    public void write(byte[] datagram, int offset, int length, int k, ByteBuffer out) {
        int identification = length < 6 ? 0 : (datagram[offset + 4] & 0xff) << 8 | datagram[offset + 5] & 0xff;
        write(datagram, offset, length, identification, k, out);
    }

    /** As {@link #write(byte[], int, int, int, ByteBuffer)} with {@code identification} in place of the datagram's. */
    @Override
    public void write(byte[] datagram, int offset, int length, int identification, int k, ByteBuffer out) {
        if (length < Ipv4Header.MIN_LENGTH || (datagram[offset] & 0xff) != 0x45) {
            throw new IllegalArgumentException("fragmenting: need an IPv4 datagram with a 20-byte header");
        }
        int fragmentField = (datagram[offset + 6] & 0xff) << 8 | datagram[offset + 7] & 0xff;
        if ((fragmentField & 0x3fff) != 0) {
            throw new IllegalArgumentException("fragmenting: the datagram is a fragment already");
        }
        int payload = length - Ipv4Header.MIN_LENGTH;
        int count = count(length);
        if (k < 0 || k >= count) {
            throw new IllegalArgumentException("fragment " + k + " of " + count);
        }
        int from = k * size;
        int chunk = Math.min(size, payload - from);
        int total = Ipv4Header.MIN_LENGTH + chunk;
        int p = out.position();
        if (out.remaining() < total) {
            throw new BufferOverflowException();
        }
        out.put(p, datagram, offset, Ipv4Header.MIN_LENGTH);
        out.put(p + Ipv4Header.MIN_LENGTH, datagram, offset + Ipv4Header.MIN_LENGTH + from, chunk);
        boolean more = k < count - 1;
        BigEndian.put16At(out, p + 2, total);
        BigEndian.put16At(out, p + 6, fragmentField & 0x4000 | (more ? 0x2000 : 0) | from / 8);
        BigEndian.put16At(out, p + 4, identification & 0xffff);
        BigEndian.put16At(out, p + 10, 0);
        BigEndian.put16At(out, p + 10, InternetChecksum.finish(InternetChecksum.add(0, out, p, Ipv4Header.MIN_LENGTH)));
        out.position(p + total);
    }
}
