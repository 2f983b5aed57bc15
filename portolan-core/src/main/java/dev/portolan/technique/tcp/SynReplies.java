package dev.portolan.technique.tcp;

import dev.portolan.engine.cookie.SynCookie;
import dev.portolan.packet.Icmpv4Message;
import dev.portolan.packet.IpPacket;
import dev.portolan.packet.IpProtocol;
import dev.portolan.packet.Ipv4Header;
import dev.portolan.packet.QuotedDatagram;
import dev.portolan.packet.TcpHeader;

/**
 * Tells which received IPv4 packets answer this scan's SYN probes and what they mean: a SYN-ACK or RST counts only
 * when its acknowledgment is the cookie plus one, an ICMP unreachable only when the SYN it quotes carries the cookie.
 * Pure; thread-safe.
 */
final class SynReplies {
    private final SynCookie cookie;
    private final int sourcePort;

    SynReplies(SynCookie cookie, int sourcePort) {
        this.cookie = cookie;
        this.sourcePort = sourcePort & 0xffff;
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
        int expected = sequence(ip.destination().bits(), ip.source().bits(), tcp.sourcePort()) + 1;
        if (tcp.acknowledgmentNumber() != expected) {
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
