package dev.portolan.packet;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * An ICMPv6 message (RFC 4443, 4861): echo, the four errors with their quoted datagram, router advertisement and
 * neighbor solicitation/advertisement as records; any other type kept raw as {@link Other}. The record holds the
 * whole message; its checksum covers the IPv6 pseudo-header too.
 */
public sealed interface Icmpv6Message extends UpperLayer {
    int DESTINATION_UNREACHABLE = 1;
    int PACKET_TOO_BIG = 2;
    int TIME_EXCEEDED = 3;
    int PARAMETER_PROBLEM = 4;
    int ECHO_REQUEST = 128;
    int ECHO_REPLY = 129;
    int ROUTER_ADVERTISEMENT = 134;
    int NEIGHBOR_SOLICITATION = 135;
    int NEIGHBOR_ADVERTISEMENT = 136;

    int type();

    int code();

    @Override
    default int protocol() {
        return IpProtocol.ICMPV6;
    }

    @Override
    Icmpv6Message withChecksum(int checksum);

    /** The checksum this message should carry between these addresses (no routing header resolved). */
    default int computeChecksum(Ipv6Address source, Ipv6Address destination) {
        byte[] b = withChecksum(0).toBytes();
        long sum = InternetChecksum.ipv6PseudoHeader(source, destination, IpProtocol.ICMPV6, b.length);
        return InternetChecksum.finish(InternetChecksum.add(sum, b, 0, b.length));
    }

    default boolean checksumValid(Ipv6Address source, Ipv6Address destination) {
        return computeChecksum(source, destination) == checksum();
    }

    default byte[] toBytes() {
        byte[] b = new byte[encodedLength()];
        writeTo(ByteBuffer.wrap(b));
        return b;
    }

    /** Reads the message from {@code buf}'s position to its limit (the whole ICMPv6 message). */
    static Icmpv6Message parse(ByteBuffer buf) {
        return Icmpv6Parser.parse(buf, buf.position(), buf.remaining());
    }

    /** Echo request (128) or reply (129). */
    record Echo(boolean reply, int code, int checksum, int identifier, int sequence, Bytes data)
            implements Icmpv6Message {
        public Echo {
            checkCommon(code, checksum);
            Fields.range(Icmpv6Parser.LAYER, "identifier", identifier, 0xffff);
            Fields.range(Icmpv6Parser.LAYER, "sequence", sequence, 0xffff);
            Fields.present(Icmpv6Parser.LAYER, "data", data);
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

    /** Destination unreachable (type 1): code 1 administratively prohibited, 3 address, 4 port unreachable, ... */
    record DestinationUnreachable(int code, int checksum, int unused, QuotedDatagram quote)
            implements Icmpv6Message, IcmpError {
        public static final int NO_ROUTE = 0;
        public static final int ADMINISTRATIVELY_PROHIBITED = 1;
        public static final int BEYOND_SCOPE = 2;
        public static final int ADDRESS_UNREACHABLE = 3;
        public static final int PORT_UNREACHABLE = 4;
        public static final int SOURCE_POLICY_FAILED = 5;
        public static final int REJECT_ROUTE = 6;

        public DestinationUnreachable {
            checkCommon(code, checksum);
            checkQuote(quote);
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

    /** Packet too big (type 2), with the MTU of the next hop. */
    record PacketTooBig(int code, int checksum, int mtu, QuotedDatagram quote) implements Icmpv6Message, IcmpError {
        public PacketTooBig {
            checkCommon(code, checksum);
            checkQuote(quote);
        }

        @Override
        public int type() {
            return PACKET_TOO_BIG;
        }

        @Override
        public int encodedLength() {
            return 8 + quote.encodedLength();
        }

        @Override
        public PacketTooBig withChecksum(int newChecksum) {
            return new PacketTooBig(code, newChecksum, mtu, quote);
        }

        @Override
        public void writeTo(ByteBuffer out) {
            writeError(out, this, mtu);
        }
    }

    /** Time exceeded (type 3): code 0 hop limit exceeded, 1 fragment reassembly time exceeded. */
    record TimeExceeded(int code, int checksum, int unused, QuotedDatagram quote) implements Icmpv6Message, IcmpError {
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

    /** Parameter problem (type 4), with the offset into the quoted datagram where the problem lies. */
    record ParameterProblem(int code, int checksum, int pointer, QuotedDatagram quote)
            implements Icmpv6Message, IcmpError {
        public ParameterProblem {
            checkCommon(code, checksum);
            checkQuote(quote);
        }

        @Override
        public int type() {
            return PARAMETER_PROBLEM;
        }

        @Override
        public int encodedLength() {
            return 8 + quote.encodedLength();
        }

        @Override
        public ParameterProblem withChecksum(int newChecksum) {
            return new ParameterProblem(code, newChecksum, pointer, quote);
        }

        @Override
        public void writeTo(ByteBuffer out) {
            writeError(out, this, pointer);
        }
    }

    /**
     * Router advertisement (type 134): {@code flags} holds M (0x80, managed), O (0x40, other configuration) and the
     * rest of that byte; router lifetime in seconds, reachable time and retransmit timer in milliseconds.
     */
    record RouterAdvertisement(int code, int checksum, int curHopLimit, int flags, int routerLifetime,
                               int reachableTime, int retransTimer, List<NdpOption> options) implements Icmpv6Message {
        public RouterAdvertisement {
            checkCommon(code, checksum);
            Fields.range(Icmpv6Parser.LAYER, "current hop limit", curHopLimit, 0xff);
            Fields.range(Icmpv6Parser.LAYER, "flags", flags, 0xff);
            Fields.range(Icmpv6Parser.LAYER, "router lifetime", routerLifetime, 0xffff);
            options = List.copyOf(Fields.present(Icmpv6Parser.LAYER, "options", options));
        }

        public boolean managed() {
            return (flags & 0x80) != 0;
        }

        public boolean otherConfiguration() {
            return (flags & 0x40) != 0;
        }

        @Override
        public int type() {
            return ROUTER_ADVERTISEMENT;
        }

        @Override
        public int encodedLength() {
            return 16 + optionsLength(options);
        }

        @Override
        public RouterAdvertisement withChecksum(int newChecksum) {
            return new RouterAdvertisement(code, newChecksum, curHopLimit, flags, routerLifetime, reachableTime,
                    retransTimer, options);
        }

        @Override
        public void writeTo(ByteBuffer out) {
            Fields.room(out, encodedLength());
            writeStart(out, type(), code, checksum);
            BigEndian.put8(out, curHopLimit);
            BigEndian.put8(out, flags);
            BigEndian.put16(out, routerLifetime);
            BigEndian.put32(out, reachableTime);
            BigEndian.put32(out, retransTimer);
            writeOptions(out, options);
        }
    }

    /** Neighbor solicitation (type 135): who has {@code target}? Usually with the source link-layer address. */
    record NeighborSolicitation(int code, int checksum, int reserved, Ipv6Address target, List<NdpOption> options)
            implements Icmpv6Message {
        public NeighborSolicitation {
            checkCommon(code, checksum);
            Fields.present(Icmpv6Parser.LAYER, "target", target);
            options = List.copyOf(Fields.present(Icmpv6Parser.LAYER, "options", options));
        }

        @Override
        public int type() {
            return NEIGHBOR_SOLICITATION;
        }

        @Override
        public int encodedLength() {
            return 24 + optionsLength(options);
        }

        @Override
        public NeighborSolicitation withChecksum(int newChecksum) {
            return new NeighborSolicitation(code, newChecksum, reserved, target, options);
        }

        @Override
        public void writeTo(ByteBuffer out) {
            Fields.room(out, encodedLength());
            writeStart(out, type(), code, checksum);
            BigEndian.put32(out, reserved);
            target.write(out);
            writeOptions(out, options);
        }
    }

    /**
     * Neighbor advertisement (type 136): {@code flags} is the 32-bit word with R (router), S (solicited) and
     * O (override) in its top three bits.
     */
    record NeighborAdvertisement(int code, int checksum, int flags, Ipv6Address target, List<NdpOption> options)
            implements Icmpv6Message {
        public static final int ROUTER = 0x8000_0000;
        public static final int SOLICITED = 0x4000_0000;
        public static final int OVERRIDE = 0x2000_0000;

        public NeighborAdvertisement {
            checkCommon(code, checksum);
            Fields.present(Icmpv6Parser.LAYER, "target", target);
            options = List.copyOf(Fields.present(Icmpv6Parser.LAYER, "options", options));
        }

        public boolean router() {
            return (flags & ROUTER) != 0;
        }

        public boolean solicited() {
            return (flags & SOLICITED) != 0;
        }

        public boolean override() {
            return (flags & OVERRIDE) != 0;
        }

        @Override
        public int type() {
            return NEIGHBOR_ADVERTISEMENT;
        }

        @Override
        public int encodedLength() {
            return 24 + optionsLength(options);
        }

        @Override
        public NeighborAdvertisement withChecksum(int newChecksum) {
            return new NeighborAdvertisement(code, newChecksum, flags, target, options);
        }

        @Override
        public void writeTo(ByteBuffer out) {
            Fields.room(out, encodedLength());
            writeStart(out, type(), code, checksum);
            BigEndian.put32(out, flags);
            target.write(out);
            writeOptions(out, options);
        }
    }

    /** Any other type: everything after the type, code and checksum kept raw. */
    record Other(int type, int code, int checksum, Bytes body) implements Icmpv6Message {
        public Other {
            Fields.range(Icmpv6Parser.LAYER, "type", type, 0xff);
            checkCommon(code, checksum);
            Fields.present(Icmpv6Parser.LAYER, "body", body);
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
        Fields.range(Icmpv6Parser.LAYER, "code", code, 0xff);
        Fields.range(Icmpv6Parser.LAYER, "checksum", checksum, 0xffff);
    }

    private static void checkQuote(QuotedDatagram quote) {
        Fields.present(Icmpv6Parser.LAYER, "quote", quote);
        if (!(quote.header() instanceof Ipv6Header)) {
            throw new IllegalArgumentException(Icmpv6Parser.LAYER + ": an ICMPv6 error must quote an IPv6 datagram");
        }
    }

    private static int optionsLength(List<NdpOption> options) {
        int length = 0;
        for (int i = 0; i < options.size(); i++) {
            length += options.get(i).length();
        }
        return length;
    }

    private static void writeStart(ByteBuffer out, int type, int code, int checksum) {
        BigEndian.put8(out, type);
        BigEndian.put8(out, code);
        BigEndian.put16(out, checksum);
    }

    private static void writeOptions(ByteBuffer out, List<NdpOption> options) {
        for (int i = 0; i < options.size(); i++) {
            options.get(i).writeTo(out);
        }
    }

    private static void writeError(ByteBuffer out, Icmpv6Message m, int word) {
        Fields.room(out, m.encodedLength());
        writeStart(out, m.type(), m.code(), m.checksum());
        BigEndian.put32(out, word);
        ((IcmpError) m).quote().writeTo(out);
    }
}
