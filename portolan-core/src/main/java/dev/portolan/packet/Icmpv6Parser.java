package dev.portolan.packet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Reads ICMPv6 messages and their neighbor discovery options into records. */
final class Icmpv6Parser {
    static final String LAYER = "icmpv6";

    private Icmpv6Parser() {
    }

    /** Reads the whole message {@code [off, off + length)}. */
    static Icmpv6Message parse(ByteBuffer buf, int off, int length) {
        Fields.need(LAYER, length, 4, "message");
        int type = BigEndian.u8(buf, off);
        int code = BigEndian.u8(buf, off + 1);
        int checksum = BigEndian.u16(buf, off + 2);
        return switch (type) {
            case Icmpv6Message.ECHO_REQUEST, Icmpv6Message.ECHO_REPLY -> {
                Fields.need(LAYER, length, 8, "echo message");
                yield new Icmpv6Message.Echo(type == Icmpv6Message.ECHO_REPLY, code, checksum,
                        BigEndian.u16(buf, off + 4), BigEndian.u16(buf, off + 6),
                        Bytes.copyOf(buf, off + 8, length - 8));
            }
            case Icmpv6Message.DESTINATION_UNREACHABLE, Icmpv6Message.PACKET_TOO_BIG, Icmpv6Message.TIME_EXCEEDED,
                 Icmpv6Message.PARAMETER_PROBLEM -> {
                Fields.need(LAYER, length, 8, "error message");
                int word = BigEndian.i32(buf, off + 4);
                QuotedDatagram quote = QuotedDatagram.parse(LAYER, 6, buf, off + 8, length - 8);
                yield switch (type) {
                    case Icmpv6Message.DESTINATION_UNREACHABLE ->
                            new Icmpv6Message.DestinationUnreachable(code, checksum, word, quote);
                    case Icmpv6Message.PACKET_TOO_BIG -> new Icmpv6Message.PacketTooBig(code, checksum, word, quote);
                    case Icmpv6Message.TIME_EXCEEDED -> new Icmpv6Message.TimeExceeded(code, checksum, word, quote);
                    default -> new Icmpv6Message.ParameterProblem(code, checksum, word, quote);
                };
            }
            case Icmpv6Message.ROUTER_ADVERTISEMENT -> {
                Fields.need(LAYER, length, 16, "router advertisement");
                yield new Icmpv6Message.RouterAdvertisement(code, checksum, BigEndian.u8(buf, off + 4),
                        BigEndian.u8(buf, off + 5), BigEndian.u16(buf, off + 6), BigEndian.i32(buf, off + 8),
                        BigEndian.i32(buf, off + 12), options(buf, off, 16, length));
            }
            case Icmpv6Message.NEIGHBOR_SOLICITATION -> {
                Fields.need(LAYER, length, 24, "neighbor solicitation");
                yield new Icmpv6Message.NeighborSolicitation(code, checksum, BigEndian.i32(buf, off + 4),
                        Ipv6Address.read(buf, off + 8), options(buf, off, 24, length));
            }
            case Icmpv6Message.NEIGHBOR_ADVERTISEMENT -> {
                Fields.need(LAYER, length, 24, "neighbor advertisement");
                yield new Icmpv6Message.NeighborAdvertisement(code, checksum, BigEndian.i32(buf, off + 4),
                        Ipv6Address.read(buf, off + 8), options(buf, off, 24, length));
            }
            default -> new Icmpv6Message.Other(type, code, checksum, Bytes.copyOf(buf, off + 4, length - 4));
        };
    }

    /** The options from byte {@code start} of the message to its end; a zero length is refused (RFC 4861 §4.6). */
    private static List<NdpOption> options(ByteBuffer buf, int off, int start, int length) {
        if (start == length) {
            return List.of();
        }
        List<NdpOption> options = new ArrayList<>(4);
        int pos = start;
        while (pos < length) {
            Fields.need(LAYER, length - pos, 2, "option at byte " + pos);
            int o = off + pos;
            int type = BigEndian.u8(buf, o);
            int units = BigEndian.u8(buf, o + 1);
            if (units == 0) {
                throw new MalformedPacketException(LAYER, "option " + type + " at byte " + pos + " has length 0");
            }
            int olen = units * 8;
            if (olen > length - pos) {
                throw new MalformedPacketException(LAYER, "option " + type + " at byte " + pos + " has length "
                        + olen + ", past the end of the message");
            }
            options.add(switch (type) {
                case NdpOption.SOURCE_LINK_LAYER_ADDRESS, NdpOption.TARGET_LINK_LAYER_ADDRESS -> {
                    if (units != 1) {
                        // not an Ethernet address: keep it raw
                        yield new NdpOption.Unknown(type, Bytes.copyOf(buf, o + 2, olen - 2));
                    }
                    MacAddress mac = MacAddress.read(buf, o + 2);
                    yield type == NdpOption.SOURCE_LINK_LAYER_ADDRESS
                            ? new NdpOption.SourceLinkLayerAddress(mac) : new NdpOption.TargetLinkLayerAddress(mac);
                }
                case NdpOption.PREFIX_INFORMATION -> {
                    exactly(type, pos, units, 4);
                    yield new NdpOption.PrefixInformation(BigEndian.u8(buf, o + 2), BigEndian.u8(buf, o + 3),
                            BigEndian.i32(buf, o + 4), BigEndian.i32(buf, o + 8), BigEndian.i32(buf, o + 12),
                            Ipv6Address.read(buf, o + 16));
                }
                case NdpOption.MTU -> {
                    exactly(type, pos, units, 1);
                    yield new NdpOption.Mtu(BigEndian.u16(buf, o + 2), BigEndian.i32(buf, o + 4));
                }
                default -> new NdpOption.Unknown(type, Bytes.copyOf(buf, o + 2, olen - 2));
            });
            pos += olen;
        }
        return options;
    }

    private static void exactly(int type, int pos, int units, int expected) {
        if (units != expected) {
            throw new MalformedPacketException(LAYER, "option " + type + " at byte " + pos + " has length "
                    + units * 8 + ", expected " + expected * 8);
        }
    }
}
