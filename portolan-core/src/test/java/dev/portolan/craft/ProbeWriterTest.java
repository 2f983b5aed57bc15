package dev.portolan.craft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portolan.packet.IpPacket;
import dev.portolan.packet.Ipv4Address;
import dev.portolan.packet.Ipv4Header;
import dev.portolan.packet.TcpFlags;
import dev.portolan.packet.TcpHeader;
import dev.portolan.packet.TcpOption;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
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
        Runnable burst = () -> {
            for (int i = 0; i < 20_000; i++) {
                w.write(SCANNER, TARGET + i, 40000, i & 0xffff, COOKIE, sink);
            }
        };
        burst.run();
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = bean.getCurrentThreadAllocatedBytes();
        burst.run();
        assertThat(bean.getCurrentThreadAllocatedBytes() - before).isLessThan(64 * 1024);
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
