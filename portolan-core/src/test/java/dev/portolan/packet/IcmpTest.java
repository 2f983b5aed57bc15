package dev.portolan.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class IcmpTest {
    private static final Ipv4Address SCANNER = Ipv4Address.parse("192.0.2.1");
    private static final Ipv4Address TARGET = Ipv4Address.parse("198.51.100.7");
    private static final Ipv6Address SCANNER6 = Ipv6Address.parse("2001:db8::1");
    private static final Ipv6Address TARGET6 = Ipv6Address.parse("2001:db8::7");
    private static final Ipv6Address ROUTER6 = Ipv6Address.parse("2001:db8::fe");

    @Test
    void echoRequest() {
        byte[] b = Hex.bytes("08 00 5435", "1234 0001", "6162636465666768"); // type 8, id 0x1234, seq 1, "abcdefgh"
        Icmpv4Message m = Icmpv4Message.parse(ByteBuffer.wrap(b));
        Icmpv4Message.Echo expected =
                new Icmpv4Message.Echo(false, 0, 0x5435, 0x1234, 1, Bytes.fromHex("6162636465666768"));
        assertThat(m).isEqualTo(expected);
        assertThat(m.checksumValid()).isTrue();
        assertThat(Icmpv4Message.Echo.request(0x1234, 1, Bytes.fromHex("6162636465666768")).computeChecksum())
                .isEqualTo(0x5435);
        assertThat(expected.toBytes()).isEqualTo(b);
        // a reply differs in the type byte alone, so its checksum is 0x0800 higher
        Icmpv4Message.Echo reply =
                (Icmpv4Message.Echo) Icmpv4Message.parse(Hex.buffer("00 00 5c35 1234 0001 6162636465666768"));
        assertThat(reply.reply()).isTrue();
        assertThat(reply.checksumValid()).isTrue();
    }

    @Test
    void timestampAndAddressMask() {
        byte[] ts = Hex.bytes("0d 00 0439", "0007 0009", "0036ee80", "00000000", "00000000"); // originate 1 hour
        Icmpv4Message.Timestamp t = (Icmpv4Message.Timestamp) Icmpv4Message.parse(ByteBuffer.wrap(ts));
        assertThat(t).isEqualTo(new Icmpv4Message.Timestamp(false, 0, 0x0439, 7, 9, 3_600_000, 0, 0));
        assertThat(t.checksumValid()).isTrue();
        assertThat(t.toBytes()).isEqualTo(ts);

        byte[] mask = Hex.bytes("12 00 eeee", "0007 0009", "ffffff00"); // reply: 255.255.255.0
        Icmpv4Message.AddressMask a = (Icmpv4Message.AddressMask) Icmpv4Message.parse(ByteBuffer.wrap(mask));
        assertThat(a).isEqualTo(
                new Icmpv4Message.AddressMask(true, 0, 0xeeee, 7, 9, Ipv4Address.parse("255.255.255.0")));
        assertThat(a.checksumValid()).isTrue();
        assertThat(a.toBytes()).isEqualTo(mask);
    }

    @Test
    void timeExceededQuotingOurSyn() {
        byte[] b = Hex.bytes(
                "45 00 0038 0000 0000 ff 01 bdc1", // from router 203.0.113.1, total length 56, TTL 255
                "cb007101 c0000201",
                "0b 00 a9a8",    // type 11 time exceeded, code 0 TTL exceeded in transit
                "00000000",
                "45 00 002c 1234 0000 01 06 bb5c", // the SYN's IP header as the router saw it: TTL 1
                "c0000201 c6336407",
                "9c40 0016 c0ffee00");             // its first 8 bytes: ports and our sequence number
        IpPacket p = IpPacket.parse(ByteBuffer.wrap(b));
        assertThat(p.checksumValid()).isTrue();
        Icmpv4Message.TimeExceeded te = (Icmpv4Message.TimeExceeded) p.upper();
        assertThat(te.code()).isEqualTo(Icmpv4Message.TimeExceeded.TTL_EXCEEDED);
        IcmpError error = te;
        assertThat(error.quote().protocol()).isEqualTo(IpProtocol.TCP);
        assertThat(error.quote().sourcePort()).isEqualTo(40000);
        assertThat(error.quote().destinationPort()).isEqualTo(22);
        assertThat(error.quote().tcpSequenceNumber()).isEqualTo(0xc0ffee00);
        assertThat(((Ipv4Header) error.quote().header()).ttl()).isEqualTo(1);
        assertThat(((Ipv4Header) error.quote().header()).destination()).isEqualTo(TARGET);
        assertThat(p.toBytes()).isEqualTo(b);
    }

    @Test
    void fragmentationNeededCarriesTheNextHopMtu() {
        String quote = "4500 05dc 0000 4000 4006 0000 c0000201 c6336407 9c40 0016 c0ffee00";
        Icmpv4Message.DestinationUnreachable d = (Icmpv4Message.DestinationUnreachable) Icmpv4Message.parse(
                Hex.buffer("03 04 0000", "0000 0578", quote)); // code 4, next-hop MTU 1400
        assertThat(d.code()).isEqualTo(Icmpv4Message.DestinationUnreachable.FRAGMENTATION_NEEDED);
        assertThat(d.nextHopMtu()).isEqualTo(1400);
        // the quoted total length (1500) is far more than was quoted, as it always is
        assertThat(((Ipv4Header) d.quote().header()).totalLength()).isEqualTo(1500);
    }

    @Test
    void otherIcmpTypesAreKeptRaw() {
        byte[] b = Hex.bytes("05 01 0000", "cb0071fe", "4500"); // a redirect, cut short: kept as it is
        Icmpv4Message m = Icmpv4Message.parse(ByteBuffer.wrap(b));
        assertThat(m).isEqualTo(new Icmpv4Message.Other(5, 1, 0, Bytes.fromHex("cb0071fe 4500")));
        assertThat(m.toBytes()).isEqualTo(b);
    }

    @Test
    void malformedIcmp() {
        assertThatThrownBy(() -> Icmpv4Message.parse(Hex.buffer("0800 00")))
                .isInstanceOf(MalformedPacketException.class)
                .hasMessage("icmp: message needs 4 bytes, only 3 available");
        assertThatThrownBy(() -> Icmpv4Message.parse(Hex.buffer("0800 0000 1234")))
                .hasMessage("icmp: echo message needs 8 bytes, only 6 available");
        assertThatThrownBy(() -> Icmpv4Message.parse(Hex.buffer("0d00 0000 0007 0009 00000000")))
                .hasMessage("icmp: timestamp message of 12 bytes, expected 20");
        assertThatThrownBy(() -> Icmpv4Message.parse(Hex.buffer("1100 0000 0007 0009")))
                .hasMessage("icmp: address mask message of 8 bytes, expected 12");
        assertThatThrownBy(() -> Icmpv4Message.parse(Hex.buffer("0303 0000 00000000 4500 0021")))
                .hasMessage("icmp: quoted ipv4: header needs 20 bytes, only 4 available");
        assertThatThrownBy(() -> Icmpv4Message.parse(Hex.buffer("0303 0000 00000000",
                "6000 0021 0000 4000 4011 0000 c0000201 c6336407 9c40 0035 000d 0000")))
                .hasMessage("icmp: quoted ipv4: version 6, expected 4");
        assertThatThrownBy(() -> Icmpv4Message.parse(Hex.buffer("0b00 0000 00000000",
                "4500 002c 1234 0000 0106 0000 c0000201 c6336407 9c40 0016")))
                .hasMessage("icmp: quoted datagram has 4 bytes after its IP header, need at least 8");
    }

    @Test
    void icmpv6EchoRequest() {
        byte[] b = Hex.bytes(
                "60000000 000c 3a 40", // payload length 12, ICMPv6, hop limit 64
                "20010db8000000000000000000000001 20010db8000000000000000000000007",
                "80 00 4d43",          // type 128 echo request; checksum
                "1234 0001",           // identifier, sequence
                "61626364");           // "abcd"
        IpPacket p = IpPacket.parse(ByteBuffer.wrap(b));
        assertThat(p.upper()).isEqualTo(new Icmpv6Message.Echo(false, 0, 0x4d43, 0x1234, 1, Bytes.fromHex("61626364")));
        assertThat(p.checksumValid()).isTrue();
        assertThat(IpPacket.assemble(Ipv6Header.of(SCANNER6, TARGET6, IpProtocol.ICMPV6, 64),
                Icmpv6Message.Echo.request(0x1234, 1, Bytes.fromHex("61626364")), Bytes.EMPTY).toBytes()).isEqualTo(b);
    }

    /** The IPv6 UDP datagram 2001:db8::1:40000 -> 2001:db8::7:53 "hello", as quoted by the errors below. */
    private static final String QUOTED_UDP6 = "60000000 000d 11 40"
            + "20010db8000000000000000000000001 20010db8000000000000000000000007"
            + "9c40 0035 000d c412 68656c6c6f";

    @Test
    void icmpv6PortUnreachableAndPacketTooBig() {
        byte[] unreachable = Hex.bytes("01 04 31db", "00000000", QUOTED_UDP6); // type 1, code 4 port unreachable
        Icmpv6Message.DestinationUnreachable d =
                (Icmpv6Message.DestinationUnreachable) Icmpv6Message.parse(ByteBuffer.wrap(unreachable));
        assertThat(d.code()).isEqualTo(Icmpv6Message.DestinationUnreachable.PORT_UNREACHABLE);
        assertThat(d.quote().header()).isEqualTo(new Ipv6Header(0, 0, 13, IpProtocol.UDP, 64, SCANNER6, TARGET6,
                List.of()));
        assertThat(d.quote().sourcePort()).isEqualTo(40000);
        assertThat(d.quote().destinationPort()).isEqualTo(53);
        assertThat(d.checksumValid(TARGET6, SCANNER6)).isTrue();
        assertThat(d.toBytes()).isEqualTo(unreachable);

        byte[] tooBig = Hex.bytes("02 00 2ae8", "00000500", QUOTED_UDP6); // type 2, MTU 1280
        Icmpv6Message.PacketTooBig ptb = (Icmpv6Message.PacketTooBig) Icmpv6Message.parse(ByteBuffer.wrap(tooBig));
        assertThat(ptb.mtu()).isEqualTo(1280);
        assertThat(ptb.checksumValid(ROUTER6, SCANNER6)).isTrue();
        assertThat(ptb.toBytes()).isEqualTo(tooBig);
    }

    /** An IPv6 SYN with hop limit 1, of which only the header and the first 8 bytes are quoted. */
    private static final String QUOTED_SYN6 = "60000000 0018 06 01"
            + "20010db8000000000000000000000001 20010db8000000000000000000000007"
            + "9c40 0016 c0ffee00";

    @Test
    void icmpv6TimeExceededAndParameterProblem() {
        byte[] te = Hex.bytes("03 00 9331", "00000000", QUOTED_SYN6);
        Icmpv6Message.TimeExceeded t = (Icmpv6Message.TimeExceeded) Icmpv6Message.parse(ByteBuffer.wrap(te));
        assertThat(t.quote().tcpSequenceNumber()).isEqualTo(0xc0ffee00);
        assertThat(t.quote().protocol()).isEqualTo(IpProtocol.TCP);
        assertThat(t.checksumValid(ROUTER6, SCANNER6)).isTrue();
        assertThat(t.toBytes()).isEqualTo(te);

        byte[] pp = Hex.bytes("04 01 92ff", "00000028", QUOTED_SYN6); // code 1 unrecognized next header at byte 40
        Icmpv6Message.ParameterProblem problem =
                (Icmpv6Message.ParameterProblem) Icmpv6Message.parse(ByteBuffer.wrap(pp));
        assertThat(problem.pointer()).isEqualTo(40);
        assertThat(problem.checksumValid(TARGET6, SCANNER6)).isTrue();
        assertThat(problem.toBytes()).isEqualTo(pp);
    }

    @Test
    void neighborSolicitationWithSourceLinkLayerAddress() {
        Ipv6Address from = Ipv6Address.parse("fe80::aa:bbff:fecc:ddee");
        Ipv6Address solicitedNode = Ipv6Address.parse("ff02::1:ff33:4455");
        byte[] b = Hex.bytes(
                "87 00 9ab0",   // type 135 neighbor solicitation; checksum
                "00000000",     // reserved
                "fe80000000000000 0211 22ff fe33 4455", // target: who has fe80::211:22ff:fe33:4455?
                "01 01 02aabbccddee"); // source link-layer address option
        Icmpv6Message.NeighborSolicitation ns =
                (Icmpv6Message.NeighborSolicitation) Icmpv6Message.parse(ByteBuffer.wrap(b));
        Icmpv6Message.NeighborSolicitation expected = new Icmpv6Message.NeighborSolicitation(0, 0x9ab0, 0,
                Ipv6Address.parse("fe80::211:22ff:fe33:4455"),
                List.of(new NdpOption.SourceLinkLayerAddress(MacAddress.parse("02:aa:bb:cc:dd:ee"))));
        assertThat(ns).isEqualTo(expected);
        assertThat(ns.checksumValid(from, solicitedNode)).isTrue();
        assertThat(expected.withChecksum(0).computeChecksum(from, solicitedNode)).isEqualTo(0x9ab0);
        assertThat(expected.toBytes()).isEqualTo(b);
    }

    @Test
    void routerAdvertisementBasics() {
        byte[] b = Hex.bytes(
                "86 00 7c98",    // type 134 router advertisement; checksum
                "40 40 0708",    // current hop limit 64; flags O; router lifetime 1800 s
                "00000000 00000000", // reachable time, retransmit timer: unspecified
                "01 01 00005e005301", // source link-layer address
                "05 01 0000 000005dc", // MTU 1500
                "03 04 40 c0",   // prefix information: /64, flags L and A
                "00015180 00003840 00000000", // valid 86400 s, preferred 14400 s, reserved
                "20010db8000000000000000000000000"); // prefix 2001:db8::
        Icmpv6Message.RouterAdvertisement ra =
                (Icmpv6Message.RouterAdvertisement) Icmpv6Message.parse(ByteBuffer.wrap(b));
        assertThat(ra.curHopLimit()).isEqualTo(64);
        assertThat(ra.otherConfiguration()).isTrue();
        assertThat(ra.managed()).isFalse();
        assertThat(ra.routerLifetime()).isEqualTo(1800);
        NdpOption.PrefixInformation prefix = new NdpOption.PrefixInformation(64, 0xc0, 86400, 14400, 0,
                Ipv6Address.parse("2001:db8::"));
        assertThat(ra.options()).containsExactly(
                new NdpOption.SourceLinkLayerAddress(MacAddress.parse("00:00:5e:00:53:01")),
                new NdpOption.Mtu(0, 1500), prefix);
        assertThat(prefix.onLink() && prefix.autonomous()).isTrue();
        assertThat(ra.checksumValid(Ipv6Address.parse("fe80::1"), Ipv6Address.parse("ff02::1"))).isTrue();
        assertThat(ra.toBytes()).isEqualTo(b);
    }

    @Test
    void malformedIcmpv6() {
        assertThatThrownBy(() -> Icmpv6Message.parse(Hex.buffer("0104 0000 00000000 6000")))
                .isInstanceOf(MalformedPacketException.class)
                .hasMessage("icmpv6: quoted ipv6: header needs 40 bytes, only 2 available");
        assertThatThrownBy(() -> Icmpv6Message.parse(Hex.buffer("8700 0000 00000000 fe80")))
                .hasMessage("icmpv6: neighbor solicitation needs 24 bytes, only 10 available");
        String ns = "8700 0000 00000000 fe800000000000000211 22ff fe33 4455";
        assertThatThrownBy(() -> Icmpv6Message.parse(Hex.buffer(ns, "0100 02aabbccddee")))
                .hasMessage("icmpv6: option 1 at byte 24 has length 0");
        assertThatThrownBy(() -> Icmpv6Message.parse(Hex.buffer(ns, "0102 02aabbccddee")))
                .hasMessage("icmpv6: option 1 at byte 24 has length 16, past the end of the message");
        assertThatThrownBy(() -> Icmpv6Message.parse(Hex.buffer(ns, "01")))
                .hasMessage("icmpv6: option at byte 24 needs 2 bytes, only 1 available");
        assertThatThrownBy(() -> Icmpv6Message.parse(Hex.buffer(ns, "0502 0000 000005dc 0000000000000000")))
                .hasMessage("icmpv6: option 5 at byte 24 has length 16, expected 8");
    }

    @Test
    void linkLayerAddressOptionsOfOtherSizesAreKeptRaw() {
        String ns = "8700 0000 00000000 fe800000000000000211 22ff fe33 4455";
        Icmpv6Message.NeighborSolicitation m = (Icmpv6Message.NeighborSolicitation) Icmpv6Message.parse(
                Hex.buffer(ns, "0102 0011223344556677 000000000000")); // a 14-byte link-layer address
        assertThat(m.options())
                .containsExactly(new NdpOption.Unknown(1, Bytes.fromHex("0011223344556677 000000000000")));
    }
}
