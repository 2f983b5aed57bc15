package dev.portolan.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TcpTemplateTest {
    private static final Ipv4Address SCANNER = Ipv4Address.parse("192.0.2.1");
    private static final Ipv6Address SCANNER6 = Ipv6Address.parse("2001:db8::1");
    private static final List<TcpOption> MSS = List.of(new TcpOption.Mss(1460));

    /** A SYN prototype whose per-target fields all differ from what the writes will put there. */
    private static IpPacket synPrototype4() {
        return new IpPacket(new Ipv4Header(0, 0, 0x1111, 0, 0, 64, IpProtocol.TCP, 0, SCANNER,
                Ipv4Address.parse("203.0.113.99"), Bytes.EMPTY),
                TcpHeader.of(1, 2, 3, 0, TcpFlags.SYN, 1024, MSS), Bytes.EMPTY);
    }

    @Test
    void ipv4WriteGivesTheGoldenSynProbe() {
        Ipv4TcpTemplate t = Ipv4TcpTemplate.of(synPrototype4());
        ByteBuffer out = ByteBuffer.allocate(100);
        t.writeTo(out, CapturedPacketsTest.TARGET.bits(), 40000, 22, 0xc0ffee00, 0, 0x1234);
        assertThat(out.position()).isEqualTo(44);
        assertThat(Arrays.copyOf(out.array(), 44)).isEqualTo(CapturedPacketsTest.SYN_PROBE);
    }

    /** -g 53 --ttl 7 --data-length 5 --badsum: the crafted fields, the payload in the sum, the low bit flipped. */
    @Test
    void ipv4CraftedProbeWithTtlPayloadAndBadChecksum() {
        IpPacket prototype = new IpPacket(new Ipv4Header(0, 0, 0, 0, 0, 7, IpProtocol.TCP, 0, SCANNER,
                Ipv4Address.ANY, Bytes.EMPTY), TcpHeader.of(0, 0, 0, 0, TcpFlags.SYN, 1024, MSS),
                Bytes.fromHex("deadbeef01"));
        Ipv4TcpTemplate t = Ipv4TcpTemplate.of(prototype, true);
        ByteBuffer out = ByteBuffer.allocate(t.length());
        t.writeTo(out, CapturedPacketsTest.TARGET.bits(), 53, 22, 0xc0ffee00, 0, 0x1234);
        assertThat(out.array()).isEqualTo(Hex.bytes(
                "45 00 0031", "1234 0000", "07 06 b557", "c0000201 c6336407", // total 49; TTL 7
                "0035 0016", "c0ffee00", "00000000", "6002 0400",             // 53 -> 22
                "59fd 0000",                                                  // 0x59fc would be right
                "020405b4", "deadbeef01"));
        IpPacket parsed = IpPacket.parse(out.flip());
        assertThat(parsed.payload()).isEqualTo(Bytes.fromHex("deadbeef01"));
        assertThat(parsed.checksumValid()).isFalse();
    }

    /** The flip never turns a right checksum into its other encoding (0x0000 and 0xffff are the same sum). */
    @Test
    void badChecksumsNeverVerifyForRandomTargets() {
        SplittableRandom random = new SplittableRandom(5);
        Ipv4TcpTemplate bad4 = Ipv4TcpTemplate.of(synPrototype4(), true);
        Ipv6TcpTemplate bad6 = Ipv6TcpTemplate.of(new IpPacket(Ipv6Header.of(SCANNER6, Ipv6Address.ANY,
                IpProtocol.TCP, 64), TcpHeader.of(0, 0, 0, 0, TcpFlags.SYN, 1024, MSS), Bytes.EMPTY), true);
        ByteBuffer out = ByteBuffer.allocate(100);
        for (int n = 0; n < 20_000; n++) {
            bad4.writeTo(out.clear(), random.nextInt(), random.nextInt(65536), random.nextInt(65536),
                    random.nextInt());
            assertThat(IpPacket.parse(out.flip()).checksumValid()).as("case %d", n).isFalse();
            bad6.writeTo(out.clear(), random.nextLong(), random.nextLong(), random.nextInt(65536),
                    random.nextInt(65536), random.nextInt());
            assertThat(IpPacket.parse(out.flip()).checksumValid()).as("case %d", n).isFalse();
        }
    }

    @Test
    void ipv4WritesEqualAssembledPacketsForRandomTargets() {
        SplittableRandom random = new SplittableRandom(4);
        IpPacket prototype = new IpPacket(
                new Ipv4Header(0, 0, 0, Ipv4Header.FLAG_DONT_FRAGMENT, 0, 51, IpProtocol.TCP, 0, SCANNER,
                        Ipv4Address.ANY, Bytes.fromHex("01010100")),
                TcpHeader.of(0, 0, 0, 0, TcpFlags.ACK, 65535, List.of(new TcpOption.Mss(536),
                        TcpOption.SACK_PERMITTED, new TcpOption.Timestamps(7, 0), TcpOption.NOP,
                        new TcpOption.WindowScale(10))),
                Bytes.fromHex("0102030405")); // an odd payload length exercises the padding of the sum
        Ipv4TcpTemplate t = Ipv4TcpTemplate.of(prototype);
        Ipv4Header ip = (Ipv4Header) prototype.ip();
        TcpHeader tcp = (TcpHeader) prototype.upper();
        ByteBuffer out = ByteBuffer.allocate(t.length());
        for (int n = 0; n < 2000; n++) {
            int dst = random.nextInt();
            int sport = random.nextInt(65536);
            int dport = random.nextInt(65536);
            int seq = random.nextInt();
            int ack = random.nextInt();
            int id = random.nextInt(65536);
            t.writeTo(out.clear(), dst, sport, dport, seq, ack, id);
            IpPacket expected = IpPacket.assemble(
                    new Ipv4Header(ip.tos(), 0, id, ip.flags(), 0, ip.ttl(), IpProtocol.TCP, 0, SCANNER,
                            new Ipv4Address(dst), ip.options()),
                    new TcpHeader(sport, dport, seq, ack, tcp.flags(), tcp.window(), 0, 0, tcp.options()),
                    prototype.payload());
            assertThat(out.array()).as("case %d", n).isEqualTo(expected.toBytes());
            assertThat(IpPacket.parse(out.flip()).checksumValid()).isTrue();
        }
    }

    @Test
    void ipv6WritesEqualAssembledPacketsForRandomTargets() {
        SplittableRandom random = new SplittableRandom(6);
        IpPacket prototype = new IpPacket(Ipv6Header.of(SCANNER6, Ipv6Address.ANY, IpProtocol.TCP, 64),
                TcpHeader.of(0, 0, 0, 0, TcpFlags.SYN, 1024, MSS), Bytes.EMPTY);
        Ipv6TcpTemplate t = Ipv6TcpTemplate.of(prototype);
        assertThat(t.length()).isEqualTo(64);
        ByteBuffer out = ByteBuffer.allocate(t.length());
        for (int n = 0; n < 2000; n++) {
            Ipv6Address dst = new Ipv6Address(random.nextLong(), random.nextLong());
            int sport = random.nextInt(65536);
            int dport = random.nextInt(65536);
            int seq = random.nextInt();
            t.writeTo(out.clear(), dst.high(), dst.low(), sport, dport, seq);
            IpPacket expected = IpPacket.assemble(Ipv6Header.of(SCANNER6, dst, IpProtocol.TCP, 64),
                    TcpHeader.of(sport, dport, seq, 0, TcpFlags.SYN, 1024, MSS), Bytes.EMPTY);
            assertThat(out.array()).as("case %d", n).isEqualTo(expected.toBytes());
        }
    }

    @Test
    void aLinkHeaderIsCopiedInFrontAndWritesLandAtThePosition() {
        EthernetHeader eth = EthernetHeader.of(MacAddress.parse("00:11:22:33:44:55"),
                MacAddress.parse("02:aa:bb:cc:dd:ee"), EtherType.IPV4);
        Ipv4TcpTemplate t = Ipv4TcpTemplate.of(eth, synPrototype4());
        assertThat(t.length()).isEqualTo(58);
        ByteBuffer out = ByteBuffer.allocate(200).order(ByteOrder.LITTLE_ENDIAN);
        out.position(7);
        t.writeTo(out, CapturedPacketsTest.TARGET.bits(), 40000, 22, 0xc0ffee00, 0, 0x1234);
        t.writeTo(out, CapturedPacketsTest.TARGET.bits(), 40000, 22, 0xc0ffee00, 0, 0x1234);
        assertThat(out.position()).isEqualTo(7 + 2 * 58);
        byte[] one = new byte[58];
        System.arraycopy(eth.toBytes(), 0, one, 0, 14);
        System.arraycopy(CapturedPacketsTest.SYN_PROBE, 0, one, 14, 44);
        assertThat(Arrays.copyOfRange(out.array(), 7, 65)).isEqualTo(one);
        assertThat(Arrays.copyOfRange(out.array(), 65, 123)).isEqualTo(one);
    }

    @Test
    void aFullBufferIsRefusedBeforeAnythingIsWritten() {
        Ipv4TcpTemplate t = Ipv4TcpTemplate.of(synPrototype4());
        ByteBuffer out = ByteBuffer.allocate(43);
        assertThatThrownBy(() -> t.writeTo(out, 1, 2, 3, 4)).isInstanceOf(BufferOverflowException.class);
        assertThat(out.position()).isZero();
        assertThat(out.array()).containsOnly(0);
    }

    @Test
    void prototypesMustBeTcpOverTheRightVersionAndWhole() {
        IpPacket udp = IpPacket.assemble(Ipv4Header.of(SCANNER, SCANNER, IpProtocol.UDP, 64), UdpHeader.of(1, 2),
                Bytes.EMPTY);
        assertThatThrownBy(() -> Ipv4TcpTemplate.of(udp)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("template: the prototype must be TCP over IPv4");
        assertThatThrownBy(() -> Ipv6TcpTemplate.of(synPrototype4()))
                .hasMessage("template: the prototype must be TCP over IPv6");
        IpPacket fragment = new IpPacket(new Ipv4Header(0, 0, 0, Ipv4Header.FLAG_MORE_FRAGMENTS, 0, 64, IpProtocol.TCP,
                0, SCANNER, SCANNER, Bytes.EMPTY),
                TcpHeader.of(1, 2, 3, 0, TcpFlags.SYN, 1024, List.of()), Bytes.EMPTY);
        assertThatThrownBy(() -> Ipv4TcpTemplate.of(fragment))
                .hasMessage("template: the prototype must not be a fragment");
    }

    @Test
    void writingAllocatesNothing() {
        Ipv4TcpTemplate t4 = Ipv4TcpTemplate.of(synPrototype4());
        Ipv6TcpTemplate t6 = Ipv6TcpTemplate.of(new IpPacket(
                Ipv6Header.of(SCANNER6, Ipv6Address.ANY, IpProtocol.TCP, 64),
                TcpHeader.of(0, 0, 0, 0, TcpFlags.SYN, 1024, MSS), Bytes.EMPTY));
        ByteBuffer out = ByteBuffer.allocateDirect(t6.length());
        Runnable burst = () -> {
            for (int i = 0; i < 100_000; i++) {
                t4.writeTo(out.clear(), i, 40000, i & 0xffff, i * 31);
                t6.writeTo(out.clear(), 0x20010db8L << 32, i, 40000, i & 0xffff, i * 31);
            }
        };
        burst.run();
        // 200 000 writes: even one 16-byte object each would be 3 MB
        assertThat(allocatedBy(burst)).isLessThan(64 * 1024);
    }

    static long allocatedBy(Runnable r) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = bean.getCurrentThreadAllocatedBytes();
        r.run();
        return bean.getCurrentThreadAllocatedBytes() - before;
    }
}
