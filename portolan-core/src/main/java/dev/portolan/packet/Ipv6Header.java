package dev.portolan.packet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An IPv6 header (RFC 8200) with its hop-by-hop, routing, fragment and destination options headers, walked to the
 * upper-layer protocol; any other next header (AH, ESP, ...) counts as the upper layer. No jumbograms.
 */
public record Ipv6Header(int trafficClass, int flowLabel, int payloadLength, int nextHeader, int hopLimit,
                         Ipv6Address source, Ipv6Address destination, List<Ipv6Extension> extensions)
        implements IpHeader {
    static final String LAYER = "ipv6";
    public static final int FIXED_LENGTH = 40;

    public Ipv6Header {
        Fields.range(LAYER, "traffic class", trafficClass, 0xff);
        Fields.range(LAYER, "flow label", flowLabel, 0xfffff);
        Fields.range(LAYER, "payload length", payloadLength, 0xffff);
        Fields.range(LAYER, "next header", nextHeader, 0xff);
        Fields.range(LAYER, "hop limit", hopLimit, 0xff);
        Fields.present(LAYER, "source", source);
        Fields.present(LAYER, "destination", destination);
        extensions = List.copyOf(Fields.present(LAYER, "extensions", extensions));
        int named = nextHeader;
        for (int i = 0; i < extensions.size(); i++) {
            Ipv6Extension e = extensions.get(i);
            if (e.protocol() != named) {
                throw new IllegalArgumentException(LAYER + ": next header " + named + " does not name the "
                        + e.getClass().getSimpleName() + " header (" + e.protocol() + ") that follows");
            }
            if (i > 0 && e instanceof Ipv6Extension.HopByHopOptions) {
                throw new IllegalArgumentException(LAYER + ": hop-by-hop options header is not first");
            }
            if (i > 0 && extensions.get(i - 1) instanceof Ipv6Extension.Fragment f && f.fragmentOffset() != 0) {
                throw new IllegalArgumentException(LAYER + ": a header follows a fragment with offset "
                        + f.fragmentOffset());
            }
            named = e.nextHeader();
        }
    }

    /** A header without extensions: payload length 0 until {@link IpPacket#assemble} sets it. */
    public static Ipv6Header of(Ipv6Address source, Ipv6Address destination, int nextHeader, int hopLimit) {
        return new Ipv6Header(0, 0, 0, nextHeader, hopLimit, source, destination, List.of());
    }

    /**
     * Reads the header and its extension headers at {@code buf}'s position. The payload length must fit in the
     * bytes available after the 40-byte header, and the extension headers inside the payload.
     */
    public static Ipv6Header parse(ByteBuffer buf) {
        return parse(buf, buf.position(), buf.remaining(), false);
    }

    /** {@code quoted}: a header inside an ICMPv6 error, whose datagram was cut short; payload length is not checked. */
    static Ipv6Header parse(ByteBuffer buf, int off, int avail, boolean quoted) {
        Fields.need(LAYER, avail, FIXED_LENGTH, "header");
        int w0 = BigEndian.i32(buf, off);
        if (w0 >>> 28 != 6) {
            throw new MalformedPacketException(LAYER, "version " + (w0 >>> 28) + ", expected 6");
        }
        int payloadLength = BigEndian.u16(buf, off + 4);
        if (!quoted && payloadLength > avail - FIXED_LENGTH) {
            throw new MalformedPacketException(LAYER, "payload length " + payloadLength + " exceeds the "
                    + (avail - FIXED_LENGTH) + " bytes after the header");
        }
        int next = BigEndian.u8(buf, off + 6);
        int end = quoted ? avail : FIXED_LENGTH + payloadLength;
        List<Ipv6Extension> extensions = List.of();
        int pos = FIXED_LENGTH;
        int protocol = next;
        while (isWalked(protocol)) {
            String name = name(protocol);
            if (protocol == IpProtocol.HOP_BY_HOP && pos != FIXED_LENGTH) {
                throw new MalformedPacketException(LAYER, "hop-by-hop options header at byte " + pos
                        + " is not first");
            }
            Fields.need(LAYER, end - pos, 8, name + " header at byte " + pos);
            int o = off + pos;
            int nh = BigEndian.u8(buf, o);
            int length = protocol == IpProtocol.IPV6_FRAGMENT ? 8 : 8 * (BigEndian.u8(buf, o + 1) + 1);
            Fields.need(LAYER, end - pos, length, name + " header at byte " + pos);
            Ipv6Extension e = switch (protocol) {
                case IpProtocol.HOP_BY_HOP ->
                        new Ipv6Extension.HopByHopOptions(nh, Bytes.copyOf(buf, o + 2, length - 2));
                case IpProtocol.IPV6_DESTINATION_OPTIONS ->
                        new Ipv6Extension.DestinationOptions(nh, Bytes.copyOf(buf, o + 2, length - 2));
                case IpProtocol.IPV6_ROUTING -> new Ipv6Extension.Routing(nh, BigEndian.u8(buf, o + 2),
                        BigEndian.u8(buf, o + 3), Bytes.copyOf(buf, o + 4, length - 4));
                default -> {
                    int w = BigEndian.u16(buf, o + 2);
                    yield new Ipv6Extension.Fragment(nh, BigEndian.u8(buf, o + 1), w >>> 3, w >>> 1 & 3,
                            (w & 1) != 0, BigEndian.i32(buf, o + 4));
                }
            };
            if (extensions.isEmpty()) {
                extensions = new ArrayList<>(4);
            }
            extensions.add(e);
            pos += length;
            protocol = nh;
            if (e instanceof Ipv6Extension.Fragment f && f.fragmentOffset() != 0) {
                break; // what follows a non-first fragment's header is data; the next headers are in the first
            }
        }
        return new Ipv6Header(w0 >>> 20 & 0xff, w0 & 0xfffff, payloadLength, next, BigEndian.u8(buf, off + 7),
                Ipv6Address.read(buf, off + 8), Ipv6Address.read(buf, off + 24), extensions);
    }

    /** True for the protocol numbers of the headers walked here: 0, 43, 44, 60. */
    private static boolean isWalked(int protocol) {
        return protocol == IpProtocol.HOP_BY_HOP || protocol == IpProtocol.IPV6_ROUTING
                || protocol == IpProtocol.IPV6_FRAGMENT || protocol == IpProtocol.IPV6_DESTINATION_OPTIONS;
    }

    private static String name(int protocol) {
        return switch (protocol) {
            case IpProtocol.HOP_BY_HOP -> "hop-by-hop options";
            case IpProtocol.IPV6_ROUTING -> "routing";
            case IpProtocol.IPV6_FRAGMENT -> "fragment";
            default -> "destination options";
        };
    }

    @Override
    public int version() {
        return 6;
    }

    @Override
    public int headerLength() {
        int length = FIXED_LENGTH;
        for (int i = 0; i < extensions.size(); i++) {
            length += extensions.get(i).length();
        }
        return length;
    }

    @Override
    public int upperLayerProtocol() {
        return extensions.isEmpty() ? nextHeader : extensions.getLast().nextHeader();
    }

    /** The fragment header, when there is one. */
    public Optional<Ipv6Extension.Fragment> fragment() {
        for (int i = 0; i < extensions.size(); i++) {
            if (extensions.get(i) instanceof Ipv6Extension.Fragment f) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** A fragment header with more fragments or a non-zero offset (an atomic fragment is whole). */
    @Override
    public boolean isFragment() {
        for (int i = 0; i < extensions.size(); i++) {
            if (extensions.get(i) instanceof Ipv6Extension.Fragment f
                    && (f.moreFragments() || f.fragmentOffset() != 0)) {
                return true;
            }
        }
        return false;
    }

    /** Uses the destination field as it is: a routing header with segments left is not resolved. */
    @Override
    public long pseudoHeaderSum(int upperProtocol, int upperLayerLength) {
        return InternetChecksum.ipv6PseudoHeader(source.high(), source.low(), destination.high(), destination.low(),
                upperProtocol, upperLayerLength);
    }

    public Ipv6Header withPayloadLength(int newPayloadLength) {
        return new Ipv6Header(trafficClass, flowLabel, newPayloadLength, nextHeader, hopLimit, source, destination,
                extensions);
    }

    @Override
    public void writeTo(ByteBuffer out) {
        Fields.room(out, headerLength());
        BigEndian.put32(out, 6 << 28 | trafficClass << 20 | flowLabel);
        BigEndian.put16(out, payloadLength);
        BigEndian.put8(out, nextHeader);
        BigEndian.put8(out, hopLimit);
        source.write(out);
        destination.write(out);
        for (int i = 0; i < extensions.size(); i++) {
            extensions.get(i).writeTo(out);
        }
    }

    public byte[] toBytes() {
        byte[] b = new byte[headerLength()];
        writeTo(ByteBuffer.wrap(b));
        return b;
    }
}
