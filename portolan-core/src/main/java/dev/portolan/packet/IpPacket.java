package dev.portolan.packet;

import java.nio.ByteBuffer;

/**
 * A whole IP datagram: the IP header, the upper-layer header or ICMP message, and the payload after it. Parsing
 * stops at the IP total length (IPv4) or payload length (IPv6); bytes past it, such as link padding, are ignored.
 */
public record IpPacket(IpHeader ip, UpperLayer upper, Bytes payload) {
    static final String LAYER = "ip";

    public IpPacket {
        Fields.present(LAYER, "IP header", ip);
        Fields.present(LAYER, "upper layer", upper);
        Fields.present(LAYER, "payload", payload);
        if (ip.upperLayerProtocol() != upper.protocol()) {
            throw new IllegalArgumentException(LAYER + ": upper layer protocol " + upper.protocol()
                    + " differs from the IP header's " + ip.upperLayerProtocol());
        }
        if (upper instanceof Icmpv4Message && !(ip instanceof Ipv4Header)
                || upper instanceof Icmpv6Message && !(ip instanceof Ipv6Header)) {
            throw new IllegalArgumentException(LAYER + ": ICMP for IPv" + (ip.version() == 4 ? 6 : 4)
                    + " inside an IPv" + ip.version() + " header");
        }
    }

    /**
     * Reads a datagram from {@code buf}'s position, IPv4 or IPv6 by its version nibble. TCP, UDP, ICMP and ICMPv6
     * are parsed (ICMP only under its own IP version); other protocols and fragments come back as
     * {@link UpperLayer.Unparsed} with all their bytes as payload.
     */
    public static IpPacket parse(ByteBuffer buf) {
        int off = buf.position();
        int avail = buf.remaining();
        if (avail == 0) {
            throw new MalformedPacketException(LAYER, "empty packet");
        }
        int version = BigEndian.u8(buf, off) >>> 4;
        IpHeader ip;
        int end;
        if (version == 4) {
            Ipv4Header h = Ipv4Header.parse(buf, off, avail, false);
            ip = h;
            end = off + h.totalLength();
        } else if (version == 6) {
            Ipv6Header h = Ipv6Header.parse(buf, off, avail, false);
            ip = h;
            end = off + Ipv6Header.FIXED_LENGTH + h.payloadLength();
        } else {
            throw new MalformedPacketException(LAYER, "version " + version + " is neither 4 nor 6");
        }
        int start = off + ip.headerLength();
        int length = end - start;
        int protocol = ip.upperLayerProtocol();
        if (ip.isFragment()) {
            return new IpPacket(ip, new UpperLayer.Unparsed(protocol), Bytes.copyOf(buf, start, length));
        }
        return switch (protocol) {
            case IpProtocol.TCP -> {
                TcpHeader tcp = TcpHeader.parse(buf, start, length);
                int h = tcp.headerLength();
                yield new IpPacket(ip, tcp, Bytes.copyOf(buf, start + h, length - h));
            }
            case IpProtocol.UDP -> new IpPacket(ip, UdpHeader.parse(buf, start, length),
                    Bytes.copyOf(buf, start + UdpHeader.HEADER_LENGTH, length - UdpHeader.HEADER_LENGTH));
            case IpProtocol.ICMP -> version == 4
                    ? new IpPacket(ip, Icmpv4Parser.parse(buf, start, length), Bytes.EMPTY)
                    : unparsed(ip, buf, start, length);
            case IpProtocol.ICMPV6 -> version == 6
                    ? new IpPacket(ip, Icmpv6Parser.parse(buf, start, length), Bytes.EMPTY)
                    : unparsed(ip, buf, start, length);
            default -> unparsed(ip, buf, start, length);
        };
    }

    private static IpPacket unparsed(IpHeader ip, ByteBuffer buf, int start, int length) {
        return new IpPacket(ip, new UpperLayer.Unparsed(ip.upperLayerProtocol()), Bytes.copyOf(buf, start, length));
    }

    /**
     * The packet these parts make with every length field and checksum filled in: IPv4 total length and header
     * checksum, IPv6 payload length, UDP length, and the TCP, UDP, ICMP or ICMPv6 checksum.
     */
    public static IpPacket assemble(IpHeader ip, UpperLayer upper, Bytes payload) {
        int upperLength = upper.encodedLength() + payload.length();
        UpperLayer u = upper instanceof UdpHeader udp ? udp.withLength(upperLength) : upper;
        // instanceof, not a pattern switch: the class a type switch links through is made at every start (the AOT
        // cache keeps none), and a raw scan builds its packets here
        IpHeader h;
        if (ip instanceof Ipv4Header v4) {
            h = v4.withTotalLength(v4.headerLength() + upperLength).withComputedChecksum();
        } else if (ip instanceof Ipv6Header v6) {
            h = v6.withPayloadLength(v6.headerLength() - Ipv6Header.FIXED_LENGTH + upperLength);
        } else {
            throw new IllegalArgumentException("unknown IP header: " + ip);
        }
        IpPacket unsummed = new IpPacket(h, u.withChecksum(0), payload);
        if (u instanceof UpperLayer.Unparsed) {
            return unsummed;
        }
        int sum = InternetChecksum.finish(unsummed.upperLayerSum());
        if (u instanceof UdpHeader && sum == 0) {
            sum = 0xffff; // UDP sends a computed zero as all ones; zero means "no checksum"
        }
        return new IpPacket(h, u.withChecksum(sum), payload);
    }

    /** Bytes on the wire. */
    public int length() {
        return ip.headerLength() + upper.encodedLength() + payload.length();
    }

    /**
     * True when every checksum matches: the IPv4 header's, and the upper layer's (a UDP checksum of 0 over IPv4
     * means none was computed and counts as valid). An unparsed upper layer has nothing to check.
     */
    public boolean checksumValid() {
        if (ip instanceof Ipv4Header v4 && !v4.checksumValid()) {
            return false;
        }
        if (upper instanceof UpperLayer.Unparsed) {
            return true;
        }
        if (upper instanceof UdpHeader udp && udp.checksum() == 0) {
            return ip instanceof Ipv4Header;
        }
        return InternetChecksum.verifies(upperLayerSum());
    }

    /** The sum over the upper layer (checksum field as it is) and, except for ICMPv4, the pseudo-header. */
    private long upperLayerSum() {
        byte[] b = new byte[upper.encodedLength() + payload.length()];
        ByteBuffer out = ByteBuffer.wrap(b);
        upper.writeTo(out);
        payload.writeTo(out);
        // UDP covers what its length field says, which may be less than the IP payload
        int covered = upper instanceof UdpHeader udp ? Math.min(udp.length(), b.length) : b.length;
        long sum = InternetChecksum.add(0, b, 0, covered);
        if (upper instanceof Icmpv4Message) {
            return sum;
        }
        int pseudoLength = upper instanceof UdpHeader udp ? udp.length() : b.length;
        return sum + ip.pseudoHeaderSum(upper.protocol(), pseudoLength);
    }

    public void writeTo(ByteBuffer out) {
        Fields.room(out, length());
        ip.writeTo(out);
        upper.writeTo(out);
        payload.writeTo(out);
    }

    public byte[] toBytes() {
        byte[] b = new byte[length()];
        writeTo(ByteBuffer.wrap(b));
        return b;
    }
}
