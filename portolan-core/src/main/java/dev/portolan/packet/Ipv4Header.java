package dev.portolan.packet;

import java.nio.ByteBuffer;

/**
 * An IPv4 header (RFC 791). Options are kept as their raw bytes (a multiple of 4, at most 40); {@code flags} holds
 * the three flag bits (reserved, DF, MF) and {@code fragmentOffset} the 13-bit offset in units of 8 bytes.
 */
public record Ipv4Header(int tos, int totalLength, int identification, int flags, int fragmentOffset, int ttl,
                         int protocol, int checksum, Ipv4Address source, Ipv4Address destination, Bytes options)
        implements IpHeader {
    static final String LAYER = "ipv4";
    public static final int MIN_LENGTH = 20;
    public static final int FLAG_RESERVED = 4;
    public static final int FLAG_DONT_FRAGMENT = 2;
    public static final int FLAG_MORE_FRAGMENTS = 1;

    public Ipv4Header {
        Fields.range(LAYER, "type of service", tos, 0xff);
        Fields.range(LAYER, "total length", totalLength, 0xffff);
        Fields.range(LAYER, "identification", identification, 0xffff);
        Fields.range(LAYER, "flags", flags, 7);
        Fields.range(LAYER, "fragment offset", fragmentOffset, 0x1fff);
        Fields.range(LAYER, "ttl", ttl, 0xff);
        Fields.range(LAYER, "protocol", protocol, 0xff);
        Fields.range(LAYER, "checksum", checksum, 0xffff);
        Fields.present(LAYER, "source", source);
        Fields.present(LAYER, "destination", destination);
        Fields.present(LAYER, "options", options);
        if (options.length() > 40 || options.length() % 4 != 0) {
            throw new IllegalArgumentException(LAYER + ": options of " + options.length()
                    + " bytes, need a multiple of 4 up to 40");
        }
    }

    /**
     * A header without options, fragmentation or checksum: total length 20 and checksum 0 until
     * {@link IpPacket#assemble} sets them.
     */
    public static Ipv4Header of(Ipv4Address source, Ipv4Address destination, int protocol, int ttl) {
        return new Ipv4Header(0, MIN_LENGTH, 0, 0, 0, ttl, protocol, 0, source, destination, Bytes.EMPTY);
    }

    /**
     * Reads the header at {@code buf}'s position. The total length must lie between the header length and the
     * bytes available (bytes past it, such as Ethernet padding, are not part of the datagram).
     */
    public static Ipv4Header parse(ByteBuffer buf) {
        return parse(buf, buf.position(), buf.remaining(), false);
    }

    /** {@code quoted}: a header inside an ICMP error, whose datagram was cut short, so total length is not checked. */
    static Ipv4Header parse(ByteBuffer buf, int off, int avail, boolean quoted) {
        Fields.need(LAYER, avail, MIN_LENGTH, "header");
        int b0 = BigEndian.u8(buf, off);
        if (b0 >>> 4 != 4) {
            throw new MalformedPacketException(LAYER, "version " + (b0 >>> 4) + ", expected 4");
        }
        int words = b0 & 0xf;
        if (words < 5) {
            throw new MalformedPacketException(LAYER, "header length " + words + " words is below 5");
        }
        int headerLength = words * 4;
        Fields.need(LAYER, avail, headerLength, "header of " + words + " words");
        int totalLength = BigEndian.u16(buf, off + 2);
        if (!quoted) {
            if (totalLength < headerLength) {
                throw new MalformedPacketException(LAYER, "total length " + totalLength
                        + " is below the header length " + headerLength);
            }
            if (totalLength > avail) {
                throw new MalformedPacketException(LAYER, "total length " + totalLength + " exceeds the "
                        + avail + " bytes available");
            }
        }
        int fragment = BigEndian.u16(buf, off + 6);
        return new Ipv4Header(BigEndian.u8(buf, off + 1), totalLength, BigEndian.u16(buf, off + 4),
                fragment >>> 13, fragment & 0x1fff, BigEndian.u8(buf, off + 8), BigEndian.u8(buf, off + 9),
                BigEndian.u16(buf, off + 10), Ipv4Address.read(buf, off + 12), Ipv4Address.read(buf, off + 16),
                Bytes.copyOf(buf, off + MIN_LENGTH, headerLength - MIN_LENGTH));
    }

    @Override
    public int version() {
        return 4;
    }

    @Override
    public int headerLength() {
        return MIN_LENGTH + options.length();
    }

    @Override
    public int upperLayerProtocol() {
        return protocol;
    }

    public boolean dontFragment() {
        return (flags & FLAG_DONT_FRAGMENT) != 0;
    }

    public boolean moreFragments() {
        return (flags & FLAG_MORE_FRAGMENTS) != 0;
    }

    /** More fragments follow, or this one starts past offset 0. */
    @Override
    public boolean isFragment() {
        return moreFragments() || fragmentOffset != 0;
    }

    /** The fragment offset in bytes. */
    public int fragmentOffsetBytes() {
        return fragmentOffset * 8;
    }

    /** The differentiated-services code point: the top six bits of the TOS byte. */
    public int dscp() {
        return tos >>> 2;
    }

    /** The explicit congestion notification bits: the low two bits of the TOS byte. */
    public int ecn() {
        return tos & 3;
    }

    /** The checksum this header should carry, computed from its fields. */
    public int computeChecksum() {
        return InternetChecksum.finish(sumWithoutChecksum());
    }

    /** True when the checksum field matches the fields. */
    public boolean checksumValid() {
        return computeChecksum() == checksum;
    }

    long sumWithoutChecksum() {
        long sum = (4 << 12 | headerLength() / 4 << 8 | tos) + totalLength + identification
                + (flags << 13 | fragmentOffset) + (ttl << 8 | protocol);
        sum = InternetChecksum.add32(InternetChecksum.add32(sum, source.bits()), destination.bits());
        return InternetChecksum.add(sum, options.array(), 0, options.length());
    }

    @Override
    public long pseudoHeaderSum(int upperProtocol, int upperLayerLength) {
        return InternetChecksum.ipv4PseudoHeader(source.bits(), destination.bits(), upperProtocol, upperLayerLength);
    }

    public Ipv4Header withChecksum(int newChecksum) {
        return new Ipv4Header(tos, totalLength, identification, flags, fragmentOffset, ttl, protocol, newChecksum,
                source, destination, options);
    }

    /** This header with the checksum its fields call for. */
    public Ipv4Header withComputedChecksum() {
        return withChecksum(computeChecksum());
    }

    public Ipv4Header withTotalLength(int newTotalLength) {
        return new Ipv4Header(tos, newTotalLength, identification, flags, fragmentOffset, ttl, protocol, checksum,
                source, destination, options);
    }

    @Override
    public void writeTo(ByteBuffer out) {
        Fields.room(out, headerLength());
        BigEndian.put8(out, 4 << 4 | headerLength() / 4);
        BigEndian.put8(out, tos);
        BigEndian.put16(out, totalLength);
        BigEndian.put16(out, identification);
        BigEndian.put16(out, flags << 13 | fragmentOffset);
        BigEndian.put8(out, ttl);
        BigEndian.put8(out, protocol);
        BigEndian.put16(out, checksum);
        BigEndian.put32(out, source.bits());
        BigEndian.put32(out, destination.bits());
        options.writeTo(out);
    }

    public byte[] toBytes() {
        byte[] b = new byte[headerLength()];
        writeTo(ByteBuffer.wrap(b));
        return b;
    }
}
