package dev.portolan.packet;

import java.nio.ByteBuffer;

/**
 * The start of the datagram an ICMP error quotes: its IP header (extension headers included) and the bytes after
 * it, at least 8, which for TCP and UDP hold the ports and, for TCP, the sequence number.
 * The quoted header's lengths and checksum are left as the sender quoted them.
 */
public record QuotedDatagram(IpHeader header, Bytes data) {
    public static final int MIN_DATA = 8;

    public QuotedDatagram {
        Fields.present("icmp", "quoted header", header);
        Fields.present("icmp", "quoted data", data);
        if (data.length() < MIN_DATA) {
            throw new IllegalArgumentException("icmp: quoted data of " + data.length() + " bytes, need at least 8");
        }
    }

    /** Reads an IPv4 ({@code version} 4) or IPv6 quote filling {@code [off, off + length)}. */
    static QuotedDatagram parse(String layer, int version, ByteBuffer buf, int off, int length) {
        IpHeader header;
        try {
            header = version == 4 ? Ipv4Header.parse(buf, off, length, true) : Ipv6Header.parse(buf, off, length, true);
        } catch (MalformedPacketException e) {
            throw new MalformedPacketException(layer, "quoted " + e.getMessage());
        }
        int dataLength = length - header.headerLength();
        if (dataLength < MIN_DATA) {
            throw new MalformedPacketException(layer, "quoted datagram has " + dataLength
                    + " bytes after its IP header, need at least 8");
        }
        return new QuotedDatagram(header, Bytes.copyOf(buf, off + header.headerLength(), dataLength));
    }

    /** The quoted datagram's upper-layer protocol. */
    public int protocol() {
        return header.upperLayerProtocol();
    }

    /** Bytes 0-1 after the IP header: the source port of a quoted TCP or UDP header. */
    public int sourcePort() {
        return data.unsigned(0) << 8 | data.unsigned(1);
    }

    /** Bytes 2-3 after the IP header: the destination port of a quoted TCP or UDP header. */
    public int destinationPort() {
        return data.unsigned(2) << 8 | data.unsigned(3);
    }

    /** Bytes 4-7 after the IP header: the sequence number of a quoted TCP header. */
    public int tcpSequenceNumber() {
        return data.unsigned(4) << 24 | data.unsigned(5) << 16 | data.unsigned(6) << 8 | data.unsigned(7);
    }

    /** Bytes 4-5 after the IP header: the identifier of a quoted ICMP echo. */
    public int icmpIdentifier() {
        return data.unsigned(4) << 8 | data.unsigned(5);
    }

    /** Bytes 6-7 after the IP header: the sequence number of a quoted ICMP echo. */
    public int icmpSequence() {
        return data.unsigned(6) << 8 | data.unsigned(7);
    }

    public int encodedLength() {
        return header.headerLength() + data.length();
    }

    public void writeTo(ByteBuffer out) {
        Fields.room(out, encodedLength());
        header.writeTo(out);
        data.writeTo(out);
    }
}
