package dev.portolan.packet;

import java.nio.ByteBuffer;

/**
 * An IPv6 extension header of RFC 8200 that the parser walks: hop-by-hop options, routing, fragment, destination
 * options. Options and routing data are kept as raw bytes; every header is a multiple of 8 bytes long.
 */
public sealed interface Ipv6Extension {
    /** The protocol number that names this header in the previous one's next-header field. */
    int protocol();

    /** The next-header field: what follows this header. */
    int nextHeader();

    /** Bytes on the wire. */
    int length();

    void writeTo(ByteBuffer out);

    /** Hop-by-hop options: the option TLVs after the two fixed bytes, padding included. */
    record HopByHopOptions(int nextHeader, Bytes options) implements Ipv6Extension {
        public HopByHopOptions {
            Fields.range(Ipv6Header.LAYER, "next header", nextHeader, 0xff);
            checkOptionsLength("hop-by-hop", options);
        }

        @Override
        public int protocol() {
            return IpProtocol.HOP_BY_HOP;
        }

        @Override
        public int length() {
            return 2 + options.length();
        }

        @Override
        public void writeTo(ByteBuffer out) {
            writeOptionsHeader(out, nextHeader, options);
        }
    }

    /** Destination options: the option TLVs after the two fixed bytes, padding included. */
    record DestinationOptions(int nextHeader, Bytes options) implements Ipv6Extension {
        public DestinationOptions {
            Fields.range(Ipv6Header.LAYER, "next header", nextHeader, 0xff);
            checkOptionsLength("destination options", options);
        }

        @Override
        public int protocol() {
            return IpProtocol.IPV6_DESTINATION_OPTIONS;
        }

        @Override
        public int length() {
            return 2 + options.length();
        }

        @Override
        public void writeTo(ByteBuffer out) {
            writeOptionsHeader(out, nextHeader, options);
        }
    }

    /** A routing header: its type, segments left, and the type-specific data that follows. */
    record Routing(int nextHeader, int routingType, int segmentsLeft, Bytes data) implements Ipv6Extension {
        public Routing {
            Fields.range(Ipv6Header.LAYER, "next header", nextHeader, 0xff);
            Fields.range(Ipv6Header.LAYER, "routing type", routingType, 0xff);
            Fields.range(Ipv6Header.LAYER, "segments left", segmentsLeft, 0xff);
            Fields.present(Ipv6Header.LAYER, "routing data", data);
            int length = 4 + data.length();
            if (length % 8 != 0 || length > 2048) {
                throw new IllegalArgumentException(Ipv6Header.LAYER + ": routing header of " + length
                        + " bytes, need a multiple of 8 up to 2048");
            }
        }

        @Override
        public int protocol() {
            return IpProtocol.IPV6_ROUTING;
        }

        @Override
        public int length() {
            return 4 + data.length();
        }

        @Override
        public void writeTo(ByteBuffer out) {
            Fields.room(out, length());
            BigEndian.put8(out, nextHeader);
            BigEndian.put8(out, length() / 8 - 1);
            BigEndian.put8(out, routingType);
            BigEndian.put8(out, segmentsLeft);
            data.writeTo(out);
        }
    }

    /**
     * A fragment header: offset in 8-byte units, the M flag and the 32-bit identification; the two reserved fields
     * are kept as received.
     */
    record Fragment(int nextHeader, int reserved, int fragmentOffset, int reservedBits, boolean moreFragments,
                    int identification) implements Ipv6Extension {
        public Fragment {
            Fields.range(Ipv6Header.LAYER, "next header", nextHeader, 0xff);
            Fields.range(Ipv6Header.LAYER, "fragment reserved", reserved, 0xff);
            Fields.range(Ipv6Header.LAYER, "fragment offset", fragmentOffset, 0x1fff);
            Fields.range(Ipv6Header.LAYER, "fragment reserved bits", reservedBits, 3);
        }

        public static Fragment of(int nextHeader, int fragmentOffset, boolean moreFragments, int identification) {
            return new Fragment(nextHeader, 0, fragmentOffset, 0, moreFragments, identification);
        }

        @Override
        public int protocol() {
            return IpProtocol.IPV6_FRAGMENT;
        }

        @Override
        public int length() {
            return 8;
        }

        @Override
        public void writeTo(ByteBuffer out) {
            Fields.room(out, 8);
            BigEndian.put8(out, nextHeader);
            BigEndian.put8(out, reserved);
            BigEndian.put16(out, fragmentOffset << 3 | reservedBits << 1 | (moreFragments ? 1 : 0));
            BigEndian.put32(out, identification);
        }
    }

    private static void checkOptionsLength(String name, Bytes options) {
        Fields.present(Ipv6Header.LAYER, name + " options", options);
        int length = 2 + options.length();
        if (length % 8 != 0 || length > 2048) {
            throw new IllegalArgumentException(Ipv6Header.LAYER + ": " + name + " header of " + length
                    + " bytes, need a multiple of 8 up to 2048");
        }
    }

    private static void writeOptionsHeader(ByteBuffer out, int nextHeader, Bytes options) {
        int length = 2 + options.length();
        Fields.room(out, length);
        BigEndian.put8(out, nextHeader);
        BigEndian.put8(out, length / 8 - 1);
        options.writeTo(out);
    }
}
