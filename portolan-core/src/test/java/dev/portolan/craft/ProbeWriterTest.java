package dev.portolan.craft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portolan.packet.IpPacket;
import dev.portolan.packet.Ipv4Address;
import dev.portolan.packet.Ipv4Header;
import dev.portolan.packet.Ipv6Address;
import dev.portolan.packet.Ipv6Header;
import dev.portolan.packet.TcpFlags;
import dev.portolan.packet.TcpHeader;
import dev.portolan.packet.TcpOption;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class ProbeWriterTest {
    private static final TcpHeader SYN = TcpHeader.of(0, 0, 0, 0, TcpFlags.SYN, 1024, List.of(new TcpOption.Mss(1460)));
    private static final int SCANNER = Ipv4Address.parse("198.51.100.1").bits();
    private static final int TARGET = Ipv4Address.parse("198.51.100.2").bits();
    /** A stand-in cookie that shows which source each copy was computed for. */
    private static final ProbeWriter.Sequence COOKIE = (source, target, port) -> source ^ target ^ port * 31;

    record Sent(byte[] bytes, boolean real) {
    }

    private static List<Sent> write(ProbeWriter w, int port) {
        List<Sent> sent = new ArrayList<>();
        w.write(SCANNER, TARGET, 40000, port, COOKIE, (b, n, real) -> sent.add(new Sent(Arrays.copyOf(b, n), real)));
        return sent;
    }

    @Test
    void plainProbeIsOneSynFromTheRealSource() {
        ProbeWriter w = new ProbeWriter(ProbeCrafting.NONE, SYN, 64, new SplittableRandom(1));
        assertThat(w.packetsPerProbe()).isEqualTo(1);
        assertThat(w.maxPacketLength()).isEqualTo(44);
        List<Sent> sent = write(w, 22);
        assertThat(sent).hasSize(1);
        assertThat(sent.getFirst().real()).isTrue();
        IpPacket p = IpPacket.parse(ByteBuffer.wrap(sent.getFirst().bytes()));
        Ipv4Header ip = (Ipv4Header) p.ip();
        TcpHeader tcp = (TcpHeader) p.upper();
        assertThat(ip.source().bits()).isEqualTo(SCANNER);
        assertThat(ip.destination().bits()).isEqualTo(TARGET);
        assertThat(ip.ttl()).isEqualTo(64);
        assertThat(ip.identification()).isNotZero();
        assertThat(tcp.sourcePort()).isEqualTo(40000);
        assertThat(tcp.destinationPort()).isEqualTo(22);
        assertThat(tcp.sequenceNumber()).isEqualTo(COOKIE.of(SCANNER, TARGET, 22));
        assertThat(p.payload().length()).isZero();
        assertThat(p.checksumValid()).isTrue();
    }

    /** -D 192.0.2.5,ME,192.0.2.6 -f --ttl 9 --data-length 4 --badsum: 3 copies of 4 fragments each, in order. */
    @Test
    void decoysAndFragmentsInTheListsOrder() {
        ProbeCrafting c = ProbeCrafting.builder().ttl(9).dataLength(4).badChecksum(true).fragments(1)
                .decoys(ProbeCrafting.parseDecoys("192.0.2.5,ME,192.0.2.6", new SplittableRandom(2))).build();
        ProbeWriter w = new ProbeWriter(c, SYN, 64, new SplittableRandom(3));
        assertThat(w.packetsPerProbe()).isEqualTo(12);
        assertThat(w.maxPacketLength()).isEqualTo(28);
        List<Sent> sent = write(w, 443);
        assertThat(sent).hasSize(12);
        assertThat(sent).extracting(Sent::real).containsExactly(false, false, false, false, true, false, false, false,
                false, false, false, false);
        int[] sources = {Ipv4Address.parse("192.0.2.5").bits(), SCANNER, Ipv4Address.parse("192.0.2.6").bits()};
        byte[] payload = null;
        for (int copy = 0; copy < 3; copy++) {
            ByteBuffer whole = ByteBuffer.allocate(20 + 28);
            int id = -1;
            for (int k = 0; k < 4; k++) {
                byte[] f = sent.get(copy * 4 + k).bytes();
                Ipv4Header h = Ipv4Header.parse(ByteBuffer.wrap(f));
                assertThat(h.source().bits()).isEqualTo(sources[copy]);
                assertThat(h.destination().bits()).isEqualTo(TARGET);
                assertThat(h.ttl()).isEqualTo(9);
                assertThat(h.fragmentOffsetBytes()).isEqualTo(8 * k);
                assertThat(h.moreFragments()).isEqualTo(k < 3);
                int chunk = Math.min(8, 28 - 8 * k);
                assertThat(h.totalLength()).isEqualTo(20 + chunk);
                id = k == 0 ? h.identification() : id;
                assertThat(h.identification()).isEqualTo(id).isNotZero();
                if (k == 0) {
                    whole.put(f, 0, 20);
                }
                whole.put(20 + 8 * k, f, 20, chunk);
            }
            byte[] datagram = whole.array();
            datagram[2] = 0;
            datagram[3] = 48;
            datagram[6] = 0;
            datagram[7] = 0;
            IpPacket p = IpPacket.parse(ByteBuffer.wrap(datagram));
            TcpHeader tcp = (TcpHeader) p.upper();
            assertThat(tcp.destinationPort()).isEqualTo(443);
            assertThat(tcp.sourcePort()).isEqualTo(40000);
            assertThat(tcp.sequenceNumber()).isEqualTo(COOKIE.of(sources[copy], TARGET, 443));
            assertThat(p.payload().length()).isEqualTo(4);
            payload = payload == null ? p.payload().toArray() : payload;
            assertThat(p.payload().toArray()).isEqualTo(payload);
            assertThat(InternetChecksumOf.tcpValid(p)).isFalse();
        }
        // each datagram has its own identification, so fragments of two probes never reassemble together
        List<Integer> ids = new ArrayList<>();
        for (int copy = 0; copy < 3; copy++) {
            ids.add(Ipv4Header.parse(ByteBuffer.wrap(sent.get(copy * 4).bytes())).identification());
        }
        ids.add(Ipv4Header.parse(ByteBuffer.wrap(write(w, 443).getFirst().bytes())).identification());
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void anotherRealSourceIsTakenUp() {
        ProbeWriter w = new ProbeWriter(ProbeCrafting.NONE, SYN, 64, new SplittableRandom(1));
        List<Sent> sent = new ArrayList<>();
        w.write(TARGET + 1, TARGET, 1, 2, COOKIE, (b, n, real) -> sent.add(new Sent(Arrays.copyOf(b, n), real)));
        assertThat(Ipv4Header.parse(ByteBuffer.wrap(sent.getFirst().bytes())).source().bits()).isEqualTo(TARGET + 1);
    }

    @Test
    void writingAllocatesNothing() {
        ProbeCrafting c = ProbeCrafting.builder().dataLength(100).fragments(2)
                .decoys(ProbeCrafting.parseDecoys("RND:3", new SplittableRandom(2))).build();
        ProbeWriter w = new ProbeWriter(c, SYN, 64, new SplittableRandom(3));
        long[] bytes = new long[1];
        ProbeWriter.Packets sink = (b, n, real) -> bytes[0] += n;
        assertAllocatesNothing(() -> {
            for (int i = 0; i < 20_000; i++) {
                w.write(SCANNER, TARGET + i, 40000, i & 0xffff, COOKIE, sink);
            }
        });
        assertThat(bytes[0]).isPositive();
    }

    /** A second run of {@code burst} (the first warms it up) allocates no more than noise. */
    private static void assertAllocatesNothing(Runnable burst) {
        burst.run();
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = bean.getCurrentThreadAllocatedBytes();
        burst.run();
        assertThat(bean.getCurrentThreadAllocatedBytes() - before).isLessThan(64 * 1024);
    }

    private static final Ipv6Address SCANNER6 = Ipv6Address.parse("2001:db8::1");
    private static final Ipv6Address TARGET6 = Ipv6Address.parse("2001:db8::2");
    private static final ProbeWriter.Sequence6 COOKIE6 = (sh, sl, th, tl, port) -> (int) (sh ^ sl ^ th ^ tl) ^ port * 31;
    /** Every draw the same: the payload and the first Fragment identification (0x11223344, then + 1) are known. */
    private static final RandomGenerator FIXED = () -> 0x1122_3344_0000_0000L;
    /** --ttl 9: the SYN to 2001:db8::2 port 443 from 2001:db8::1 port 40000, hop limit 9, as the wire has it. */
    private static final String GOLDEN_SYN6 = "600000000018060920010db8000000000000000000000001"
            + "20010db80000000000000000000000029c4001bb000035a6000000006002040065100000020405b4";

    private static List<Sent> write6(ProbeWriter w, int port) {
        List<Sent> sent = new ArrayList<>();
        w.write(SCANNER6, TARGET6, 40000, port, COOKIE6, (b, n, real) -> sent.add(new Sent(Arrays.copyOf(b, n), real)));
        return sent;
    }

    private static String hex(Sent s) {
        return HexFormat.of().formatHex(s.bytes());
    }

    @Test
    void ipv6HopLimitGoldenBytes() {
        ProbeWriter w = ProbeWriter.ipv6(ProbeCrafting.builder().ttl(9).build(), SYN, 64, c -> 0, FIXED);
        assertThat(w.packetsPerProbe()).isEqualTo(1);
        assertThat(w.maxPacketLength()).isEqualTo(64);
        List<Sent> sent = write6(w, 443);
        assertThat(sent).extracting(ProbeWriterTest::hex).containsExactly(GOLDEN_SYN6);
        assertThat(sent.getFirst().real()).isTrue();
        IpPacket p = IpPacket.parse(ByteBuffer.wrap(sent.getFirst().bytes()));
        assertThat(((Ipv6Header) p.ip()).hopLimit()).isEqualTo(9);
        assertThat(p.checksumValid()).isTrue();
        // without --ttl: nmap's 64
        Sent plain = write6(ProbeWriter.ipv6(ProbeCrafting.NONE, SYN, 64, c -> 0, FIXED), 443).getFirst();
        assertThat(((Ipv6Header) IpPacket.parse(ByteBuffer.wrap(plain.bytes())).ip()).hopLimit()).isEqualTo(64);
    }

    @Test
    void ipv6BadChecksumGoldenBytes() {
        ProbeWriter w = ProbeWriter.ipv6(ProbeCrafting.builder().ttl(9).badChecksum(true).build(), SYN, 64, c -> 0,
                FIXED);
        List<Sent> sent = write6(w, 443);
        // the same bytes but the checksum's low bit: 0x6510 becomes 0x6511
        assertThat(sent).extracting(ProbeWriterTest::hex).containsExactly(GOLDEN_SYN6.replace("65100000", "65110000"));
        assertThat(IpPacket.parse(ByteBuffer.wrap(sent.getFirst().bytes())).checksumValid()).isFalse();
    }

    /** -f over IPv6: the 24 TCP bytes in three 8-byte pieces, each behind a Fragment header with one identification. */
    @Test
    void ipv6EightByteFragmentsGoldenBytes() {
        ProbeWriter w = ProbeWriter.ipv6(ProbeCrafting.builder().ttl(9).fragments(1).build(), SYN, 64, c -> 0, FIXED);
        assertThat(w.packetsPerProbe()).isEqualTo(3);
        assertThat(w.maxPacketLength()).isEqualTo(40 + 8 + 8);
        List<Sent> sent = write6(w, 443);
        String header = "6000000000102c0920010db800000000000000000000000120010db8000000000000000000000002";
        assertThat(sent).extracting(ProbeWriterTest::hex).containsExactly(
                header + "0600000111223345" + "9c4001bb000035a6",
                header + "0600000911223345" + "0000000060020400",
                header + "0600001011223345" + "65100000020405b4");
        assertThat(sent).extracting(Sent::real).containsExactly(true, false, false);
        // the next probe's fragments carry the next identification
        assertThat(hex(write6(w, 443).getFirst())).contains("0600000111223346");
    }

    /** -D 2001:db8::5,ME,192.0.2.9,RND over IPv6: the IPv6 decoys in the list's order, the IPv4 one left out. */
    @Test
    void ipv6DecoysInTheListsOrder() {
        List<Decoy> list = ProbeCrafting.parseDecoys("2001:db8::5,ME,192.0.2.9,RND", new SplittableRandom(4));
        ProbeCrafting c = ProbeCrafting.builder().dataLength(3).decoys(list).build();
        ProbeWriter w = ProbeWriter.ipv6(c, SYN, 64, cookie -> 0, new SplittableRandom(5));
        assertThat(w.packetsPerProbe()).isEqualTo(4);
        List<Sent> sent = write6(w, 80);
        assertThat(sent).hasSize(3);
        assertThat(sent).extracting(Sent::real).containsExactly(false, true, false);
        Ipv6Address rnd = Ipv6Address.of((java.net.Inet6Address) list.get(3).source(true));
        List<Ipv6Address> sources = List.of(Ipv6Address.parse("2001:db8::5"), SCANNER6, rnd);
        for (int i = 0; i < 3; i++) {
            IpPacket p = IpPacket.parse(ByteBuffer.wrap(sent.get(i).bytes()));
            Ipv6Header ip = (Ipv6Header) p.ip();
            assertThat(ip.source()).isEqualTo(sources.get(i));
            assertThat(ip.destination()).isEqualTo(TARGET6);
            assertThat(p.payload().length()).isEqualTo(3);
            assertThat(p.checksumValid()).isTrue();
            assertThat(((TcpHeader) p.upper()).sequenceNumber()).isEqualTo(COOKIE6.of(sources.get(i).high(),
                    sources.get(i).low(), TARGET6.high(), TARGET6.low(), 80));
        }
        // and the IPv4 writer of the same list sends the IPv4 decoys (192.0.2.9 and RND's IPv4) beside ME
        List<Sent> sent4 = write(new ProbeWriter(c, SYN, 64, new SplittableRandom(5)), 80);
        assertThat(sent4).extracting(Sent::real).containsExactly(true, false, false);
        assertThat(Ipv4Header.parse(ByteBuffer.wrap(sent4.get(1).bytes())).source())
                .isEqualTo(Ipv4Address.parse("192.0.2.9"));
    }

    @Test
    void ipv6WritingAllocatesNothing() {
        ProbeCrafting c = ProbeCrafting.builder().dataLength(100).fragments(2)
                .decoys(ProbeCrafting.parseDecoys("RND:3", new SplittableRandom(2))).build();
        ProbeWriter w = ProbeWriter.ipv6(c, SYN, 64, cookie -> cookie, new SplittableRandom(3));
        long[] bytes = new long[1];
        ProbeWriter.Packets sink = (b, n, real) -> bytes[0] += n;
        Ipv6Address[] targets = new Ipv6Address[256];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = new Ipv6Address(TARGET6.high(), i);
        }
        assertAllocatesNothing(() -> {
            for (int i = 0; i < 20_000; i++) {
                w.write(SCANNER6, targets[i & 0xff], 40000, i & 0xffff, COOKIE6, sink);
            }
        });
        assertThat(bytes[0]).isPositive();
    }

    /** The TCP checksum of a parsed packet, checked without the IP header's (the test rewrote that). */
    static final class InternetChecksumOf {
        static boolean tcpValid(IpPacket p) {
            Ipv4Header ip = ((Ipv4Header) p.ip()).withComputedChecksum();
            return new IpPacket(ip, p.upper(), p.payload()).checksumValid();
        }
    }
}
