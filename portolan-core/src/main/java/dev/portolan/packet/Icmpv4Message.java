package dev.portolan.packet;

import java.nio.ByteBuffer;

/**
 * An ICMP message for IPv4 (RFC 792, 950): echo, timestamp, address mask, destination unreachable and time
 * exceeded as records; any other type kept raw as {@link Other}. The record holds the whole message.
 */
public sealed interface Icmpv4Message extends UpperLayer {
    int ECHO_REPLY = 0;
    int DESTINATION_UNREACHABLE = 3;
    int ECHO_REQUEST = 8;
    int TIME_EXCEEDED = 11;
    int TIMESTAMP_REQUEST = 13;
    int TIMESTAMP_REPLY = 14;
    int ADDRESS_MASK_REQUEST = 17;
    int ADDRESS_MASK_REPLY = 18;

    int type();

    int code();

    @Override
    default int protocol() {
        return IpProtocol.ICMP;
    }

    @Override
    Icmpv4Message withChecksum(int checksum);

    /** The checksum this message should carry: over the whole message, no pseudo-header. */
    default int computeChecksum() {
        return InternetChecksum.of(withChecksum(0).toBytes(), 0, encodedLength());
    }

    default boolean checksumValid() {
        return computeChecksum() == checksum();
    }

    default byte[] toBytes() {
        byte[] b = new byte[encodedLength()];
        writeTo(ByteBuffer.wrap(b));
        return b;
    }

    /** Reads the message from {@code buf}'s position to its limit (the whole ICMP message). */
    static Icmpv4Message parse(ByteBuffer buf) {
        return Icmpv4Parser.parse(buf, buf.position(), buf.remaining());
    }

    /** Echo request (type 8) or reply (type 0). */
    record Echo(boolean reply, int code, int checksum, int identifier, int sequence, Bytes data)
            implements Icmpv4Message {
        public Echo {
            checkCommon(code, checksum);
            Fields.range(Icmpv4Parser.LAYER, "identifier", identifier, 0xffff);
            Fields.range(Icmpv4Parser.LAYER, "sequence", sequence, 0xffff);
            Fields.present(Icmpv4Parser.LAYER, "data", data);
        }

        /** An echo request with checksum 0 until {@link IpPacket#assemble} sets it. */
        public static Echo request(int identifier, int sequence, Bytes data) {
            return new Echo(false, 0, 0, identifier, sequence, data);
        }

        @Override
        public int type() {
            return reply ? ECHO_REPLY : ECHO_REQUEST;
        }

        @Override
        public int encodedLength() {
            return 8 + data.length();
        }

        @Override
        public Echo withChecksum(int newChecksum) {
            return new Echo(reply, code, newChecksum, identifier, sequence, data);
        }

        @Override
        public void writeTo(ByteBuffer out) {
            Fields.room(out, encodedLength());
            writeStart(out, type(), code, checksum);
            BigEndian.put16(out, identifier);
            BigEndian.put16(out, sequence);
            data.writeTo(out);
        }
    }

    /** Timestamp request (13) or reply (14): three 32-bit times in milliseconds since midnight UT. */
    record Timestamp(boolean reply, int code, int checksum, int identifier, int sequence, int originate, int receive,
                     int transmit) implements Icmpv4Message {
        public Timestamp {
            checkCommon(code, checksum);
            Fields.range(Icmpv4Parser.LAYER, "identifier", identifier, 0xffff);
            Fields.range(Icmpv4Parser.LAYER, "sequence", sequence, 0xffff);
        }

        @Override
        public int type() {
            return reply ? TIMESTAMP_REPLY : TIMESTAMP_REQUEST;
        }

        @Override
        public int encodedLength() {
            return 20;
        }

        @Override
        public Timestamp withChecksum(int newChecksum) {
            return new Timestamp(reply, code, newChecksum, identifier, sequence, originate, receive, transmit);
        }

        @Override
        public void writeTo(ByteBuffer out) {
            Fields.room(out, 20);
            writeStart(out, type(), code, checksum);
            BigEndian.put16(out, identifier);
            BigEndian.put16(out, sequence);
            BigEndian.put32(out, originate);
            BigEndian.put32(out, receive);
            BigEndian.put32(out, transmit);
        }
    }

    /** Address mask request (17) or reply (18), RFC 950. */
    record AddressMask(boolean reply, int code, int checksum, int identifier, int sequence, Ipv4Address mask)
            implements Icmpv4Message {
        public AddressMask {
            checkCommon(code, checksum);
            Fields.range(Icmpv4Parser.LAYER, "identifier", identifier, 0xffff);
            Fields.range(Icmpv4Parser.LAYER, "sequence", sequence, 0xffff);
            Fields.present(Icmpv4Parser.LAYER, "mask", mask);
        }

        @Override
        public int type() {
            return reply ? ADDRESS_MASK_REPLY : ADDRESS_MASK_REQUEST;
        }

        @Override
        public int encodedLength() {
            return 12;
        }

        @Override
        public AddressMask withChecksum(int newChecksum) {
            return new AddressMask(reply, code, newChecksum, identifier, sequence, mask);
        }

        @Override
        public void writeTo(ByteBuffer out) {
            Fields.room(out, 12);
            writeStart(out, type(), code, checksum);
            BigEndian.put16(out, identifier);
            BigEndian.put16(out, sequence);
            BigEndian.put32(out, mask.bits());
        }
    }

    /**
     * Destination unreachable (type 3). {@code unused} is the 32-bit word after the checksum, whose low 16 bits are
     * the next-hop MTU for code 4 (RFC 1191).
     */
    record DestinationUnreachable(int code, int checksum, int unused, QuotedDatagram quote)
            implements Icmpv4Message, IcmpError {
        public static final int NET_UNREACHABLE = 0;
        public static final int HOST_UNREACHABLE = 1;
        public static final int PROTOCOL_UNREACHABLE = 2;
        public static final int PORT_UNREACHABLE = 3;
        public static final int FRAGMENTATION_NEEDED = 4;
        public static final int NET_PROHIBITED = 9;
        public static final int HOST_PROHIBITED = 10;
        public static final int COMMUNICATION_PROHIBITED = 13;

        public DestinationUnreachable {
            checkCommon(code, checksum);
            checkQuote(quote);
        }

        /** The next-hop MTU of a "fragmentation needed" message. */
        public int nextHopMtu() {
            return unused & 0xffff;
        }

        @Override
        public int type() {
            return DESTINATION_UNREACHABLE;
        }

        @Override
        public int encodedLength() {
            return 8 + quote.encodedLength();
        }

        @Override
        public DestinationUnreachable withChecksum(int newChecksum) {
            return new DestinationUnreachable(code, newChecksum, unused, quote);
        }

        @Override
        public void writeTo(ByteBuffer out) {
            writeError(out, this, unused);
        }
    }

    /** Time exceeded (type 11): code 0 TTL exceeded in transit, 1 fragment reassembly time exceeded. */
    record TimeExceeded(int code, int checksum, int unused, QuotedDatagram quote) implements Icmpv4Message, IcmpError {
        public static final int TTL_EXCEEDED = 0;
        public static final int REASSEMBLY_TIME_EXCEEDED = 1;

        public TimeExceeded {
            checkCommon(code, checksum);
            checkQuote(quote);
        }

        @Override
        public int type() {
            return TIME_EXCEEDED;
        }

        @Override
        public int encodedLength() {
            return 8 + quote.encodedLength();
        }

        @Override
        public TimeExceeded withChecksum(int newChecksum) {
            return new TimeExceeded(code, newChecksum, unused, quote);
        }

        @Override
        public void writeTo(ByteBuffer out) {
            writeError(out, this, unused);
        }
    }

    /** Any other type: everything after the type, code and checksum kept raw. */
    record Other(int type, int code, int checksum, Bytes body) implements Icmpv4Message {
        public Other {
            Fields.range(Icmpv4Parser.LAYER, "type", type, 0xff);
            checkCommon(code, checksum);
            Fields.present(Icmpv4Parser.LAYER, "body", body);
        }

        @Override
        public int encodedLength() {
            return 4 + body.length();
        }

        @Override
        public Other withChecksum(int newChecksum) {
            return new Other(type, code, newChecksum, body);
        }

        @Override
        public void writeTo(ByteBuffer out) {
            Fields.room(out, encodedLength());
            writeStart(out, type, code, checksum);
            body.writeTo(out);
        }
    }

    private static void checkCommon(int code, int checksum) {
        Fields.range(Icmpv4Parser.LAYER, "code", code, 0xff);
        Fields.range(Icmpv4Parser.LAYER, "checksum", checksum, 0xffff);
    }

    private static void checkQuote(QuotedDatagram quote) {
        Fields.present(Icmpv4Parser.LAYER, "quote", quote);
        if (!(quote.header() instanceof Ipv4Header)) {
            throw new IllegalArgumentException(Icmpv4Parser.LAYER + ": an ICMP error must quote an IPv4 datagram");
        }
    }

    private static void writeStart(ByteBuffer out, int type, int code, int checksum) {
        BigEndian.put8(out, type);
        BigEndian.put8(out, code);
        BigEndian.put16(out, checksum);
    }

    private static void writeError(ByteBuffer out, Icmpv4Message m, int word) {
        Fields.room(out, m.encodedLength());
        writeStart(out, m.type(), m.code(), m.checksum());
        BigEndian.put32(out, word);
        ((IcmpError) m).quote().writeTo(out);
    }
}
