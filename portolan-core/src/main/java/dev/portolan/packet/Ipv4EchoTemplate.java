package dev.portolan.packet;

/**
 * An ICMP echo request with 8 bytes of data behind its IPv4 header, written per target into one array that is
 * reused: the fixed fields are set once, and each write patches in the destination, the identification, the ICMP
 * identifier and sequence number and the data (a sweep puts its send time there), then finishes the ICMP checksum
 * from the sum of the fixed words. The IPv4 header checksum stays zero: the kernel fills it in on an IP_HDRINCL
 * socket. Not thread-safe: every write returns the same array.
 */
public final class Ipv4EchoTemplate {
    /** Bytes of every request: a 20-byte IPv4 header, the 8-byte echo header and 8 bytes of data. */
    public static final int LENGTH = 36;
    private static final int ICMP = 20;
    /** Type 8 (echo request), code 0: the one fixed word of the ICMP message that is not zero. */
    private static final int ECHO_REQUEST_WORD = 0x0800;

    private final byte[] bytes = new byte[LENGTH];
    private final int source;

    /** Requests from the IPv4 address whose 32 bits are {@code source}, sent with time to live {@code ttl}. */
    public Ipv4EchoTemplate(int source, int ttl) {
        if (ttl < 1 || ttl > 255) {
            throw new IllegalArgumentException("TTL " + ttl + " is outside 1..255");
        }
        this.source = source;
        bytes[0] = 0x45;
        bytes[3] = LENGTH;
        bytes[8] = (byte) ttl;
        bytes[9] = (byte) IpProtocol.ICMP;
        put32(12, source);
        bytes[ICMP] = 8;
    }

    /** The 32 bits of the source address the requests carry. */
    public int source() {
        return source;
    }

    /**
     * The request to {@code destination} (its 32 bits) with IPv4 {@code identification}, ICMP {@code identifier} and
     * {@code sequence} (their low 16 bits) and {@code data} as its 8 data bytes, big-endian.
     */
    public byte[] write(int destination, int identification, int identifier, int sequence, long data) {
        int id = identifier & 0xffff;
        int seq = sequence & 0xffff;
        put16(4, identification & 0xffff);
        put32(16, destination);
        put16(ICMP + 4, id);
        put16(ICMP + 6, seq);
        put32(ICMP + 8, (int) (data >>> 32));
        put32(ICMP + 12, (int) data);
        put16(ICMP + 2, InternetChecksum.finish(InternetChecksum.add64(ECHO_REQUEST_WORD + id + seq, data)));
        return bytes;
    }

    private void put16(int at, int v) {
        bytes[at] = (byte) (v >>> 8);
        bytes[at + 1] = (byte) v;
    }

    private void put32(int at, int v) {
        bytes[at] = (byte) (v >>> 24);
        bytes[at + 1] = (byte) (v >>> 16);
        bytes[at + 2] = (byte) (v >>> 8);
        bytes[at + 3] = (byte) v;
    }
}
