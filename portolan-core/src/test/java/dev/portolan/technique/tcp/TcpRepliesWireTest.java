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
import dev.portolan.packet.TcpOption;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The allocation-free reading of wire bytes agrees with {@link TcpReplies#classify(IpPacket)} packet by packet. */
class TcpRepliesWireTest {
    private static final Ipv4Address US = Ipv4Address.parse("198.51.100.1");
    private static final Ipv4Address TARGET = Ipv4Address.parse("198.51.100.2");
    private static final Ipv4Address ROUTER = Ipv4Address.parse("198.51.100.254");
    private static final int SPORT = 23456;
    private static final int DPORT = 443;

    private final SynCookie cookie = SynCookie.withKey(new byte[16]);
    private final TcpReplies replies = new TcpReplies(cookie, SPORT);
    private final int seq = cookie.ipv4(US.bits(), TARGET.bits(), SPORT, DPORT);

    private static byte[] tcpReply(int flags, int ack, int toPort, int ttl, List<TcpOption> options) {
        TcpHeader tcp = TcpHeader.of(DPORT, toPort, 777, ack, flags, 29200, options);
        return IpPacket.assemble(Ipv4Header.of(TARGET, US, IpProtocol.TCP, ttl), tcp, Bytes.EMPTY).toBytes();
    }

    private byte[] unreachable(int code, int quotedSeq, int quotedSport) {
        IpPacket syn = IpPacket.assemble(Ipv4Header.of(US, TARGET, IpProtocol.TCP, 64),
                TcpHeader.of(quotedSport, DPORT, quotedSeq, 0, TcpFlags.SYN, 1024, List.of()), Bytes.EMPTY);
        byte[] sent = syn.toBytes();
        QuotedDatagram quote = new QuotedDatagram(syn.ip(), Bytes.of(Arrays.copyOfRange(sent, 20, 28)));
        Icmpv4Message.DestinationUnreachable du = new Icmpv4Message.DestinationUnreachable(code, 0, 0, quote);
        return IpPacket.assemble(Ipv4Header.of(ROUTER, US, IpProtocol.ICMP, 250), du, Bytes.EMPTY).toBytes();
    }

    private List<byte[]> samples() {
        List<byte[]> all = new ArrayList<>();
        for (int flags : new int[] {TcpFlags.SYN | TcpFlags.ACK, TcpFlags.RST | TcpFlags.ACK, TcpFlags.SYN,
                TcpFlags.RST, TcpFlags.ACK, TcpFlags.FIN | TcpFlags.ACK}) {
            for (int ack : new int[] {seq + 1, seq, seq + 2}) {
                all.add(tcpReply(flags, ack, SPORT, 61, List.of()));
                all.add(tcpReply(flags, ack, SPORT + 1, 61, List.of()));
                all.add(tcpReply(flags, ack, SPORT, 33, List.of(new TcpOption.Mss(1460))));
            }
        }
        for (int code = 0; code < 16; code++) {
            all.add(unreachable(code, seq, SPORT));
            all.add(unreachable(code, seq + 1, SPORT));
            all.add(unreachable(code, seq, SPORT + 1));
        }
        return all;
    }

    private long expected(byte[] packet) {
        TcpReply r = replies.classify(IpPacket.parse(ByteBuffer.wrap(packet)));
        return r == null ? 0 : TcpReplies.packed(r.target(), r.port(), r.outcome(), r.ttl());
    }

    @Test
    void everySampleReadsAsTheParsedPacketDoes() {
        int valid = 0;
        for (byte[] packet : samples()) {
            long want = expected(packet);
            assertThat(replies.classify(packet, packet.length)).as(Arrays.toString(packet)).isEqualTo(want);
            valid += want == 0 ? 0 : 1;
        }
        // 2 SYN-ACK and 2 RST shapes with the right ack, 7 unreachable codes
        assertThat(valid).isEqualTo(4 + 7);
    }

    @Test
    void packedRepliesComeApartAgain() {
        byte[] synAck = tcpReply(TcpFlags.SYN | TcpFlags.ACK, seq + 1, SPORT, 61, List.of());
        long r = replies.classify(synAck, synAck.length);
        assertThat(TcpReplies.packedTarget(r)).isEqualTo(TARGET.bits());
        assertThat(TcpReplies.packedPort(r)).isEqualTo(DPORT);
        assertThat(TcpReplies.packedOutcome(r)).isEqualTo(Outcome.OPEN);
        assertThat(TcpReplies.packedTtl(r)).isEqualTo(61);
    }

    @Test
    void cutFragmentedAndOtherPacketsAreIgnored() {
        byte[] synAck = tcpReply(TcpFlags.SYN | TcpFlags.ACK, seq + 1, SPORT, 61, List.of());
        for (int cut = 0; cut < synAck.length; cut++) {
            assertThat(replies.classify(synAck, cut)).isZero();
        }
        byte[] fragment = synAck.clone();
        fragment[6] = 0x20; // more fragments
        assertThat(replies.classify(fragment, fragment.length)).isZero();
        byte[] udp = synAck.clone();
        udp[9] = IpProtocol.UDP;
        assertThat(replies.classify(udp, udp.length)).isZero();
        byte[] unreachable = unreachable(3, seq, SPORT);
        for (int cut = 0; cut < unreachable.length; cut++) {
            assertThat(replies.classify(unreachable, cut)).isZero();
        }
        assertThat(replies.classify(unreachable, unreachable.length)).isNotZero();
    }
}
