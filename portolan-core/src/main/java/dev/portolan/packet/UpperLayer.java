package dev.portolan.packet;

import java.nio.ByteBuffer;

/** What follows the IP header in an {@link IpPacket}: a TCP or UDP header, an ICMP message, or nothing parsed. */
public sealed interface UpperLayer permits TcpHeader, UdpHeader, Icmpv4Message, Icmpv6Message, UpperLayer.Unparsed {
    /** The IP protocol number. */
    int protocol();

    /** Bytes on the wire of this record (a UDP header: 8); the rest of the datagram is the packet's payload. */
    int encodedLength();

    /** The checksum field, 0 when there is none. */
    int checksum();

    /** This record with another checksum field. */
    UpperLayer withChecksum(int checksum);

    void writeTo(ByteBuffer out);

    /**
     * An upper layer left unread: a protocol without a codec here, or a fragment; all its bytes are the packet's
     * payload.
     */
    record Unparsed(int protocol) implements UpperLayer {
        public Unparsed {
            Fields.range("ip", "protocol", protocol, 0xff);
        }

        @Override
        public int encodedLength() {
            return 0;
        }

        @Override
        public int checksum() {
            return 0;
        }

        @Override
        public Unparsed withChecksum(int checksum) {
            return this;
        }

        @Override
        public void writeTo(ByteBuffer out) {
        }
    }
}
