package dev.portolan.technique.tcp;

import dev.portolan.engine.cookie.SynCookie;
import dev.portolan.packet.Icmpv4Message;
import dev.portolan.packet.IpPacket;
import dev.portolan.packet.IpProtocol;
import dev.portolan.packet.Ipv4Header;
import dev.portolan.packet.QuotedDatagram;
import dev.portolan.packet.TcpFlags;
import dev.portolan.packet.TcpHeader;

/**
 * Tells which received IPv4 packets answer this scan's SYN probes and what they mean: a SYN-ACK or RST counts only
 * when its acknowledgment is the cookie plus one (plus the probe's payload, which a RST acknowledges too), an ICMP
 * unreachable only when the SYN it quotes carries the cookie. Pure; thread-safe.
 */
final class SynReplies {
    private static final int DESTINATION_UNREACHABLE = 3;
    private final SynCookie cookie;
    private final int sourcePort;
    /** --data-length: bytes after the SYN's header, acknowledged by a RST (RFC 9293: SYN and data both count). */
    private final int payload;

    SynReplies(SynCookie cookie, int sourcePort) {
        this(cookie, sourcePort, 0);
    }

    SynReplies(SynCookie cookie, int sourcePort, int payload) {
        this.cookie = cookie;
        this.sourcePort = sourcePort & 0xffff;
        this.payload = payload;
    }

    /** An acknowledgment of the probe whose sequence number was {@code sequence}: of the SYN alone or of its data. */
    private boolean acknowledges(int acknowledgment, int sequence) {
        return acknowledgment == sequence + 1 || (payload > 0 && acknowledgment == sequence + 1 + payload);
    }

    /** The probe's sequence number: the cookie of (source, target, source port, target port). */
    int sequence(int source, int target, int targetPort) {
        return cookie.ipv4(source, target, sourcePort, targetPort);
    }

    /** What {@code packet} says about one of our probes, or null when it is not a valid answer to one. */
    SynReply classify(IpPacket packet) {
        if (!(packet.ip() instanceof Ipv4Header ip) || ip.isFragment()) {
            return null;
        }
        return switch (packet.upper()) {
            case TcpHeader tcp -> tcp(ip, tcp);
            case Icmpv4Message.DestinationUnreachable du -> unreachable(ip, du);
            default -> null;
        };
    }

    private SynReply tcp(Ipv4Header ip, TcpHeader tcp) {
        if (tcp.destinationPort() != sourcePort || !tcp.ack()) {
            return null;
        }
        // the reply goes the other way: its destination was our source
        int sent = sequence(ip.destination().bits(), ip.source().bits(), tcp.sourcePort());
        if (!acknowledges(tcp.acknowledgmentNumber(), sent)) {
            return null;
        }
        Outcome outcome;
        if (tcp.rst()) {
            outcome = Outcome.RESET;
        } else if (tcp.syn()) {
            outcome = Outcome.OPEN;
        } else {
            return null;
        }
        return new SynReply(ip.source().bits(), tcp.sourcePort(), outcome, ip.ttl());
    }

    private SynReply unreachable(Ipv4Header ip, Icmpv4Message.DestinationUnreachable du) {
        Outcome outcome = outcomeOf(du.code());
        QuotedDatagram quote = du.quote();
        if (outcome == null || !(quote.header() instanceof Ipv4Header sent) || sent.upperLayerProtocol() != IpProtocol.TCP
                || quote.sourcePort() != sourcePort) {
            return null;
        }
        int target = sent.destination().bits();
        int port = quote.destinationPort();
        if (quote.tcpSequenceNumber() != sequence(sent.source().bits(), target, port)) {
            return null;
        }
        return new SynReply(target, port, outcome, ip.ttl());
    }

    /**
     * {@link #classify} read straight from the wire bytes {@code packet[0, length)}, allocating nothing: the reply
     * packed by {@link #packed} (outcome code in bits 8..15, never 0), or 0 when it is not a valid answer.
     */
    long classify(byte[] packet, int length) {
        int hl = ipv4HeaderLength(packet, 0, length);
        if (hl < 0) {
            return 0;
        }
        int total = u16(packet, 2);
        if (total < hl || total > length || (u16(packet, 6) & 0x3fff) != 0) {
            // a cut or fragmented datagram
            return 0;
        }
        int ttl = packet[8] & 0xff;
        int end = total;
        return switch (packet[9] & 0xff) {
            case IpProtocol.TCP -> tcp(packet, hl, end, ttl);
            case IpProtocol.ICMP -> unreachable(packet, hl, end, ttl);
            default -> 0;
        };
    }

    private long tcp(byte[] b, int at, int end, int ttl) {
        if (end - at < 20 || (b[at + 12] & 0xff) >>> 4 < 5 || ((b[at + 12] & 0xff) >>> 4) * 4 > end - at) {
            return 0;
        }
        int flags = b[at + 13] & 0xff;
        if (u16(b, at + 2) != sourcePort || (flags & TcpFlags.ACK) == 0) {
            return 0;
        }
        int port = u16(b, at);
        int target = s32(b, 12);
        if (!acknowledges(s32(b, at + 8), sequence(s32(b, 16), target, port))) {
            return 0;
        }
        Outcome outcome;
        if ((flags & TcpFlags.RST) != 0) {
            outcome = Outcome.RESET;
        } else if ((flags & TcpFlags.SYN) != 0) {
            outcome = Outcome.OPEN;
        } else {
            return 0;
        }
        return packed(target, port, outcome, ttl);
    }

    private long unreachable(byte[] b, int at, int end, int ttl) {
        if (end - at < 8 || (b[at] & 0xff) != DESTINATION_UNREACHABLE) {
            return 0;
        }
        Outcome outcome = outcomeOf(b[at + 1] & 0xff);
        int q = at + 8;
        int qhl = ipv4HeaderLength(b, q, end - q);
        // the quote must hold the IPv4 header and 8 bytes of what followed it
        if (outcome == null || qhl < 0 || end - q - qhl < 8 || (b[q + 9] & 0xff) != IpProtocol.TCP
                || u16(b, q + qhl) != sourcePort) {
            return 0;
        }
        int target = s32(b, q + 16);
        int port = u16(b, q + qhl + 2);
        if (s32(b, q + qhl + 4) != sequence(s32(b, q + 12), target, port)) {
            return 0;
        }
        return packed(target, port, outcome, ttl);
    }

    /** The header length of the IPv4 header at {@code at}, or -1 when {@code avail} bytes cannot hold it. */
    private static int ipv4HeaderLength(byte[] b, int at, int avail) {
        if (avail < 20 || (b[at] & 0xff) >>> 4 != 4 || (b[at] & 0xf) < 5 || (b[at] & 0xf) * 4 > avail) {
            return -1;
        }
        return (b[at] & 0xf) * 4;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static int s32(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    /** A reply in one long: target in the high 32 bits, then port, outcome code and TTL. */
    static long packed(int target, int port, Outcome outcome, int ttl) {
        return (long) target << 32 | (long) (port & 0xffff) << 16 | (outcome.code() & 0xffL) << 8 | (ttl & 0xff);
    }

    static int packedTarget(long reply) {
        return (int) (reply >>> 32);
    }

    static int packedPort(long reply) {
        return (int) (reply >>> 16) & 0xffff;
    }

    static Outcome packedOutcome(long reply) {
        return Outcome.ofCode((byte) (reply >>> 8));
    }

    static int packedTtl(long reply) {
        return (int) reply & 0xff;
    }

    /** nmap's reading of an unreachable code for a SYN: filtered with the code's reason; null for other codes. */
    static Outcome outcomeOf(int code) {
        return switch (code) {
            case Icmpv4Message.DestinationUnreachable.NET_UNREACHABLE -> Outcome.NET_UNREACH;
            case Icmpv4Message.DestinationUnreachable.HOST_UNREACHABLE -> Outcome.HOST_UNREACH;
            case Icmpv4Message.DestinationUnreachable.PROTOCOL_UNREACHABLE -> Outcome.PROTO_UNREACH;
            case Icmpv4Message.DestinationUnreachable.PORT_UNREACHABLE -> Outcome.PORT_UNREACH;
            case Icmpv4Message.DestinationUnreachable.NET_PROHIBITED -> Outcome.NET_PROHIBITED;
            case Icmpv4Message.DestinationUnreachable.HOST_PROHIBITED -> Outcome.HOST_PROHIBITED;
            case Icmpv4Message.DestinationUnreachable.COMMUNICATION_PROHIBITED -> Outcome.PROHIBITED;
            default -> null;
        };
    }
}
