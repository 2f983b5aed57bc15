package dev.portolan.packet;

import java.nio.ByteBuffer;

/** Reads ICMP messages for IPv4 into {@link Icmpv4Message} records. */
final class Icmpv4Parser {
    static final String LAYER = "icmp";

    private Icmpv4Parser() {
    }

    /** Reads the whole message {@code [off, off + length)}. */
    static Icmpv4Message parse(ByteBuffer buf, int off, int length) {
        Fields.need(LAYER, length, 4, "message");
        int type = BigEndian.u8(buf, off);
        int code = BigEndian.u8(buf, off + 1);
        int checksum = BigEndian.u16(buf, off + 2);
        return switch (type) {
            case Icmpv4Message.ECHO_REPLY, Icmpv4Message.ECHO_REQUEST -> {
                Fields.need(LAYER, length, 8, "echo message");
                yield new Icmpv4Message.Echo(type == Icmpv4Message.ECHO_REPLY, code, checksum,
                        BigEndian.u16(buf, off + 4), BigEndian.u16(buf, off + 6),
                        Bytes.copyOf(buf, off + 8, length - 8));
            }
            case Icmpv4Message.TIMESTAMP_REQUEST, Icmpv4Message.TIMESTAMP_REPLY -> {
                exactly(length, 20, "timestamp message");
                yield new Icmpv4Message.Timestamp(type == Icmpv4Message.TIMESTAMP_REPLY, code, checksum,
                        BigEndian.u16(buf, off + 4), BigEndian.u16(buf, off + 6), BigEndian.i32(buf, off + 8),
                        BigEndian.i32(buf, off + 12), BigEndian.i32(buf, off + 16));
            }
            case Icmpv4Message.ADDRESS_MASK_REQUEST, Icmpv4Message.ADDRESS_MASK_REPLY -> {
                exactly(length, 12, "address mask message");
                yield new Icmpv4Message.AddressMask(type == Icmpv4Message.ADDRESS_MASK_REPLY, code, checksum,
                        BigEndian.u16(buf, off + 4), BigEndian.u16(buf, off + 6), Ipv4Address.read(buf, off + 8));
            }
            case Icmpv4Message.DESTINATION_UNREACHABLE -> {
                Fields.need(LAYER, length, 8, "destination unreachable message");
                yield new Icmpv4Message.DestinationUnreachable(code, checksum, BigEndian.i32(buf, off + 4),
                        QuotedDatagram.parse(LAYER, 4, buf, off + 8, length - 8));
            }
            case Icmpv4Message.TIME_EXCEEDED -> {
                Fields.need(LAYER, length, 8, "time exceeded message");
                yield new Icmpv4Message.TimeExceeded(code, checksum, BigEndian.i32(buf, off + 4),
                        QuotedDatagram.parse(LAYER, 4, buf, off + 8, length - 8));
            }
            default -> new Icmpv4Message.Other(type, code, checksum, Bytes.copyOf(buf, off + 4, length - 4));
        };
    }

    private static void exactly(int length, int expected, String what) {
        if (length != expected) {
            throw new MalformedPacketException(LAYER, what + " of " + length + " bytes, expected " + expected);
        }
    }
}
