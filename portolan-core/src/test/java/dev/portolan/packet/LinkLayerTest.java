package dev.portolan.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkLayerTest {
    private static final MacAddress HOST = MacAddress.parse("00:11:22:33:44:55");
    private static final MacAddress SCANNER = MacAddress.parse("02:aa:bb:cc:dd:ee");

    @Test
    void untaggedEthernetHeader() {
        byte[] b = Hex.bytes(
                "001122334455", // destination
                "02aabbccddee", // source
                "0800",         // EtherType IPv4
                "45");          // first payload byte, not part of the header
        EthernetHeader h = EthernetHeader.parse(ByteBuffer.wrap(b));
        assertThat(h).isEqualTo(EthernetHeader.of(HOST, SCANNER, EtherType.IPV4));
        assertThat(h.length()).isEqualTo(14);
        assertThat(h.toBytes()).isEqualTo(java.util.Arrays.copyOf(b, 14));
    }

    @Test
    void vlanTaggedEthernetHeader() {
        byte[] b = Hex.bytes(
                "001122334455", "02aabbccddee",
                "8100",  // 802.1Q TPID
                "6064",  // priority 3, DEI 0, VLAN 100
                "86dd"); // EtherType IPv6
        EthernetHeader h = EthernetHeader.parse(ByteBuffer.wrap(b));
        assertThat(h.vlanTags()).containsExactly(new VlanTag(0x8100, 3, false, 100));
        assertThat(h.etherType()).isEqualTo(EtherType.IPV6);
        assertThat(h.length()).isEqualTo(18);
        assertThat(h.toBytes()).isEqualTo(b);
    }

    @Test
    void qinqDoubleTaggedEthernetHeader() {
        byte[] b = Hex.bytes(
                "ffffffffffff", "02aabbccddee",
                "88a8 a00a",  // 802.1ad service tag: priority 5, VLAN 10
                "8100 1064",  // 802.1Q customer tag: priority 0, DEI 1, VLAN 100
                "0806");      // ARP
        EthernetHeader h = EthernetHeader.parse(ByteBuffer.wrap(b));
        assertThat(h).isEqualTo(new EthernetHeader(MacAddress.BROADCAST, SCANNER,
                List.of(new VlanTag(0x88a8, 5, false, 10), new VlanTag(0x8100, 0, true, 100)), EtherType.ARP));
        assertThat(h.toBytes()).isEqualTo(b);
    }

    @Test
    void malformedEthernetHeaders() {
        assertThatThrownBy(() -> EthernetHeader.parse(Hex.buffer("001122334455 02aabbccddee 08")))
                .isInstanceOf(MalformedPacketException.class)
                .hasMessage("ethernet: header needs 14 bytes, only 13 available");
        assertThatThrownBy(() -> EthernetHeader.parse(Hex.buffer("001122334455 02aabbccddee 8100 0064")))
                .hasMessage("ethernet: VLAN tag 1 needs 18 bytes, only 16 available");
        assertThatThrownBy(() -> EthernetHeader.parse(
                Hex.buffer("001122334455 02aabbccddee 88a8 0001 8100 0002 8100 0003 0800")))
                .hasMessage("ethernet: more than 2 VLAN tags");
    }

    @Test
    void arpRequestAndReply() {
        byte[] request = Hex.bytes(
                "0001",         // hardware type Ethernet
                "0800",         // protocol type IPv4
                "06 04",        // address sizes
                "0001",         // operation: request
                "02aabbccddee", // sender MAC
                "c0000202",     // sender IP 192.0.2.2
                "000000000000", // target MAC, unknown
                "c0000201");    // target IP 192.0.2.1: who has it?
        ArpPacket parsed = ArpPacket.parse(ByteBuffer.wrap(request));
        ArpPacket built = ArpPacket.request(SCANNER, Ipv4Address.parse("192.0.2.2"), Ipv4Address.parse("192.0.2.1"));
        assertThat(parsed).isEqualTo(built);
        assertThat(built.toBytes()).isEqualTo(request);

        byte[] reply = Hex.bytes("0001 0800 06 04 0002", "001122334455 c0000201", "02aabbccddee c0000202");
        ArpPacket answer = ArpPacket.parse(ByteBuffer.wrap(reply));
        assertThat(answer.operation()).isEqualTo(ArpPacket.REPLY);
        assertThat(answer.senderMac()).isEqualTo(HOST);
        assertThat(answer.senderIp()).hasToString("192.0.2.1");
        assertThat(ArpPacket.reply(HOST, Ipv4Address.parse("192.0.2.1"), SCANNER, Ipv4Address.parse("192.0.2.2"))
                .toBytes()).isEqualTo(reply);
    }

    @Test
    void arpInsideAnEthernetFrame() {
        byte[] frame = Hex.bytes("ffffffffffff 02aabbccddee 0806",
                "0001 0800 06 04 0001 02aabbccddee c0000202 000000000000 c0000201",
                "000000000000000000000000000000000000"); // padding to the 60-byte minimum
        ByteBuffer buf = ByteBuffer.wrap(frame);
        EthernetHeader eth = EthernetHeader.parse(buf);
        assertThat(buf.position()).isZero(); // parse reads, it does not consume
        ArpPacket arp = ArpPacket.parse(buf.position(eth.length()));
        assertThat(arp.targetIp()).hasToString("192.0.2.1");
    }

    @Test
    void malformedArp() {
        assertThatThrownBy(() -> ArpPacket.parse(Hex.buffer("0001 0800 06 04 0001 02aabbccddee")))
                .hasMessage("arp: packet needs 28 bytes, only 14 available");
        assertThatThrownBy(() -> ArpPacket.parse(Hex.buffer("0006 0800 06 04 0001", "00".repeat(20))))
                .hasMessage("arp: hardware type 6 is not Ethernet (1)");
        assertThatThrownBy(() -> ArpPacket.parse(Hex.buffer("0001 86dd 06 04 0001", "00".repeat(20))))
                .hasMessage("arp: protocol type 0x86dd is not IPv4 (0x800)");
        assertThatThrownBy(() -> ArpPacket.parse(Hex.buffer("0001 0800 06 10 0001", "00".repeat(20))))
                .hasMessage("arp: address sizes 6 and 16, expected 6 and 4");
    }

    @Test
    void macAddressText() {
        assertThat(MacAddress.parse("00-11-22-AA-bb-CC")).hasToString("00:11:22:aa:bb:cc");
        assertThat(MacAddress.of(HOST.toBytes())).isEqualTo(HOST);
        assertThat(MacAddress.BROADCAST.isMulticast()).isTrue();
        assertThat(HOST.isMulticast()).isFalse();
        assertThatThrownBy(() -> MacAddress.parse("00:11:22:33:44")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a MAC address: \"00:11:22:33:44\"");
        assertThatThrownBy(() -> MacAddress.parse("00:11:22:33:44:5g"))
                .hasMessage("not a MAC address: \"00:11:22:33:44:5g\"");
    }
}
