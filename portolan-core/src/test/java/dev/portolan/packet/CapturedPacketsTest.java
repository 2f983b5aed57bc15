package dev.portolan.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whole datagrams as real stacks send them, parsed to fields and built back to the same bytes. */
class CapturedPacketsTest {
    static final Ipv4Address SCANNER = Ipv4Address.parse("192.0.2.1");
    static final Ipv4Address TARGET = Ipv4Address.parse("198.51.100.7");

    /** A Linux SYN-ACK from 198.51.100.7:22 answering our SYN from port 40000 with sequence 0xc0ffee00. */
    static final byte[] LINUX_SYN_ACK = Hex.bytes(
            "45 00 003c",   // version 4, IHL 5; TOS 0; total length 60
            "0000 4000",    // identification 0 (Linux, with DF); flags DF, offset 0
            "40 06 4e80",   // TTL 64; protocol 6 TCP; header checksum
            "c6336407",     // source 198.51.100.7
            "c0000201",     // destination 192.0.2.1
            "0016 9c40",    // ports 22 -> 40000
            "1a2b3c4d",     // sequence number
            "c0ffee01",     // acknowledgment number: our sequence + 1
            "a0 12",        // data offset 10 words (40 bytes); flags SYN|ACK
            "fe88",         // window 65160
            "c38f 0000",    // checksum; urgent pointer
            "020405b4",     // MSS 1460
            "0402",         // SACK permitted
            "080a 00a1b2c3 11223344", // timestamps: TSval, TSecr
            "01",           // NOP
            "030307");      // window scale 7

    @Test
    void linuxSynAckWithMssSackTimestampsAndWindowScale() {
        IpPacket p = IpPacket.parse(ByteBuffer.wrap(LINUX_SYN_ACK));
        Ipv4Header ip = (Ipv4Header) p.ip();
        assertThat(ip).isEqualTo(new Ipv4Header(0, 60, 0, Ipv4Header.FLAG_DONT_FRAGMENT, 0, 64, IpProtocol.TCP, 0x4e80,
                TARGET, SCANNER, Bytes.EMPTY));
        assertThat(ip.dontFragment()).isTrue();
        TcpHeader tcp = (TcpHeader) p.upper();
        List<TcpOption> options = List.of(new TcpOption.Mss(1460), TcpOption.SACK_PERMITTED,
                new TcpOption.Timestamps(0x00a1b2c3, 0x11223344), TcpOption.NOP, new TcpOption.WindowScale(7));
        assertThat(tcp).isEqualTo(new TcpHeader(22, 40000, 0x1a2b3c4d, 0xc0ffee01, TcpFlags.SYN | TcpFlags.ACK, 65160,
                0xc38f, 0, options));
        assertThat(tcp.syn() && tcp.ack()).isTrue();
        assertThat(p.payload().isEmpty()).isTrue();
        assertThat(p.checksumValid()).isTrue();
        assertThat(p.toBytes()).isEqualTo(LINUX_SYN_ACK);

        IpPacket built = IpPacket.assemble(
                new Ipv4Header(0, 0, 0, Ipv4Header.FLAG_DONT_FRAGMENT, 0, 64, IpProtocol.TCP, 0, TARGET, SCANNER,
                        Bytes.EMPTY),
                TcpHeader.of(22, 40000, 0x1a2b3c4d, 0xc0ffee01, TcpFlags.SYN | TcpFlags.ACK, 65160, options),
                Bytes.EMPTY);
        assertThat(built).isEqualTo(p);
        assertThat(built.toBytes()).isEqualTo(LINUX_SYN_ACK);
    }

    @Test
    void aFlippedBitBreaksTheChecksumButNotTheParse() {
        byte[] b = LINUX_SYN_ACK.clone();
        b[50] ^= 0x01; // inside the TSval
        IpPacket p = IpPacket.parse(ByteBuffer.wrap(b));
        assertThat(((Ipv4Header) p.ip()).checksumValid()).isTrue();
        assertThat(p.checksumValid()).isFalse();
        byte[] c = LINUX_SYN_ACK.clone();
        c[8] = 0x3f; // TTL changed without fixing the header checksum
        assertThat(IpPacket.parse(ByteBuffer.wrap(c)).checksumValid()).isFalse();
    }

    @Test
    void ethernetPaddingPastTheTotalLengthIsNotPartOfTheDatagram() {
        byte[] padded = java.util.Arrays.copyOf(LINUX_SYN_ACK, LINUX_SYN_ACK.length + 6);
        IpPacket p = IpPacket.parse(ByteBuffer.wrap(padded));
        assertThat(p.length()).isEqualTo(60);
        assertThat(p.checksumValid()).isTrue();
    }

    /** Linux answering a UDP datagram to closed port 53 with ICMP port unreachable, quoting all of it. */
    static final byte[] PORT_UNREACHABLE = Hex.bytes(
            "45 c0 003d",   // IHL 5; TOS 0xc0 (Linux sends ICMP errors as network control); total length 61
            "abcd 0000",    // identification; no flags
            "40 01 e1f6",   // TTL 64; protocol 1 ICMP; header checksum
            "c6336407",     // source 198.51.100.7
            "c0000201",     // destination 192.0.2.1
            "03 03 e957",   // type 3 destination unreachable, code 3 port unreachable; checksum
            "00000000",     // unused
            "45 00 0021",   // quoted IPv4 header: total length 33
            "4d2f 4000",    //   identification; DF
            "40 11 0161",   //   TTL 64, UDP, its checksum
            "c0000201",     //   source 192.0.2.1
            "c6336407",     //   destination 198.51.100.7
            "9c40 0035",    // quoted UDP header: ports 40000 -> 53
            "000d 3350",    //   length 13, checksum
            "68656c6c6f");  // "hello"

    @Test
    void icmpPortUnreachableQuotingAUdpDatagram() {
        IpPacket p = IpPacket.parse(ByteBuffer.wrap(PORT_UNREACHABLE));
        assertThat(p.checksumValid()).isTrue();
        Icmpv4Message.DestinationUnreachable error = (Icmpv4Message.DestinationUnreachable) p.upper();
        assertThat(error.code()).isEqualTo(Icmpv4Message.DestinationUnreachable.PORT_UNREACHABLE);
        assertThat(error.checksumValid()).isTrue();
        QuotedDatagram quote = error.quote();
        assertThat(quote.header()).isEqualTo(new Ipv4Header(0, 33, 0x4d2f, Ipv4Header.FLAG_DONT_FRAGMENT, 0, 64,
                IpProtocol.UDP, 0x0161, SCANNER, TARGET, Bytes.EMPTY));
        assertThat(quote.protocol()).isEqualTo(IpProtocol.UDP);
        assertThat(quote.sourcePort()).isEqualTo(40000);
        assertThat(quote.destinationPort()).isEqualTo(53);
        assertThat(quote.data()).isEqualTo(Bytes.fromHex("9c40 0035 000d 3350 68656c6c6f"));
        assertThat(p.toBytes()).isEqualTo(PORT_UNREACHABLE);

        // built from the parts the kernel had: the original datagram and the error around it
        IpPacket original = IpPacket.assemble(
                new Ipv4Header(0, 0, 0x4d2f, Ipv4Header.FLAG_DONT_FRAGMENT, 0, 64, IpProtocol.UDP, 0, SCANNER, TARGET,
                        Bytes.EMPTY),
                UdpHeader.of(40000, 53), Bytes.fromHex("68656c6c6f"));
        byte[] o = original.toBytes();
        QuotedDatagram q = new QuotedDatagram(original.ip(), Bytes.of(java.util.Arrays.copyOfRange(o, 20, o.length)));
        IpPacket built = IpPacket.assemble(
                new Ipv4Header(0xc0, 0, 0xabcd, 0, 0, 64, IpProtocol.ICMP, 0, TARGET, SCANNER, Bytes.EMPTY),
                new Icmpv4Message.DestinationUnreachable(3, 0, 0, q), Bytes.EMPTY);
        assertThat(built.toBytes()).isEqualTo(PORT_UNREACHABLE);
    }

    static final Ipv6Address HOST6 = Ipv6Address.parse("fe80::211:22ff:fe33:4455");
    static final Ipv6Address SCANNER6 = Ipv6Address.parse("fe80::aa:bbff:fecc:ddee");

    /** A Linux neighbor advertisement answering our solicitation, with its link-layer address. */
    static final byte[] NEIGHBOR_ADVERTISEMENT = Hex.bytes(
            "60000000",     // version 6, traffic class 0, flow label 0
            "0020 3a ff",   // payload length 32; next header 58 ICMPv6; hop limit 255 (NDP requires it)
            "fe800000000000000211 22ff fe33 4455", // source fe80::211:22ff:fe33:4455
            "fe80000000000000 00aa bbff fecc ddee", // destination fe80::aa:bbff:fecc:ddee
            "88 00 4aef",   // type 136 neighbor advertisement, code 0, checksum
            "60000000",     // flags: solicited, override
            "fe800000000000000211 22ff fe33 4455", // target address
            "02 01",        // option: target link-layer address, length 1 (8 bytes)
            "001122334455");

    @Test
    void icmpv6NeighborAdvertisement() {
        IpPacket p = IpPacket.parse(ByteBuffer.wrap(NEIGHBOR_ADVERTISEMENT));
        assertThat(p.ip()).isEqualTo(new Ipv6Header(0, 0, 32, IpProtocol.ICMPV6, 255, HOST6, SCANNER6, List.of()));
        Icmpv6Message.NeighborAdvertisement na = (Icmpv6Message.NeighborAdvertisement) p.upper();
        assertThat(na.solicited()).isTrue();
        assertThat(na.override()).isTrue();
        assertThat(na.router()).isFalse();
        assertThat(na.target()).isEqualTo(HOST6);
        assertThat(na.options()).containsExactly(
                new NdpOption.TargetLinkLayerAddress(MacAddress.parse("00:11:22:33:44:55")));
        assertThat(na.checksumValid(HOST6, SCANNER6)).isTrue();
        assertThat(na.checksumValid(HOST6, Ipv6Address.parse("ff02::1"))).isFalse();
        assertThat(p.checksumValid()).isTrue();

        IpPacket built = IpPacket.assemble(Ipv6Header.of(HOST6, SCANNER6, IpProtocol.ICMPV6, 255),
                new Icmpv6Message.NeighborAdvertisement(0, 0,
                        Icmpv6Message.NeighborAdvertisement.SOLICITED | Icmpv6Message.NeighborAdvertisement.OVERRIDE,
                        HOST6, List.of(new NdpOption.TargetLinkLayerAddress(MacAddress.parse("00:11:22:33:44:55")))),
                Bytes.EMPTY);
        assertThat(built.toBytes()).isEqualTo(NEIGHBOR_ADVERTISEMENT);
    }

    @Test
    void theIpVersionNibbleChoosesTheParser() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> IpPacket.parse(ByteBuffer.allocate(0)))
                .isInstanceOf(MalformedPacketException.class).hasMessage("ip: empty packet");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> IpPacket.parse(Hex.buffer("5500 0014")))
                .hasMessage("ip: version 5 is neither 4 nor 6");
    }

    /** Our SYN probe, as nmap sends one: MSS only, window 1024, no DF. */
    static final byte[] SYN_PROBE = Hex.bytes(
            "45 00 002c",   // IHL 5; total length 44
            "1234 0000",    // identification 0x1234; no flags
            "40 06 7c5c",   // TTL 64; TCP; checksum
            "c0000201 c6336407", // 192.0.2.1 -> 198.51.100.7
            "9c40 0016",    // ports 40000 -> 22
            "c0ffee00",     // sequence number (the cookie)
            "00000000",     // acknowledgment 0
            "60 02",        // data offset 6 words; SYN
            "0400",         // window 1024
            "5c93 0000",    // checksum; urgent pointer
            "020405b4");    // MSS 1460

    @Test
    void synProbeBuiltAndParsed() {
        IpPacket built = IpPacket.assemble(
                new Ipv4Header(0, 0, 0x1234, 0, 0, 64, IpProtocol.TCP, 0, SCANNER, TARGET, Bytes.EMPTY),
                TcpHeader.of(40000, 22, 0xc0ffee00, 0, TcpFlags.SYN, 1024, List.of(new TcpOption.Mss(1460))),
                Bytes.EMPTY);
        assertThat(built.toBytes()).isEqualTo(SYN_PROBE);
        assertThat(IpPacket.parse(ByteBuffer.wrap(SYN_PROBE))).isEqualTo(built);
    }
}
