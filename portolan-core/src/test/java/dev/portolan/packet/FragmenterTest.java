package dev.portolan.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FragmenterTest {
    private static final byte[] SYN = CapturedPacketsTest.SYN_PROBE;

    /** nmap's -f on the golden SYN: its 24 TCP bytes in three 8-byte fragments, MF on all but the last. */
    @Test
    void ipv4EightByteFragmentsOfTheGoldenSyn() {
        Ipv4Fragmenter f = Ipv4Fragmenter.of(8);
        assertThat(f.count(SYN.length)).isEqualTo(3);
        assertThat(f.maxFragmentLength(SYN.length)).isEqualTo(28);
        assertThat(fragment(f, 0)).isEqualTo(Hex.bytes(
                "45 00 001c", "1234 2000", "40 06 5c6c", "c0000201 c6336407", // MF, offset 0
                "9c40 0016 c0ffee00"));
        assertThat(fragment(f, 1)).isEqualTo(Hex.bytes(
                "45 00 001c", "1234 2001", "40 06 5c6b", "c0000201 c6336407", // MF, offset 1 (8 bytes)
                "00000000 6002 0400"));
        assertThat(fragment(f, 2)).isEqualTo(Hex.bytes(
                "45 00 001c", "1234 0002", "40 06 7c6a", "c0000201 c6336407", // last, offset 2 (16 bytes)
                "5c93 0000 020405b4"));
    }

    @Test
    void ipv4FragmentsParseAndReassembleToTheDatagram() {
        SplittableRandom random = new SplittableRandom(8);
        for (int size : new int[] {8, 16, 24, 64, 1480}) {
            Ipv4Fragmenter f = Ipv4Fragmenter.of(size);
            for (int n = 0; n < 200; n++) {
                byte[] payload = new byte[random.nextInt(1500)];
                random.nextBytes(payload);
                int flags = random.nextBoolean() ? Ipv4Header.FLAG_DONT_FRAGMENT : 0;
                byte[] datagram = IpPacket.assemble(new Ipv4Header(0, 0, random.nextInt(1, 65536), flags, 0, 64,
                        IpProtocol.TCP, 0, Ipv4Address.parse("192.0.2.1"), CapturedPacketsTest.TARGET, Bytes.EMPTY),
                        TcpHeader.of(1, 2, 3, 0, TcpFlags.SYN, 1024, java.util.List.of()), Bytes.of(payload))
                        .toBytes();
                byte[] body = new byte[datagram.length - 20];
                int expectedCount = Math.max(1, (datagram.length - 20 + size - 1) / size);
                assertThat(f.count(datagram.length)).isEqualTo(expectedCount);
                for (int k = 0; k < expectedCount; k++) {
                    ByteBuffer out = ByteBuffer.allocate(f.maxFragmentLength(datagram.length));
                    f.write(datagram, 0, datagram.length, k, out);
                    Ipv4Header h = Ipv4Header.parse(ByteBuffer.wrap(out.array(), 0, out.position()));
                    assertThat(h.checksumValid()).isTrue();
                    assertThat(h.identification()).isEqualTo(BigEndian.u16(ByteBuffer.wrap(datagram), 4));
                    assertThat(h.dontFragment()).isEqualTo(flags != 0);
                    assertThat(h.moreFragments()).isEqualTo(k < expectedCount - 1);
                    assertThat(h.fragmentOffsetBytes()).isEqualTo(k * size);
                    System.arraycopy(out.array(), 20, body, h.fragmentOffsetBytes(), h.totalLength() - 20);
                }
                assertThat(body).isEqualTo(Arrays.copyOfRange(datagram, 20, datagram.length));
            }
        }
    }

    @Test
    void ipv4RefusesWhatItCannotFragment() {
        assertThatThrownBy(() -> Ipv4Fragmenter.of(12)).hasMessage("fragment size 12 is not a positive multiple of 8");
        assertThatThrownBy(() -> Ipv4Fragmenter.of(0)).isInstanceOf(IllegalArgumentException.class);
        Ipv4Fragmenter f = Ipv4Fragmenter.of(8);
        byte[] fragment = fragment(f, 1);
        assertThatThrownBy(() -> f.write(fragment, 0, fragment.length, 0, ByteBuffer.allocate(64)))
                .hasMessage("fragmenting: the datagram is a fragment already");
        byte[] withOptions = SYN.clone();
        withOptions[0] = 0x46;
        assertThatThrownBy(() -> f.write(withOptions, 0, withOptions.length, 0, ByteBuffer.allocate(64)))
                .hasMessage("fragmenting: need an IPv4 datagram with a 20-byte header");
        assertThatThrownBy(() -> f.write(SYN, 0, SYN.length, 3, ByteBuffer.allocate(64)))
                .hasMessage("fragment 3 of 3");
        ByteBuffer small = ByteBuffer.allocate(27);
        assertThatThrownBy(() -> f.write(SYN, 0, SYN.length, 0, small)).isInstanceOf(BufferOverflowException.class);
        assertThat(small.position()).isZero();
    }

    /** A 64-byte IPv6 packet in 16-byte fragments: Fragment header with next header TCP, offset, M, identification. */
    @Test
    void ipv6FragmentsCarryTheFragmentHeader() {
        byte[] packet = Hex.bytes("6000 0000 0018 06 40", "20010db8000000000000000000000001",
                "20010db8000000000000000000000002", "000102030405060708090a0b0c0d0e0f1011121314151617");
        Ipv6Fragmenter f = Ipv6Fragmenter.of(16);
        assertThat(f.count(packet.length)).isEqualTo(2);
        ByteBuffer out = ByteBuffer.allocate(f.maxFragmentLength(packet.length) * 2);
        f.write(packet, 0, packet.length, 0xabcdef01, 0, out);
        f.write(packet, 0, packet.length, 0xabcdef01, 1, out);
        assertThat(Arrays.copyOf(out.array(), out.position())).isEqualTo(Hex.bytes(
                "6000 0000 0018 2c 40", "20010db8000000000000000000000001", "20010db8000000000000000000000002",
                "06 00 0001 abcdef01", // next header TCP; offset 0, M; identification
                "000102030405060708090a0b0c0d0e0f",
                "6000 0000 0010 2c 40", "20010db8000000000000000000000001", "20010db8000000000000000000000002",
                "06 00 0010 abcdef01", // offset 2 (16 bytes), last
                "1011121314151617"));
        IpPacket first = IpPacket.parse(ByteBuffer.wrap(out.array(), 0, 64));
        assertThat(((Ipv6Header) first.ip()).isFragment()).isTrue();
    }

    @Test
    void ipv6RefusesExtensionHeadersAndOtherVersions() {
        Ipv6Fragmenter f = Ipv6Fragmenter.of(8);
        byte[] withHopByHop = Hex.bytes("6000 0000 0008 00 40", "20010db8000000000000000000000001",
                "20010db8000000000000000000000002", "0600000000000000");
        assertThatThrownBy(() -> f.write(withHopByHop, 0, withHopByHop.length, 1, 0, ByteBuffer.allocate(64)))
                .hasMessage("fragmenting: the packet has extension headers");
        assertThatThrownBy(() -> f.write(SYN, 0, SYN.length, 1, 0, ByteBuffer.allocate(64)))
                .hasMessage("fragmenting: need an IPv6 packet of 40 bytes or more");
    }

    private static byte[] fragment(Ipv4Fragmenter f, int k) {
        ByteBuffer out = ByteBuffer.allocate(64);
        f.write(SYN, 0, SYN.length, k, out);
        return Arrays.copyOf(out.array(), out.position());
    }
}
