package dev.portolan.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransportTest {
    @Test
    void tcpHeaderWithSackBlocksAnUnknownOptionAndEndOfList() {
        byte[] b = Hex.bytes(
                "0050 c350",  // ports 80 -> 50000
                "00000064",   // sequence 100
                "000003e8",   // acknowledgment 1000
                "c0 18",      // data offset 12 words (48 bytes); flags PSH|ACK
                "01f5",       // window 501
                "1234 0000",  // checksum (not checked here); urgent pointer 0
                "01 01",      // NOP, NOP
                "05 12",      // SACK, length 18: two blocks
                "000007d0 00000bb8", // 2000..3000
                "00000fa0 00001388", // 4000..5000
                "1e 04 0081", // kind 30 (MPTCP), length 4, data kept raw
                "00",         // end of option list
                "000000");    // padding to the data offset
        TcpHeader h = TcpHeader.parse(ByteBuffer.wrap(b));
        TcpHeader expected = new TcpHeader(80, 50000, 100, 1000, TcpFlags.PSH | TcpFlags.ACK, 501, 0x1234, 0, List.of(
                TcpOption.NOP, TcpOption.NOP,
                new TcpOption.Sack(List.of(new TcpOption.SackBlock(2000, 3000), new TcpOption.SackBlock(4000, 5000))),
                new TcpOption.Unknown(30, Bytes.fromHex("0081")),
                new TcpOption.EndOfList(Bytes.fromHex("000000"))));
        assertThat(h).isEqualTo(expected);
        assertThat(h.headerLength()).isEqualTo(48);
        assertThat(h.dataOffset()).isEqualTo(12);
        assertThat(h.ack()).isTrue();
        assertThat(h.syn()).isFalse();
        assertThat(h.option(TcpOption.Sack.class).blocks()).hasSize(2);
        assertThat(h.option(TcpOption.Mss.class)).isNull();
        assertThat(expected.toBytes()).isEqualTo(b);
    }

    @Test
    void everyFlagBitRoundTrips() {
        for (int flags = 0; flags <= TcpFlags.ALL; flags++) {
            TcpHeader h = TcpHeader.of(1, 2, 3, 4, flags, 5, List.of());
            assertThat(TcpHeader.parse(ByteBuffer.wrap(h.toBytes())).flags()).isEqualTo(flags);
        }
        assertThat(TcpFlags.toString(TcpFlags.SYN | TcpFlags.ACK)).isEqualTo("SYN|ACK");
        assertThat(TcpFlags.toString(TcpFlags.FIN | TcpFlags.PSH | TcpFlags.URG)).isEqualTo("FIN|PSH|URG");
        assertThat(TcpFlags.toString(TcpFlags.AE | TcpFlags.CWR | TcpFlags.ECE)).isEqualTo("ECE|CWR|AE");
        assertThat(TcpFlags.toString(0)).isEqualTo("none");
    }

    @Test
    void optionsArePaddedWithZerosToAWordBoundary() {
        // MSS + window scale = 7 bytes: one zero byte of padding, which reads back as an end of list
        TcpHeader h = TcpHeader.of(40000, 22, 1, 0, TcpFlags.SYN, 1024,
                List.of(new TcpOption.Mss(1460), new TcpOption.WindowScale(10)));
        byte[] b = h.toBytes();
        assertThat(Hex.of(b)).isEqualTo("9c400016" + "00000001" + "00000000" + "7002" + "0400" + "00000000"
                + "020405b4" + "03030a" + "00");
        assertThat(TcpHeader.parse(ByteBuffer.wrap(b)).options()).containsExactly(new TcpOption.Mss(1460),
                new TcpOption.WindowScale(10), TcpOption.EndOfList.of());
    }

    @Test
    void malformedTcpHeaders() {
        String fixed = "0050 c350 00000064 000003e8";
        assertThatThrownBy(() -> TcpHeader.parse(Hex.buffer(fixed)))
                .isInstanceOf(MalformedPacketException.class)
                .hasMessage("tcp: header needs 20 bytes, only 12 available");
        assertThatThrownBy(() -> TcpHeader.parse(Hex.buffer(fixed, "3010 01f5 0000 0000")))
                .hasMessage("tcp: data offset 3 is below 5");
        assertThatThrownBy(() -> TcpHeader.parse(Hex.buffer(fixed, "6010 01f5 0000 0000")))
                .hasMessage("tcp: data offset 6 (24 bytes) exceeds the 20 bytes available");
        assertThatThrownBy(() -> TcpHeader.parse(Hex.buffer(fixed, "6010 01f5 0000 0000", "020505b4")))
                .hasMessage("tcp: option 2 at byte 20 has length 5, past the end of the header");
        assertThatThrownBy(() -> TcpHeader.parse(Hex.buffer(fixed, "6010 01f5 0000 0000", "01020305")))
                .hasMessage("tcp: MSS option at byte 21 has length 3, expected 4");
    }

    @Test
    void malformedTcpOptions() {
        String fixed = "0050 c350 00000064 000003e8";
        String offset6 = "6010 01f5 0000 0000";
        assertThatThrownBy(() -> TcpHeader.parse(Hex.buffer(fixed, offset6, "01010102")))
                .hasMessage("tcp: option 2 at byte 23 has no length byte");
        assertThatThrownBy(() -> TcpHeader.parse(Hex.buffer(fixed, offset6, "08010000")))
                .hasMessage("tcp: option 8 at byte 20 has length 1, below 2");
        assertThatThrownBy(() -> TcpHeader.parse(Hex.buffer(fixed, offset6, "02030500")))
                .hasMessage("tcp: MSS option at byte 20 has length 3, expected 4");
        assertThatThrownBy(() -> TcpHeader.parse(Hex.buffer(fixed, offset6, "04030000")))
                .hasMessage("tcp: SACK-permitted option at byte 20 has length 3, expected 2");
        assertThatThrownBy(() -> TcpHeader.parse(
                Hex.buffer(fixed, "9010 01f5 0000 0000", "0101 050c", "00".repeat(12))))
                .hasMessage("tcp: SACK option at byte 22 has length 12, not 2 + 8n");
        assertThatThrownBy(() -> TcpHeader.parse(Hex.buffer(fixed, "8010 01f5 0000 0000", "080c", "00".repeat(10))))
                .hasMessage("tcp: timestamps option at byte 20 has length 12, expected 10");
    }

    @Test
    void udpHeaderBothWays() {
        byte[] b = Hex.bytes("9c40 0035", "000d", "3350", "68656c6c6f"); // 40000 -> 53, length 13, "hello"
        UdpHeader h = UdpHeader.parse(ByteBuffer.wrap(b));
        assertThat(h).isEqualTo(new UdpHeader(40000, 53, 13, 0x3350));
        assertThat(h.encodedLength()).isEqualTo(8);
        assertThat(h.toBytes()).isEqualTo(java.util.Arrays.copyOf(b, 8));
        assertThatThrownBy(() -> UdpHeader.parse(Hex.buffer("9c40 0035 0007 0000")))
                .isInstanceOf(MalformedPacketException.class).hasMessage("udp: length 7 is below 8");
        assertThatThrownBy(() -> UdpHeader.parse(Hex.buffer("9c40 0035 0010 0000 00")))
                .hasMessage("udp: length 16 exceeds the 9 bytes available");
        assertThatThrownBy(() -> UdpHeader.parse(Hex.buffer("9c40 0035 00")))
                .hasMessage("udp: header needs 8 bytes, only 5 available");
    }
}
