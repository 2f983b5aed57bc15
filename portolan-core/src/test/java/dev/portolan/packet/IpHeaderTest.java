package dev.portolan.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpHeaderTest {
    private static final Ipv4Address SCANNER = Ipv4Address.parse("192.0.2.1");
    private static final Ipv4Address TARGET = Ipv4Address.parse("198.51.100.7");
    private static final Ipv6Address SCANNER6 = Ipv6Address.parse("2001:db8::1");
    private static final Ipv6Address TARGET6 = Ipv6Address.parse("2001:db8::7");

    /** IPv4 with the router alert option (RFC 2113), carrying UDP 5353 -> 5353 "ping". */
    static final byte[] IPV4_WITH_OPTIONS = Hex.bytes(
            "46 00 0024",  // version 4, IHL 6 words; TOS 0; total length 36
            "0001 0000",   // identification 1; no flags, offset 0
            "01 11 3888",  // TTL 1; protocol 17 UDP; header checksum
            "c0000201",    // source 192.0.2.1
            "c6336407",    // destination 198.51.100.7
            "94040000",    // option 148 router alert, length 4, value 0
            "14e9 14e9 000c 0af7", // UDP 5353 -> 5353, length 12, checksum
            "70696e67");   // "ping"

    @Test
    void ipv4HeaderWithOptionsBothWays() {
        Ipv4Header h = Ipv4Header.parse(ByteBuffer.wrap(IPV4_WITH_OPTIONS));
        Ipv4Header expected = new Ipv4Header(0, 36, 1, 0, 0, 1, IpProtocol.UDP, 0x3888, SCANNER, TARGET,
                Bytes.fromHex("94040000"));
        assertThat(h).isEqualTo(expected);
        assertThat(h.headerLength()).isEqualTo(24);
        assertThat(h.checksumValid()).isTrue();
        assertThat(h.computeChecksum()).isEqualTo(0x3888);
        assertThat(h.isFragment()).isFalse();
        assertThat(expected.toBytes()).isEqualTo(java.util.Arrays.copyOf(IPV4_WITH_OPTIONS, 24));
        assertThat(expected.withChecksum(0x3887).checksumValid()).isFalse();
    }

    @Test
    void ipv4FragmentFields() {
        byte[] b = Hex.bytes(
                "45 00 001c",  // IHL 5, total length 28
                "0002 20b9",   // identification 2; MF set, offset 185 (1480 bytes)
                "40 11 6dda",  // TTL 64; UDP; checksum
                "c0000201 c6336407",
                "0102030405060708"); // 8 bytes from the middle of a UDP datagram
        Ipv4Header h = Ipv4Header.parse(ByteBuffer.wrap(b));
        assertThat(h.moreFragments()).isTrue();
        assertThat(h.dontFragment()).isFalse();
        assertThat(h.fragmentOffset()).isEqualTo(185);
        assertThat(h.fragmentOffsetBytes()).isEqualTo(1480);
        assertThat(h.isFragment()).isTrue();
        assertThat(h.checksumValid()).isTrue();
        IpPacket p = IpPacket.parse(ByteBuffer.wrap(b));
        assertThat(p.upper()).isEqualTo(new UpperLayer.Unparsed(IpProtocol.UDP));
        assertThat(p.payload()).isEqualTo(Bytes.fromHex("0102030405060708"));
        assertThat(p.toBytes()).isEqualTo(b);
    }

    @Test
    void ipv4ParsesFromThePositionWhateverTheByteOrderAndLeavesTheBufferAlone() {
        ByteBuffer buf = ByteBuffer.allocate(IPV4_WITH_OPTIONS.length + 10).order(ByteOrder.LITTLE_ENDIAN);
        buf.position(3).put(IPV4_WITH_OPTIONS).position(3).limit(3 + IPV4_WITH_OPTIONS.length);
        Ipv4Header h = Ipv4Header.parse(buf);
        assertThat(h.source()).isEqualTo(SCANNER);
        assertThat(h.checksum()).isEqualTo(0x3888);
        assertThat(buf.position()).isEqualTo(3);
        assertThat(buf.limit()).isEqualTo(3 + IPV4_WITH_OPTIONS.length);

        ByteBuffer out = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
        out.position(2);
        h.writeTo(out);
        assertThat(out.position()).isEqualTo(26);
        assertThat(java.util.Arrays.copyOfRange(out.array(), 2, 26))
                .isEqualTo(java.util.Arrays.copyOf(IPV4_WITH_OPTIONS, 24));
    }

    @Test
    void malformedIpv4Headers() {
        assertThatThrownBy(() -> Ipv4Header.parse(Hex.buffer("4500 0014 0000")))
                .isInstanceOf(MalformedPacketException.class)
                .hasMessage("ipv4: header needs 20 bytes, only 6 available");
        assertThatThrownBy(() -> Ipv4Header.parse(Hex.buffer("6500 0014", "00".repeat(16))))
                .hasMessage("ipv4: version 6, expected 4");
        assertThatThrownBy(() -> Ipv4Header.parse(Hex.buffer("4400 0014", "00".repeat(16))))
                .hasMessage("ipv4: header length 4 words is below 5");
        assertThatThrownBy(() -> Ipv4Header.parse(Hex.buffer("4f00 0014", "00".repeat(16))))
                .hasMessage("ipv4: header of 15 words needs 60 bytes, only 20 available");
        assertThatThrownBy(() -> Ipv4Header.parse(Hex.buffer("4500 0013", "00".repeat(16))))
                .hasMessage("ipv4: total length 19 is below the header length 20");
        assertThatThrownBy(() -> Ipv4Header.parse(Hex.buffer("4500 0028", "00".repeat(16))))
                .hasMessage("ipv4: total length 40 exceeds the 20 bytes available");
    }

    @Test
    void ipv4RecordsRefuseOutOfRangeFields() {
        assertThatThrownBy(() -> new Ipv4Header(0, 20, 0, 0, 0, 256, 6, 0, SCANNER, TARGET, Bytes.EMPTY))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("ipv4: ttl 256 is outside 0..255");
        assertThatThrownBy(() -> new Ipv4Header(0, 20, 0, 0, 0, 64, 6, 0, SCANNER, TARGET, Bytes.fromHex("0101")))
                .hasMessage("ipv4: options of 2 bytes, need a multiple of 4 up to 40");
    }

    /** IPv6 carrying UDP behind hop-by-hop, destination options, routing and (atomic) fragment headers. */
    static final byte[] IPV6_WITH_EXTENSIONS = Hex.bytes(
            "60000000",    // version 6, traffic class 0, flow label 0
            "003c 00 40",  // payload length 60; next header 0 hop-by-hop; hop limit 64
            "20010db8000000000000000000000001", // source 2001:db8::1
            "20010db8000000000000000000000007", // destination 2001:db8::7
            "3c 00",       // hop-by-hop: next 60 destination options, length 0 (8 bytes)
            "05020000",    //   router alert option, value 0
            "0100",        //   PadN with no data
            "2b 00",       // destination options: next 43 routing, 8 bytes
            "0104 00000000", // PadN with 4 data bytes
            "2c 02",       // routing: next 44 fragment, length 2 (24 bytes)
            "02 00",       //   type 2 (Mobile IPv6), segments left 0
            "00000000",    //   reserved
            "20010db8000000000000000000000099", // home address
            "11 00",       // fragment: next 17 UDP, reserved
            "0000",        //   offset 0, M 0: an atomic fragment
            "12345678",    //   identification
            "9c40 0035 000c 2916", // UDP 40000 -> 53, length 12, checksum
            "70696e67");   // "ping"

    @Test
    void ipv6ExtensionChainIsWalkedToTheUpperLayer() {
        Ipv6Header h = Ipv6Header.parse(ByteBuffer.wrap(IPV6_WITH_EXTENSIONS));
        Ipv6Header expected = new Ipv6Header(0, 0, 60, IpProtocol.HOP_BY_HOP, 64, SCANNER6, TARGET6, List.of(
                new Ipv6Extension.HopByHopOptions(60, Bytes.fromHex("050200000100")),
                new Ipv6Extension.DestinationOptions(43, Bytes.fromHex("010400000000")),
                new Ipv6Extension.Routing(44, 2, 0, Bytes.fromHex("00000000 20010db8000000000000000000000099")),
                Ipv6Extension.Fragment.of(IpProtocol.UDP, 0, false, 0x12345678)));
        assertThat(h).isEqualTo(expected);
        assertThat(h.headerLength()).isEqualTo(88);
        assertThat(h.upperLayerProtocol()).isEqualTo(IpProtocol.UDP);
        assertThat(h.isFragment()).isFalse();
        assertThat(h.fragment()).contains(Ipv6Extension.Fragment.of(IpProtocol.UDP, 0, false, 0x12345678));
        assertThat(expected.toBytes()).isEqualTo(java.util.Arrays.copyOf(IPV6_WITH_EXTENSIONS, 88));

        IpPacket p = IpPacket.parse(ByteBuffer.wrap(IPV6_WITH_EXTENSIONS));
        assertThat(p.upper()).isEqualTo(new UdpHeader(40000, 53, 12, 0x2916));
        assertThat(p.payload()).isEqualTo(Bytes.of("ping".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertThat(p.checksumValid()).isTrue();
        assertThat(IpPacket.assemble(expected, UdpHeader.of(40000, 53), p.payload()).toBytes())
                .isEqualTo(IPV6_WITH_EXTENSIONS);
    }

    @Test
    void ipv6NonFirstFragmentEndsTheWalk() {
        byte[] b = Hex.bytes(
                "60000000", "0010 2c 40",  // payload length 16; next header 44 fragment
                "20010db8000000000000000000000001", "20010db8000000000000000000000007",
                "3c 00",     // fragment: next header 60 (in the first fragment), reserved
                "05c9",      // offset 185 (1480 bytes), M 1
                "0000abcd",  // identification
                "0102030405060708"); // not a destination options header: the middle of the datagram
        Ipv6Header h = Ipv6Header.parse(ByteBuffer.wrap(b));
        assertThat(h.extensions()).containsExactly(new Ipv6Extension.Fragment(60, 0, 185, 0, true, 0xabcd));
        assertThat(h.upperLayerProtocol()).isEqualTo(60);
        assertThat(h.isFragment()).isTrue();
        IpPacket p = IpPacket.parse(ByteBuffer.wrap(b));
        assertThat(p.upper()).isEqualTo(new UpperLayer.Unparsed(60));
        assertThat(p.toBytes()).isEqualTo(b);
    }

    @Test
    void malformedIpv6Headers() {
        String addresses = "20010db8000000000000000000000001 20010db8000000000000000000000007";
        assertThatThrownBy(() -> Ipv6Header.parse(Hex.buffer("60000000 0000 3b 40")))
                .isInstanceOf(MalformedPacketException.class)
                .hasMessage("ipv6: header needs 40 bytes, only 8 available");
        assertThatThrownBy(() -> Ipv6Header.parse(Hex.buffer("40000000 0000 3b 40", addresses)))
                .hasMessage("ipv6: version 4, expected 6");
        assertThatThrownBy(() -> Ipv6Header.parse(Hex.buffer("60000000 0010 3b 40", addresses, "0000")))
                .hasMessage("ipv6: payload length 16 exceeds the 2 bytes after the header");
        assertThatThrownBy(() -> Ipv6Header.parse(Hex.buffer("60000000 0008 00 40", addresses, "3c01 000000000000")))
                .hasMessage("ipv6: hop-by-hop options header at byte 40 needs 16 bytes, only 8 available");
        assertThatThrownBy(() -> Ipv6Header.parse(Hex.buffer("60000000 0004 3c 40", addresses, "3b00 0000")))
                .hasMessage("ipv6: destination options header at byte 40 needs 8 bytes, only 4 available");
        assertThatThrownBy(() -> Ipv6Header.parse(
                Hex.buffer("60000000 0010 3c 40", addresses, "0000 000000000000", "3b00 000000000000")))
                .hasMessage("ipv6: hop-by-hop options header at byte 48 is not first");
    }

    @Test
    void ipv6RecordsRefuseABrokenChain() {
        assertThatThrownBy(() -> new Ipv6Header(0, 0, 0, IpProtocol.UDP, 64, SCANNER6, TARGET6,
                List.of(Ipv6Extension.Fragment.of(IpProtocol.UDP, 0, false, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ipv6: next header 17 does not name the Fragment header (44) that follows");
        assertThatThrownBy(() -> new Ipv6Extension.HopByHopOptions(6, Bytes.fromHex("0100")))
                .hasMessage("ipv6: hop-by-hop header of 4 bytes, need a multiple of 8 up to 2048");
    }

    @Test
    void addressText() {
        assertThat(Ipv4Address.parse("198.51.100.7").bits()).isEqualTo(0xc6336407);
        assertThat(Ipv4Address.of(TARGET.toInetAddress())).isEqualTo(TARGET);
        assertThat(Ipv6Address.parse("2001:db8::7")).isEqualTo(new Ipv6Address(0x20010db800000000L, 7));
        assertThat(Ipv6Address.parse("::ffff:192.0.2.1")).isEqualTo(new Ipv6Address(0, 0xffffc0000201L));
        assertThat(TARGET6).hasToString("2001:db8::7");
        assertThat(Ipv6Address.of(TARGET6.toInetAddress())).isEqualTo(TARGET6);
        assertThatThrownBy(() -> Ipv4Address.parse("192.0.2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an IPv4 address: \"192.0.2\"");
        assertThatThrownBy(() -> Ipv4Address.parse("192.0.2.256")).hasMessage("not an IPv4 address: \"192.0.2.256\"");
        assertThatThrownBy(() -> Ipv6Address.parse("2001:db8::g")).hasMessage("not an IPv6 address: \"2001:db8::g\"");
        assertThatThrownBy(() -> Ipv6Address.parse("example.com")).hasMessage("not an IPv6 address: \"example.com\"");
    }
}
