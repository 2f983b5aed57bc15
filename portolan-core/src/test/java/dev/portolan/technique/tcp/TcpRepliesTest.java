package dev.portolan.technique.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portolan.engine.cookie.SynCookie;
import dev.portolan.packet.Bytes;
import dev.portolan.packet.Icmpv4Message;
import dev.portolan.packet.IpPacket;
import dev.portolan.packet.IpProtocol;
import dev.portolan.packet.Ipv4Address;
import dev.portolan.packet.Ipv4Header;
import dev.portolan.packet.QuotedDatagram;
import dev.portolan.packet.TcpFlags;
import dev.portolan.packet.TcpHeader;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpRepliesTest {
    private static final Ipv4Address US = Ipv4Address.parse("198.51.100.1");
    private static final Ipv4Address TARGET = Ipv4Address.parse("198.51.100.2");
    private static final Ipv4Address ROUTER = Ipv4Address.parse("198.51.100.254");
    private static final int SPORT = 23456;
    private static final int DPORT = 443;

    private final SynCookie cookie = SynCookie.withKey(new byte[16]);
    private final TcpReplies replies = new TcpReplies(cookie, SPORT);
    private final int seq = cookie.ipv4(US.bits(), TARGET.bits(), SPORT, DPORT);

    /** Encoded and parsed again, as the receiver sees it. */
    private static IpPacket wire(Ipv4Header ip, dev.portolan.packet.UpperLayer upper, Bytes payload) {
        return IpPacket.parse(ByteBuffer.wrap(IpPacket.assemble(ip, upper, payload).toBytes()));
    }

    private static IpPacket tcpReply(int flags, int ack, int toPort, int ttl) {
        TcpHeader tcp = TcpHeader.of(DPORT, toPort, 777, ack, flags, 29200, List.of());
        return wire(Ipv4Header.of(TARGET, US, IpProtocol.TCP, ttl), tcp, Bytes.EMPTY);
    }

    private IpPacket unreachable(int code, int quotedSeq, int quotedSport) {
        IpPacket syn = IpPacket.assemble(Ipv4Header.of(US, TARGET, IpProtocol.TCP, 64),
                TcpHeader.of(quotedSport, DPORT, quotedSeq, 0, TcpFlags.SYN, 1024, List.of()), Bytes.EMPTY);
        byte[] sent = syn.toBytes();
        QuotedDatagram quote = new QuotedDatagram(syn.ip(), Bytes.of(Arrays.copyOfRange(sent, 20, 28)));
        Icmpv4Message.DestinationUnreachable du = new Icmpv4Message.DestinationUnreachable(code, 0, 0, quote);
        return wire(Ipv4Header.of(ROUTER, US, IpProtocol.ICMP, 250), du, Bytes.EMPTY);
    }

    @Test
    void synAckWithCookiePlusOneIsOpenWithItsTtl() {
        assertThat(replies.classify(tcpReply(TcpFlags.SYN | TcpFlags.ACK, seq + 1, SPORT, 61)))
                .isEqualTo(new TcpReply(TARGET.bits(), DPORT, Outcome.OPEN, 61));
    }

    @Test
    void rstAckWithCookiePlusOneIsClosed() {
        assertThat(replies.classify(tcpReply(TcpFlags.RST | TcpFlags.ACK, seq + 1, SPORT, 64)))
                .isEqualTo(new TcpReply(TARGET.bits(), DPORT, Outcome.RESET, 64));
    }

    /** --data-length 20: Linux's RST acknowledges the SYN and its 20 bytes; both paths of the receiver take it. */
    @Test
    void rstAcknowledgingTheProbesPayloadIsClosedOnlyWhenThePayloadWasSent() {
        TcpReplies withData = new TcpReplies(cookie, SPORT, TcpTechnique.SYN, 20);
        IpPacket rst = tcpReply(TcpFlags.RST | TcpFlags.ACK, seq + 21, SPORT, 64);
        byte[] bytes = rst.toBytes();
        assertThat(withData.classify(rst)).isEqualTo(new TcpReply(TARGET.bits(), DPORT, Outcome.RESET, 64));
        assertThat(TcpReplies.packedOutcome(withData.classify(bytes, bytes.length))).isEqualTo(Outcome.RESET);
        assertThat(withData.classify(tcpReply(TcpFlags.SYN | TcpFlags.ACK, seq + 1, SPORT, 64))).isNotNull();
        assertThat(replies.classify(rst)).isNull();
        assertThat(replies.classify(bytes, bytes.length)).isZero();
        assertThat(withData.classify(tcpReply(TcpFlags.RST | TcpFlags.ACK, seq + 22, SPORT, 64))).isNull();
        assertThat(withData.classify(tcpReply(TcpFlags.RST | TcpFlags.ACK, seq + 20, SPORT, 64))).isNull();
    }

    @Test
    void repliesWithAWrongAckAreIgnored() {
        assertThat(replies.classify(tcpReply(TcpFlags.SYN | TcpFlags.ACK, seq, SPORT, 64))).isNull();
        assertThat(replies.classify(tcpReply(TcpFlags.SYN | TcpFlags.ACK, seq + 2, SPORT, 64))).isNull();
        assertThat(replies.classify(tcpReply(TcpFlags.RST | TcpFlags.ACK, 12345, SPORT, 64))).isNull();
    }

    @Test
    void repliesToAnotherPortOrWithoutAckAreIgnored() {
        assertThat(replies.classify(tcpReply(TcpFlags.SYN | TcpFlags.ACK, seq + 1, SPORT + 1, 64))).isNull();
        assertThat(replies.classify(tcpReply(TcpFlags.RST, seq + 1, SPORT, 64))).isNull();
        assertThat(replies.classify(tcpReply(TcpFlags.ACK, seq + 1, SPORT, 64))).isNull();
    }

    @Test
    void anotherScansKeyDoesNotValidate() {
        TcpReplies other = new TcpReplies(SynCookie.withKey(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0}), SPORT);
        assertThat(other.classify(tcpReply(TcpFlags.SYN | TcpFlags.ACK, seq + 1, SPORT, 64))).isNull();
    }

    @Test
    void unreachablesQuotingTheCookieAreFilteredWithNmapsReasons() {
        assertThat(replies.classify(unreachable(1, seq, SPORT)))
                .isEqualTo(new TcpReply(TARGET.bits(), DPORT, Outcome.HOST_UNREACH, 250));
        assertThat(replies.classify(unreachable(3, seq, SPORT)).outcome()).isEqualTo(Outcome.PORT_UNREACH);
        assertThat(replies.classify(unreachable(13, seq, SPORT)).outcome()).isEqualTo(Outcome.PROHIBITED);
        assertThat(List.of(0, 1, 2, 3, 9, 10, 13).stream().map(TcpReplies::outcomeOf).map(o -> o.reason().toString())
                .toList()).containsExactly(Outcome.NET_UNREACH.reason().toString(), "host-unreach",
                "proto-unreach", "port-unreach", "net-prohibited", "host-prohibited", "admin-prohibited");
    }

    @Test
    void unreachablesWithAnotherSequenceOrPortOrCodeAreIgnored() {
        assertThat(replies.classify(unreachable(3, seq + 1, SPORT))).isNull();
        assertThat(replies.classify(unreachable(3, seq, SPORT + 1))).isNull();
        assertThat(replies.classify(unreachable(4, seq, SPORT))).isNull();
    }
}
