package dev.portolan.technique.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portolan.api.ScanType;
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
import dev.portolan.result.PortState;
import dev.portolan.result.Reason;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Each raw technique's probe flags, cookie placement (RFC 793's RST rules) and nmap's state rules. */
class TcpTechniqueRepliesTest {
    private static final Ipv4Address US = Ipv4Address.parse("198.51.100.1");
    private static final Ipv4Address TARGET = Ipv4Address.parse("198.51.100.2");
    private static final int SPORT = 23456;
    private static final int DPORT = 443;

    private final SynCookie cookie = SynCookie.withKey(new byte[] {7, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
            15});
    private final int seq = cookie.ipv4(US.bits(), TARGET.bits(), SPORT, DPORT);

    private TcpReplies replies(ScanType type) {
        return new TcpReplies(cookie, SPORT, TcpTechnique.of(type, OptionalInt.empty()));
    }

    private static byte[] reply(int flags, int replySeq, int replyAck, int window) {
        TcpHeader tcp = TcpHeader.of(DPORT, SPORT, replySeq, replyAck, flags, window, List.of());
        return IpPacket.assemble(Ipv4Header.of(TARGET, US, IpProtocol.TCP, 64), tcp, Bytes.EMPTY).toBytes();
    }

    /** The outcome both readers agree on (null: ignored). */
    private static Outcome read(TcpReplies r, byte[] packet) {
        TcpReply parsed = r.classify(IpPacket.parse(ByteBuffer.wrap(packet)));
        long wire = r.classify(packet, packet.length);
        Outcome fromWire = wire == 0 ? null : TcpReplies.packedOutcome(wire);
        assertThat(fromWire).isEqualTo(parsed == null ? null : parsed.outcome());
        return fromWire;
    }

    @Test
    void probeFlagsAreNmaps() {
        assertThat(TcpTechnique.defaultFlags(ScanType.SYN)).isEqualTo(0x02);
        assertThat(TcpTechnique.defaultFlags(ScanType.ACK)).isEqualTo(0x10);
        assertThat(TcpTechnique.defaultFlags(ScanType.WINDOW)).isEqualTo(0x10);
        assertThat(TcpTechnique.defaultFlags(ScanType.MAIMON)).isEqualTo(0x11);
        assertThat(TcpTechnique.defaultFlags(ScanType.FIN)).isEqualTo(0x01);
        assertThat(TcpTechnique.defaultFlags(ScanType.NULL)).isEqualTo(0x00);
        assertThat(TcpTechnique.defaultFlags(ScanType.XMAS)).isEqualTo(0x29);
        assertThat(TcpTechnique.isRaw(ScanType.CONNECT)).isFalse();
        assertThat(TcpTechnique.of(ScanType.FIN, OptionalInt.of(0x18)).flags()).isEqualTo(0x18);
    }

    @Test
    void theCookieGoesWhereTheReplyEchoesIt() {
        TcpTechnique ack = TcpTechnique.of(ScanType.ACK, OptionalInt.empty());
        TcpTechnique fin = TcpTechnique.of(ScanType.FIN, OptionalInt.empty());
        TcpTechnique none = TcpTechnique.of(ScanType.NULL, OptionalInt.empty());
        TcpTechnique synFin = TcpTechnique.of(ScanType.SYN, OptionalInt.of(TcpFlags.SYN | TcpFlags.FIN));
        assertThat(ack.acknowledgment(seq)).isEqualTo(seq);
        assertThat(fin.acknowledgment(seq)).isZero();
        assertThat(fin.expectedAck(seq)).isEqualTo(seq + 1);
        assertThat(none.expectedAck(seq)).isEqualTo(seq);
        assertThat(synFin.expectedAck(seq)).isEqualTo(seq + 2);
        assertThat(TcpTechnique.SYN.expectedAck(seq)).isEqualTo(seq + 1);
    }

    @Test
    void synRules() {
        TcpReplies r = replies(ScanType.SYN);
        assertThat(read(r, reply(TcpFlags.SYN | TcpFlags.ACK, 5, seq + 1, 29200))).isEqualTo(Outcome.OPEN);
        assertThat(read(r, reply(TcpFlags.RST | TcpFlags.ACK, 0, seq + 1, 0))).isEqualTo(Outcome.RESET);
        assertThat(r.technique().silence()).isEqualTo(Outcome.NO_RESPONSE);
    }

    @Test
    void ackRulesReadTheRstSequenceNumber() {
        TcpReplies r = replies(ScanType.ACK);
        // a RST to a segment with ACK: seq = that segment's ack, no ACK flag
        assertThat(read(r, reply(TcpFlags.RST, seq, 0, 0))).isEqualTo(Outcome.UNFILTERED);
        assertThat(Outcome.UNFILTERED.state()).isEqualTo(PortState.UNFILTERED);
        assertThat(Outcome.UNFILTERED.reason()).isEqualTo(Reason.RESET);
        assertThat(read(r, reply(TcpFlags.RST, seq + 1, 0, 0))).isNull();
        assertThat(read(r, reply(TcpFlags.RST | TcpFlags.ACK, 0, seq + 1, 0))).isNull();
        assertThat(r.technique().silence()).isEqualTo(Outcome.NO_RESPONSE);
    }

    @Test
    void windowRulesReadTheRstWindow() {
        TcpReplies r = replies(ScanType.WINDOW);
        assertThat(read(r, reply(TcpFlags.RST, seq, 0, 0))).isEqualTo(Outcome.RESET);
        assertThat(read(r, reply(TcpFlags.RST, seq, 0, 512))).isEqualTo(Outcome.WINDOW_OPEN);
        assertThat(Outcome.WINDOW_OPEN.state()).isEqualTo(PortState.OPEN);
        assertThat(r.technique().silence()).isEqualTo(Outcome.NO_RESPONSE);
    }

    @Test
    void finNullXmasReadTheRstAcknowledgment() {
        // a RST to a segment without ACK: ack = seq + length, SYN and FIN counting one each
        assertThat(read(replies(ScanType.FIN), reply(TcpFlags.RST | TcpFlags.ACK, 0, seq + 1, 0)))
                .isEqualTo(Outcome.RESET);
        assertThat(read(replies(ScanType.XMAS), reply(TcpFlags.RST | TcpFlags.ACK, 0, seq + 1, 0)))
                .isEqualTo(Outcome.RESET);
        assertThat(read(replies(ScanType.NULL), reply(TcpFlags.RST | TcpFlags.ACK, 0, seq, 0)))
                .isEqualTo(Outcome.RESET);
        assertThat(read(replies(ScanType.FIN), reply(TcpFlags.RST | TcpFlags.ACK, 0, seq, 0))).isNull();
        assertThat(read(replies(ScanType.NULL), reply(TcpFlags.RST | TcpFlags.ACK, 0, seq + 1, 0))).isNull();
        assertThat(read(replies(ScanType.FIN), reply(TcpFlags.RST, 0, seq + 1, 0))).isNull();
        for (ScanType t : new ScanType[] {ScanType.FIN, ScanType.NULL, ScanType.XMAS, ScanType.MAIMON}) {
            assertThat(replies(t).technique().silence()).isEqualTo(Outcome.OPEN_FILTERED);
        }
        assertThat(Outcome.OPEN_FILTERED.state()).isEqualTo(PortState.OPEN_FILTERED);
        assertThat(Outcome.OPEN_FILTERED.reason()).isEqualTo(Reason.NO_RESPONSE);
    }

    @Test
    void maimonCarriesAckSoItsRstEchoesTheSequence() {
        TcpReplies r = replies(ScanType.MAIMON);
        assertThat(read(r, reply(TcpFlags.RST, seq, 0, 0))).isEqualTo(Outcome.RESET);
        assertThat(read(r, reply(TcpFlags.RST | TcpFlags.ACK, 0, seq + 1, 0))).isNull();
    }

    @Test
    void aSynAckCountsOnlyUnderTheSynRules() {
        assertThat(read(replies(ScanType.FIN), reply(TcpFlags.SYN | TcpFlags.ACK, 0, seq + 1, 100))).isNull();
        TcpReplies custom = new TcpReplies(cookie, SPORT, TcpTechnique.of(ScanType.SYN,
                OptionalInt.of(TcpFlags.SYN | TcpFlags.FIN)));
        assertThat(read(custom, reply(TcpFlags.SYN | TcpFlags.ACK, 0, seq + 2, 100))).isEqualTo(Outcome.OPEN);
        assertThat(read(custom, reply(TcpFlags.SYN | TcpFlags.ACK, 0, seq + 1, 100))).isNull();
    }

    @Test
    void aReplyWithAWrongCookieIsIgnoredByEveryTechnique() {
        SynCookie otherKey = SynCookie.withKey(new byte[16]);
        int wrong = otherKey.ipv4(US.bits(), TARGET.bits(), SPORT, DPORT);
        assertThat(wrong).isNotEqualTo(seq);
        for (ScanType t : new ScanType[] {ScanType.SYN, ScanType.ACK, ScanType.WINDOW, ScanType.MAIMON, ScanType.FIN,
                ScanType.NULL, ScanType.XMAS}) {
            TcpReplies r = replies(t);
            for (int delta = 0; delta <= 2; delta++) {
                assertThat(read(r, reply(TcpFlags.RST, wrong + delta, 0, 0))).as(t + " rst").isNull();
                assertThat(read(r, reply(TcpFlags.RST | TcpFlags.ACK, 0, wrong + delta, 0))).as(t + " rst-ack")
                        .isNull();
                assertThat(read(r, reply(TcpFlags.SYN | TcpFlags.ACK, 0, wrong + delta, 9))).as(t + " syn-ack")
                        .isNull();
            }
        }
    }

    @Test
    void icmpUnreachableIsFilteredForEveryTechnique() {
        for (ScanType t : new ScanType[] {ScanType.ACK, ScanType.WINDOW, ScanType.FIN, ScanType.XMAS}) {
            TcpReplies r = replies(t);
            for (int code : new int[] {0, 1, 2, 3, 9, 10, 13}) {
                Outcome o = read(r, unreachable(code, seq));
                assertThat(o).as(t + " code " + code).isNotNull();
                assertThat(o.state()).isEqualTo(PortState.FILTERED);
            }
            assertThat(read(r, unreachable(13, seq + 1))).isNull();
            assertThat(read(r, unreachable(4, seq))).isNull();
        }
    }

    private static byte[] unreachable(int code, int quotedSeq) {
        IpPacket probe = IpPacket.assemble(Ipv4Header.of(US, TARGET, IpProtocol.TCP, 64),
                TcpHeader.of(SPORT, DPORT, quotedSeq, quotedSeq, TcpFlags.ACK, 1024, List.of()), Bytes.EMPTY);
        byte[] sent = probe.toBytes();
        QuotedDatagram quote = new QuotedDatagram(probe.ip(), Bytes.of(Arrays.copyOfRange(sent, 20, 28)));
        Icmpv4Message.DestinationUnreachable du = new Icmpv4Message.DestinationUnreachable(code, 0, 0, quote);
        return IpPacket.assemble(Ipv4Header.of(Ipv4Address.parse("198.51.100.254"), US, IpProtocol.ICMP, 250), du,
                Bytes.EMPTY).toBytes();
    }
}
