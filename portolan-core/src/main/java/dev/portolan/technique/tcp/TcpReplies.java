package dev.portolan.technique.tcp;

import dev.portolan.engine.cookie.SynCookie;
import dev.portolan.packet.Icmpv4Message;
import dev.portolan.packet.Icmpv6Message;
import dev.portolan.packet.IpPacket;
import dev.portolan.packet.IpProtocol;
import dev.portolan.packet.Ipv4Header;
import dev.portolan.packet.QuotedDatagram;
import dev.portolan.packet.TcpFlags;
import dev.portolan.packet.TcpHeader;

/**
 * Tells which received IPv4 packets answer this scan's raw TCP probes and what they mean by the technique's rules:
 * a reply counts only when it echoes the cookie where RFC 793 puts it (a RST to a probe with ACK in its sequence
 * number, any other reply in its acknowledgment: cookie plus one per SYN and FIN sent, plus the probe's payload,
 * which a RST acknowledges too), an ICMP unreachable only when the probe it quotes carries the cookie. Pure;
 * thread-safe.
 */
final class TcpReplies {
    private static final int DESTINATION_UNREACHABLE = 3;
    private final SynCookie cookie;
    private final int sourcePort;
    private final TcpTechnique technique;
    /** --data-length: bytes after the probe's header, acknowledged by a RST (RFC 9293: SYN and data both count). */
    private final int payload;

    /** Replies to SYN probes (-sS). */
    TcpReplies(SynCookie cookie, int sourcePort) {
        this(cookie, sourcePort, TcpTechnique.SYN);
    }

    TcpReplies(SynCookie cookie, int sourcePort, TcpTechnique technique) {
        this(cookie, sourcePort, technique, 0);
    }

    TcpReplies(SynCookie cookie, int sourcePort, TcpTechnique technique, int payload) {
        this.cookie = cookie;
        this.sourcePort = sourcePort & 0xffff;
        this.technique = technique;
        this.payload = payload;
    }

    TcpTechnique technique() {
        return technique;
    }

    /** The same cookie, source port and payload read by {@code other}'s rules. */
    TcpReplies with(TcpTechnique other) {
        return new TcpReplies(cookie, sourcePort, other, payload);
    }

    /** An acknowledgment of the probe whose cookie was {@code sent}: of its flags alone or of its data too. */
    private boolean acknowledges(int acknowledgment, int sent) {
        int flagsOnly = technique.expectedAck(sent);
        return acknowledgment == flagsOnly || (payload > 0 && acknowledgment == flagsOnly + payload);
    }

    /** The probe's sequence number: the cookie of (source, target, source port, target port). */
    int sequence(int source, int target, int targetPort) {
        return cookie.ipv4(source, target, sourcePort, targetPort);
    }

    /** What {@code packet} says about one of our probes, or null when it is not a valid answer to one. */
    TcpReply classify(IpPacket packet) {
        if (!(packet.ip() instanceof Ipv4Header ip) || ip.isFragment()) {
            return null;
        }
        return switch (packet.upper()) {
            case TcpHeader tcp -> tcp(ip, tcp);
            case Icmpv4Message.DestinationUnreachable du -> unreachable(ip, du);
            default -> null;
        };
    }

    private TcpReply tcp(Ipv4Header ip, TcpHeader tcp) {
        if (tcp.destinationPort() != sourcePort) {
            return null;
        }
        // the reply goes the other way: its destination was our source
        int sent = sequence(ip.destination().bits(), ip.source().bits(), tcp.sourcePort());
        Outcome outcome = outcome(tcp.flags(), tcp.sequenceNumber(), tcp.acknowledgmentNumber(), tcp.window(), sent);
        return outcome == null ? null : new TcpReply(ip.source().bits(), tcp.sourcePort(), outcome, ip.ttl());
    }

    /** The outcome of a reply with these fields to a probe whose cookie was {@code sent}; null when none. */
    private Outcome outcome(int flags, int seq, int ack, int window, int sent) {
        if ((flags & TcpFlags.RST) != 0) {
            boolean echoed = technique.cookieInAck() ? seq == sent
                    : (flags & TcpFlags.ACK) != 0 && acknowledges(ack, sent);
            return echoed ? technique.reset(window) : null;
        }
        if ((flags & (TcpFlags.SYN | TcpFlags.ACK)) == (TcpFlags.SYN | TcpFlags.ACK) && !technique.cookieInAck()
                && acknowledges(ack, sent)) {
            return technique.synAck();
        }
        return null;
    }

    private TcpReply unreachable(Ipv4Header ip, Icmpv4Message.DestinationUnreachable du) {
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
        return new TcpReply(target, port, outcome, ip.ttl());
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
        if (u16(b, at + 2) != sourcePort || (flags & (TcpFlags.RST | TcpFlags.SYN)) == 0) {
            return 0;
        }
        int port = u16(b, at);
        int target = s32(b, 12);
        Outcome outcome = outcome(flags, s32(b, at + 4), s32(b, at + 8), u16(b, at + 14),
                sequence(s32(b, 16), target, port));
        return outcome == null ? 0 : packed(target, port, outcome, ttl);
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

    /** The sequence number of an IPv6 probe: the cookie of (source, target, source port, target port). */
    int sequence6(long sourceHigh, long sourceLow, long targetHigh, long targetLow, int targetPort) {
        return cookie.ipv6(sourceHigh, sourceLow, targetHigh, targetLow, sourcePort, targetPort);
    }

    /**
     * What the TCP segment {@code b[0, length)} from an AF_INET6 raw socket (no IPv6 header: the addresses come from
     * msg_name and our route) says about a probe from {@code us} to {@code target}; null when it answers none.
     */
    Outcome tcp6(byte[] b, int length, long targetHigh, long targetLow, long usHigh, long usLow) {
        if (length < 20 || (b[12] & 0xff) >>> 4 < 5 || u16(b, 2) != sourcePort) {
            return null;
        }
        int flags = b[13] & 0xff;
        if ((flags & (TcpFlags.RST | TcpFlags.SYN)) == 0) {
            return null;
        }
        int sent = sequence6(usHigh, usLow, targetHigh, targetLow, u16(b, 0));
        return outcome(flags, s32(b, 4), s32(b, 8), u16(b, 14), sent);
    }

    /**
     * What the ICMPv6 message {@code b[0, length)} from an AF_INET6 raw socket says: the outcome of the probe it
     * quotes when that probe carries our cookie and the code is one nmap reads as filtered, else null. The quoted
     * target is at {@link #QUOTED_TARGET6}, its port 2 bytes into {@link #quotedTcp6}.
     */
    Outcome icmp6(byte[] b, int length) {
        // type, code, checksum, unused, then the probe's IPv6 header and at least 8 bytes of its TCP header
        int at = quotedTcp6(b, length);
        if (at < 0 || (b[0] & 0xff) != 1 || u16(b, at) != sourcePort) {
            return null;
        }
        Outcome outcome = outcomeOfIcmpv6(b[1] & 0xff);
        if (outcome == null) {
            return null;
        }
        int port = u16(b, at + 2);
        int sent = sequence6(s64(b, 8 + 8), s64(b, 8 + 16), s64(b, QUOTED_TARGET6), s64(b, QUOTED_TARGET6 + 8), port);
        return s32(b, at + 4) == sent ? outcome : null;
    }

    /**
     * Where the quoted probe's TCP header starts in the ICMPv6 error {@code b[0, length)}: right after its IPv6
     * header, or after the Fragment header of a first fragment (an -f probe, quoted as the host received it); -1
     * when the quote does not hold 8 bytes of a TCP header.
     */
    static int quotedTcp6(byte[] b, int length) {
        if (length < QUOTED_TCP6 || (b[8] & 0xff) >>> 4 != 6) {
            return -1;
        }
        int next = b[8 + 6] & 0xff;
        int at = QUOTED_TCP6;
        if (next == IpProtocol.IPV6_FRAGMENT) {
            // only the first fragment holds the ports and the cookie
            if (length < at + 8 || (u16(b, at + 2) & 0xfff8) != 0) {
                return -1;
            }
            next = b[at] & 0xff;
            at += 8;
        }
        return next == IpProtocol.TCP && length >= at + 8 ? at : -1;
    }

    /** Where an ICMPv6 error quotes the probe's destination address (16 bytes) and its IPv6 header's end. */
    static final int QUOTED_TARGET6 = 8 + 24;
    static final int QUOTED_TCP6 = 8 + 40;

    static long s64(byte[] b, int at) {
        return (long) s32(b, at) << 32 | (s32(b, at + 4) & 0xffff_ffffL);
    }

    /** nmap's reading of an ICMPv6 unreachable code for a TCP probe: filtered with the code's reason. */
    static Outcome outcomeOfIcmpv6(int code) {
        return switch (code) {
            case Icmpv6Message.DestinationUnreachable.NO_ROUTE -> Outcome.NO_ROUTE;
            case Icmpv6Message.DestinationUnreachable.ADMINISTRATIVELY_PROHIBITED,
                 Icmpv6Message.DestinationUnreachable.SOURCE_POLICY_FAILED -> Outcome.PROHIBITED;
            case Icmpv6Message.DestinationUnreachable.BEYOND_SCOPE -> Outcome.BEYOND_SCOPE;
            case Icmpv6Message.DestinationUnreachable.ADDRESS_UNREACHABLE -> Outcome.HOST_UNREACH;
            case Icmpv6Message.DestinationUnreachable.PORT_UNREACHABLE -> Outcome.PORT_UNREACH;
            case Icmpv6Message.DestinationUnreachable.REJECT_ROUTE -> Outcome.REJECT_ROUTE;
            default -> null;
        };
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

    /** nmap's reading of an unreachable code for a TCP probe of any technique: filtered with the code's reason; null for other codes. */
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
