package dev.portolan.packet;

import java.nio.ByteBuffer;

/** A UDP header (RFC 768): ports, the length of header and data, and the checksum (0 over IPv4: none computed). */
public record UdpHeader(int sourcePort, int destinationPort, int length, int checksum) implements UpperLayer {
    static final String LAYER = "udp";
    public static final int HEADER_LENGTH = 8;

    public UdpHeader {
        Fields.range(LAYER, "source port", sourcePort, 0xffff);
        Fields.range(LAYER, "destination port", destinationPort, 0xffff);
        Fields.range(LAYER, "length", length, 0xffff);
        Fields.range(LAYER, "checksum", checksum, 0xffff);
    }

    /** A header with length 8 and checksum 0 until {@link IpPacket#assemble} sets them. */
    public static UdpHeader of(int sourcePort, int destinationPort) {
        return new UdpHeader(sourcePort, destinationPort, HEADER_LENGTH, 0);
    }

    /** Reads the header at {@code buf}'s position; its length field must lie between 8 and the bytes available. */
    public static UdpHeader parse(ByteBuffer buf) {
        return parse(buf, buf.position(), buf.remaining());
    }

    static UdpHeader parse(ByteBuffer buf, int off, int avail) {
        Fields.need(LAYER, avail, HEADER_LENGTH, "header");
        int length = BigEndian.u16(buf, off + 4);
        if (length < HEADER_LENGTH) {
            throw new MalformedPacketException(LAYER, "length " + length + " is below 8");
        }
        if (length > avail) {
            throw new MalformedPacketException(LAYER, "length " + length + " exceeds the " + avail
                    + " bytes available");
        }
        return new UdpHeader(BigEndian.u16(buf, off), BigEndian.u16(buf, off + 2), length,
                BigEndian.u16(buf, off + 6));
    }

    @Override
    public int protocol() {
        return IpProtocol.UDP;
    }

    /** The header's own size on the wire, 8 (the length field counts the data too). */
    @Override
    public int encodedLength() {
        return HEADER_LENGTH;
    }

    @Override
    public UdpHeader withChecksum(int newChecksum) {
        return new UdpHeader(sourcePort, destinationPort, length, newChecksum);
    }

    public UdpHeader withLength(int newLength) {
        return new UdpHeader(sourcePort, destinationPort, newLength, checksum);
    }

    @Override
    public void writeTo(ByteBuffer out) {
        Fields.room(out, HEADER_LENGTH);
        BigEndian.put16(out, sourcePort);
        BigEndian.put16(out, destinationPort);
        BigEndian.put16(out, length);
        BigEndian.put16(out, checksum);
    }

    public byte[] toBytes() {
        byte[] b = new byte[HEADER_LENGTH];
        writeTo(ByteBuffer.wrap(b));
        return b;
    }
}
