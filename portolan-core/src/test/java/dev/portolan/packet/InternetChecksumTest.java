package dev.portolan.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InternetChecksumTest {
    @Test
    void rfc1071NumericalExample() {
        // RFC 1071 §3: the words 0001 f203 f4f5 f6f7 sum to ddf2 (carries folded), so the checksum is ~ddf2
        byte[] b = Hex.bytes("0001 f203 f4f5 f6f7");
        assertThat(InternetChecksum.fold(InternetChecksum.add(0, b, 0, b.length))).isEqualTo(0xddf2);
        assertThat(InternetChecksum.of(b, 0, b.length)).isEqualTo(0x220d);
        assertThat(InternetChecksum.of(ByteBuffer.wrap(b))).isEqualTo(0x220d);
    }

    @Test
    void aWellKnownIpv4HeaderChecksum() {
        // 192.168.0.1 -> 192.168.0.199, UDP, total length 115, DF: checksum b861
        byte[] header = Hex.bytes("4500 0073 0000 4000 4011 0000 c0a8 0001 c0a8 00c7");
        assertThat(InternetChecksum.of(header, 0, header.length)).isEqualTo(0xb861);
        header[10] = (byte) 0xb8;
        header[11] = 0x61;
        assertThat(InternetChecksum.verifies(InternetChecksum.add(0, header, 0, header.length))).isTrue();
        header[8] = 0x3f; // the TTL a router would leave, without fixing the checksum
        assertThat(InternetChecksum.verifies(InternetChecksum.add(0, header, 0, header.length))).isFalse();
    }

    @Test
    void anOddLengthIsPaddedWithAZeroByte() {
        assertThat(InternetChecksum.of(Hex.bytes("0102 03"), 0, 3))
                .isEqualTo(InternetChecksum.of(Hex.bytes("0102 0300"), 0, 4));
        assertThat(InternetChecksum.of(new byte[0], 0, 0)).isEqualTo(0xffff);
    }

    @Test
    void rfc1624IncrementalUpdateExample() {
        // RFC 1624 §4: HC 0xdd2f, m 0x5555 -> m' 0x3285 gives 0x0000 by equation 3 (equation 2 gave the wrong 0xffff)
        assertThat(InternetChecksum.update(0xdd2f, 0x5555, 0x3285)).isEqualTo(0x0000);
    }

    @Test
    void incrementalUpdatesMatchRecomputingOnRandomData() {
        SplittableRandom random = new SplittableRandom(1624);
        for (int n = 0; n < 2000; n++) {
            byte[] data = new byte[2 * (2 + random.nextInt(40))];
            random.nextBytes(data);
            int checksum = InternetChecksum.of(data, 0, data.length);
            int at = 2 * random.nextInt(data.length / 2 - 1);
            int old32 = ByteBuffer.wrap(data).getInt(at);
            int new32 = random.nextInt();
            ByteBuffer.wrap(data).putInt(at, new32);
            int recomputed = InternetChecksum.of(data, 0, data.length);
            assertThat(InternetChecksum.update32(checksum, old32, new32)).as("case %d", n).isEqualTo(recomputed);
            int new16 = random.nextInt(0x10000);
            int old16 = ByteBuffer.wrap(data).getShort(at) & 0xffff;
            ByteBuffer.wrap(data).putShort(at, (short) new16);
            assertThat(InternetChecksum.update(recomputed, old16, new16)).as("case %d", n)
                    .isEqualTo(InternetChecksum.of(data, 0, data.length));
        }
    }

    @Test
    void bufferSumsAgreeWithArraySumsAtAnyOffsetAndByteOrder() {
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 0; n < 500; n++) {
            byte[] data = new byte[1 + random.nextInt(100)];
            random.nextBytes(data);
            int off = random.nextInt(data.length);
            int len = random.nextInt(data.length - off + 1);
            long expected = InternetChecksum.fold(InternetChecksum.add(0, data, off, len));
            ByteBuffer little = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(InternetChecksum.fold(InternetChecksum.add(0, ByteBuffer.wrap(data), off, len)))
                    .isEqualTo(expected);
            assertThat(InternetChecksum.fold(InternetChecksum.add(0, little, off, len))).isEqualTo(expected);
        }
    }

    @Test
    void pseudoHeadersSumTheFieldsOfRfc793AndRfc8200() {
        // IPv4: 192.0.2.1, 198.51.100.7, zero, protocol 6, length 40
        byte[] v4 = Hex.bytes("c0000201 c6336407 00 06 0028");
        assertThat(InternetChecksum.fold(InternetChecksum.ipv4PseudoHeader(
                Ipv4Address.parse("192.0.2.1"), Ipv4Address.parse("198.51.100.7"), 6, 40)))
                .isEqualTo(InternetChecksum.fold(InternetChecksum.add(0, v4, 0, v4.length)));
        // IPv6: source, destination, 32-bit length 70000, three zero bytes, next header 58
        byte[] v6 = Hex.bytes("20010db8000000000000000000000001", "20010db8000000000000000000000007",
                "00011170", "000000", "3a");
        assertThat(InternetChecksum.fold(InternetChecksum.ipv6PseudoHeader(
                Ipv6Address.parse("2001:db8::1"), Ipv6Address.parse("2001:db8::7"), 58, 70000)))
                .isEqualTo(InternetChecksum.fold(InternetChecksum.add(0, v6, 0, v6.length)));
    }
}
