package dev.portolan.technique.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portolan.api.ScanType;
import dev.portolan.engine.cookie.SynCookie;
import dev.portolan.packet.Bytes;
import dev.portolan.packet.Icmpv6Message;
import dev.portolan.packet.IpPacket;
import dev.portolan.packet.IpProtocol;
import dev.portolan.packet.Ipv6Address;
import dev.portolan.packet.Ipv6Header;
import dev.portolan.packet.QuotedDatagram;
import dev.portolan.packet.TcpFlags;
import dev.portolan.packet.TcpHeader;
import dev.portolan.result.Reason;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Replies as AF_INET6 raw sockets deliver them (no IPv6 header), validated by the IPv6 cookie. */
class TcpReplies6Test {
    private static final Ipv6Address US = Ipv6Address.parse("2001:db8::1");
    private static final Ipv6Address TARGET = Ipv6Address.parse("2001:db8::2");
    private static final Ipv6Address ROUTER = Ipv6Address.parse("2001:db8::fe");
    private static final int SPORT = 23456;
    private static final int DPORT = 443;

    private final SynCookie cookie = SynCookie.withKey(new byte[] {9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5, 6});
    private final int seq = cookie.ipv6(US.high(), US.low(), TARGET.high(), TARGET.low(), SPORT, DPORT);

    private TcpReplies replies(ScanType type) {
        return new TcpReplies(cookie, SPORT, TcpTechnique.of(type, OptionalInt.empty()));
    }

    private static byte[] segment(int flags, int replySeq, int replyAck, int toPort) {
        return TcpHeader.of(DPORT, toPort, replySeq, replyAck, flags, 0, List.of()).toBytes();
    }

    private Outcome tcp(TcpReplies r, byte[] b) {
        return r.tcp6(b, b.length, TARGET.high(), TARGET.low(), US.high(), US.low());
    }

    /** An ICMPv6 unreachable quoting our probe, as the ICMPv6 socket reads it (from its type byte on). */
    private static byte[] unreachable(int code, int quotedSeq, int quotedSport) {
        IpPacket probe = IpPacket.assemble(Ipv6Header.of(US, TARGET, IpProtocol.TCP, 64),
                TcpHeader.of(quotedSport, DPORT, quotedSeq, 0, TcpFlags.FIN, 1024, List.of()), Bytes.EMPTY);
        byte[] sent = probe.toBytes();
        QuotedDatagram quote = new QuotedDatagram(probe.ip(), Bytes.of(Arrays.copyOfRange(sent, 40, 60)));
        Icmpv6Message.DestinationUnreachable du = new Icmpv6Message.DestinationUnreachable(code, 0, 0, quote);
        byte[] whole = IpPacket.assemble(Ipv6Header.of(ROUTER, US, IpProtocol.ICMPV6, 64), du, Bytes.EMPTY)
                .toBytes();
        return Arrays.copyOfRange(whole, 40, whole.length);
    }

    @Test
    void synAckAndRstCarryTheIpv6Cookie() {
        TcpReplies syn = replies(ScanType.SYN);
        assertThat(tcp(syn, segment(TcpFlags.SYN | TcpFlags.ACK, 1, seq + 1, SPORT))).isEqualTo(Outcome.OPEN);
        assertThat(tcp(syn, segment(TcpFlags.RST | TcpFlags.ACK, 0, seq + 1, SPORT))).isEqualTo(Outcome.RESET);
        assertThat(tcp(replies(ScanType.ACK), segment(TcpFlags.RST, seq, 0, SPORT))).isEqualTo(Outcome.UNFILTERED);
        assertThat(tcp(replies(ScanType.FIN), segment(TcpFlags.RST | TcpFlags.ACK, 0, seq + 1, SPORT)))
                .isEqualTo(Outcome.RESET);
    }

    @Test
    void aWrongCookiePortOrAddressIsIgnored() {
        TcpReplies syn = replies(ScanType.SYN);
        assertThat(tcp(syn, segment(TcpFlags.SYN | TcpFlags.ACK, 1, seq + 2, SPORT))).isNull();
        assertThat(tcp(syn, segment(TcpFlags.SYN | TcpFlags.ACK, 1, seq + 1, SPORT + 1))).isNull();
        byte[] good = segment(TcpFlags.SYN | TcpFlags.ACK, 1, seq + 1, SPORT);
        assertThat(syn.tcp6(good, good.length, TARGET.high(), TARGET.low() + 1, US.high(), US.low())).isNull();
        // the IPv4 cookie of the same numbers is another cookie
        assertThat(tcp(replies(ScanType.ACK), segment(TcpFlags.RST, seq + 1, 0, SPORT))).isNull();
        assertThat(tcp(syn, Arrays.copyOf(good, 19))).isNull();
    }

    @Test
    void icmpv6UnreachableCodesMapAsNmapReadsThem() {
        TcpReplies fin = replies(ScanType.FIN);
        int[] codes = {0, 1, 2, 3, 4, 5, 6};
        Reason[] reasons = {Reason.NO_ROUTE, Reason.ADMIN_PROHIBITED, Reason.BEYOND_SCOPE, Reason.HOST_UNREACH,
                Reason.PORT_UNREACH, Reason.ADMIN_PROHIBITED, Reason.REJECT_ROUTE};
        for (int i = 0; i < codes.length; i++) {
            byte[] b = unreachable(codes[i], seq, SPORT);
            Outcome o = fin.icmp6(b, b.length);
            assertThat(o).as("code " + codes[i]).isNotNull();
            assertThat(o.reason()).isEqualTo(reasons[i]);
            assertThat(o.state().label()).isEqualTo("filtered");
            assertThat(TcpReplies.s64(b, TcpReplies.QUOTED_TARGET6)).isEqualTo(TARGET.high());
            assertThat(TcpReplies.s64(b, TcpReplies.QUOTED_TARGET6 + 8)).isEqualTo(TARGET.low());
            int at = TcpReplies.quotedTcp6(b, b.length) + 2;
            assertThat((b[at] & 0xff) << 8 | (b[at + 1] & 0xff)).isEqualTo(DPORT);
        }
        byte[] wrongCookie = unreachable(1, seq + 1, SPORT);
        assertThat(fin.icmp6(wrongCookie, wrongCookie.length)).isNull();
        byte[] wrongPort = unreachable(1, seq, SPORT + 1);
        assertThat(fin.icmp6(wrongPort, wrongPort.length)).isNull();
        byte[] unknownCode = unreachable(7, seq, SPORT);
        assertThat(fin.icmp6(unknownCode, unknownCode.length)).isNull();
        byte[] good = unreachable(1, seq, SPORT);
        assertThat(fin.icmp6(good, TcpReplies.QUOTED_TCP6 + 7)).isNull();
    }

    /** The quote with a Fragment header (offset {@code offsetField}, M set) after its IPv6 header, as -f sent it. */
    private static byte[] asFragment(byte[] b, int offsetField) {
        byte[] f = new byte[b.length + 8];
        System.arraycopy(b, 0, f, 0, TcpReplies.QUOTED_TCP6);
        f[8 + 6] = (byte) IpProtocol.IPV6_FRAGMENT;
        byte[] header = {(byte) IpProtocol.TCP, 0, (byte) (offsetField >>> 8), (byte) (offsetField | 1), 0x11, 0x22,
            0x33, 0x44};
        System.arraycopy(header, 0, f, TcpReplies.QUOTED_TCP6, 8);
        System.arraycopy(b, TcpReplies.QUOTED_TCP6, f, TcpReplies.QUOTED_TCP6 + 8, b.length - TcpReplies.QUOTED_TCP6);
        return f;
    }

    @Test
    void anUnreachableQuotingTheFirstFragmentOfAProbeCounts() {
        TcpReplies fin = replies(ScanType.FIN);
        byte[] first = asFragment(unreachable(1, seq, SPORT), 0);
        assertThat(TcpReplies.quotedTcp6(first, first.length)).isEqualTo(TcpReplies.QUOTED_TCP6 + 8);
        assertThat(fin.icmp6(first, first.length)).isEqualTo(Outcome.PROHIBITED);
        // a later fragment holds no ports nor cookie
        byte[] later = asFragment(unreachable(1, seq, SPORT), 8);
        assertThat(TcpReplies.quotedTcp6(later, later.length)).isEqualTo(-1);
        assertThat(fin.icmp6(later, later.length)).isNull();
        byte[] wrongCookie = asFragment(unreachable(1, seq + 1, SPORT), 0);
        assertThat(fin.icmp6(wrongCookie, wrongCookie.length)).isNull();
    }
}
