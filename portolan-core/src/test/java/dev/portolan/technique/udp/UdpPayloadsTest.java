package dev.portolan.technique.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in payloads byte for byte (golden hex, written down from the protocol specifications) and checked
 * against their own structure (DNS labels, BER lengths, IKE lengths), and the file format's rules.
 */
class UdpPayloadsTest {
    private static final UdpPayloads BUILTIN = UdpPayloads.builtin();

    private static byte[] bytes(String name) {
        return BUILTIN.named(name).bytes();
    }

    private static String hex(String name) {
        return HexFormat.of().formatHex(bytes(name));
    }

    @Test
    void everyPortOfTheIssueHasItsPayloads() {
        int[][] expected = {{53, 2}, {5353, 1}, {123, 1}, {161, 3}, {137, 1}, {1900, 1}, {67, 1}, {69, 1},
                {5060, 1}, {500, 1}, {1194, 1}, {1812, 1}, {1645, 1}, {11211, 1}, {5683, 1}, {443, 1}, {389, 1},
                {514, 1}};
        for (int[] e : expected) {
            assertThat(BUILTIN.forPort(e[0]).length).as("port " + e[0]).isEqualTo(e[1]);
        }
        // a port without a payload gets one empty datagram, as nmap sends
        assertThat(BUILTIN.forPort(7).length).isEqualTo(1);
        assertThat(BUILTIN.forPort(7)[0]).isEmpty();
    }

    @Test
    void everyPortGetsTheSameDataAndNoTablePayload() {
        byte[] data = {1, 2, 3};
        UdpPayloads p = UdpPayloads.everyPort(data);
        data[0] = 9;
        assertThat(p.forPort(53)).hasDimensions(1, 3);
        assertThat(p.forPort(53)[0]).containsExactly(1, 2, 3);
        assertThat(p.forPort(40000)[0]).containsExactly(1, 2, 3);
        assertThat(p.all()).isEmpty();
        assertThat(UdpPayloads.of(List.of()).forPort(53)[0]).isEmpty();
    }

    @Test
    void dnsVersionBindGolden() {
        assertThat(hex("dns-version-bind")).isEqualTo(
                "505400000001000000000000" + "0776657273696f6e0462696e6400" + "00100003");
        assertThat(dnsQuestion(bytes("dns-version-bind"))).isEqualTo("version.bind. 16 3");
        assertThat(dnsQuestion(bytes("dns-root-ns"))).isEqualTo(". 2 1");
        assertThat(dnsQuestion(bytes("mdns-services"))).isEqualTo("_services._dns-sd._udp.local. 12 1");
    }

    @Test
    void netbiosNodeStatusAsksForTheWildcardName() {
        byte[] b = bytes("netbios-node-status");
        assertThat(b).hasSize(12 + 34 + 4);
        assertThat(b[12]).isEqualTo((byte) 32);
        StringBuilder name = new StringBuilder();
        for (int i = 13; i < 45; i += 2) {
            name.append((char) (((b[i] - 'A') << 4) | (b[i + 1] - 'A')));
        }
        assertThat(name.toString()).isEqualTo("*" + "\0".repeat(15));
        assertThat(HexFormat.of().formatHex(b, 45, 50)).isEqualTo("0000210001");
    }

    @Test
    void ntpIsAVersion4ClientRequest() {
        byte[] b = bytes("ntp-client");
        assertThat(b).hasSize(48);
        assertThat(b[0] & 0x07).isEqualTo(3);
        assertThat((b[0] >> 3) & 0x07).isEqualTo(4);
    }

    @Test
    void snmpGolden() {
        String getSysDescr = "a01c0204505400010201000201003" + "00e300c06082b060102010101000500";
        assertThat(hex("snmp-v1-public")).isEqualTo("302902010004067075626c6963" + getSysDescr);
        assertThat(hex("snmp-v2c-public")).isEqualTo("302902010104067075626c6963" + getSysDescr);
        for (String name : List.of("snmp-v1-public", "snmp-v2c-public", "snmp-v3-discovery", "cldap-rootdse")) {
            byte[] b = bytes(name);
            assertThat(walkBer(b, 0, b.length)).as(name).isEqualTo(b.length);
        }
        byte[] v3 = bytes("snmp-v3-discovery");
        assertThat(HexFormat.of().formatHex(v3, 2, 5)).isEqualTo("020103");
    }

    @Test
    void ikeLengthsAddUp() {
        ByteBuffer b = ByteBuffer.wrap(bytes("ike-v1-main-mode"));
        assertThat(b.getInt(24)).isEqualTo(b.capacity());
        assertThat(b.get(16)).isEqualTo((byte) 1);
        assertThat(b.get(17)).isEqualTo((byte) 0x10);
        int sa = b.getShort(28 + 2);
        assertThat(28 + sa).isEqualTo(b.capacity());
        int proposal = b.getShort(40 + 2);
        assertThat(40 + proposal).isEqualTo(b.capacity());
        int transform = b.getShort(48 + 2);
        assertThat(48 + transform).isEqualTo(b.capacity());
    }

    @Test
    void quicVersionNegotiationProbeIsAFullSizeLongHeader() {
        byte[] b = bytes("quic-version-negotiation");
        assertThat(b).hasSize(1200);
        assertThat(b[0] & 0xc0).isEqualTo(0xc0);
        assertThat(HexFormat.of().formatHex(b, 1, 5)).isEqualTo("1a2a3a4a");
    }

    @Test
    void theRestFollowTheirSpecs() {
        byte[] dhcp = bytes("dhcp-discover");
        assertThat(dhcp).hasSize(244);
        assertThat(HexFormat.of().formatHex(dhcp, 236, 244)).isEqualTo("63825363350101ff");
        assertThat(new String(bytes("tftp-read"), StandardCharsets.US_ASCII))
                .isEqualTo("\0\1portolan-probe.txt\0octet\0");
        String sip = new String(bytes("sip-options"), StandardCharsets.US_ASCII);
        assertThat(sip).startsWith("OPTIONS sip:").endsWith("\r\n\r\n")
                .contains("\r\nVia: ", "\r\nTo: ", "\r\nFrom: ", "\r\nCall-ID: ", "\r\nCSeq: 1 OPTIONS\r\n",
                        "\r\nMax-Forwards: 70\r\n");
        assertThat(new String(bytes("ssdp-msearch"), StandardCharsets.US_ASCII))
                .startsWith("M-SEARCH * HTTP/1.1\r\n").contains("MAN: \"ssdp:discover\"\r\n").endsWith("\r\n\r\n");
        assertThat(hex("memcached-stats")).isEqualTo("0001000000010000" + "73746174730d0a");
        assertThat(hex("coap-well-known-core")).isEqualTo("40015054bb2e77656c6c2d6b6e6f776e04636f7265");
        byte[] openvpn = bytes("openvpn-reset");
        assertThat(openvpn).hasSize(14);
        assertThat((openvpn[0] & 0xff) >> 3).isEqualTo(7);
        byte[] radius = bytes("radius-access-request");
        assertThat(radius[0]).isEqualTo((byte) 1);
        assertThat(ByteBuffer.wrap(radius).getShort(2)).isEqualTo((short) radius.length);
        assertThat(new String(bytes("syslog-notice"), StandardCharsets.US_ASCII)).startsWith("<13>");
    }

    @Test
    void userFilesComeAfterTheBuiltInOnes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine");
        Files.writeString(file, """
                # my game server
                payload my-game 27015,27016  # two ports
                hex ff ff ff ff   # header
                text "TSource Engine Query\\0"
                """);
        UdpPayloads all = UdpPayloads.withFiles(List.of(file));
        assertThat(all.forPort(27016).length).isEqualTo(1);
        assertThat(new String(all.forPort(27015)[0], StandardCharsets.ISO_8859_1))
                .isEqualTo("\u00ff\u00ff\u00ff\u00ffTSource Engine Query\0");
        assertThat(all.forPort(53).length).isEqualTo(2);
        assertThat(all.named("my-game").source()).isEqualTo(file + ":2");
    }

    @Test
    void escapesAndZeros() throws Exception {
        List<UdpPayload> p = UdpPayloads.parse(new StringReader("""
                payload x 1-3
                text "a\\r\\n\\t\\\\\\"\\x41"
                zero 2
                """), "t");
        assertThat(p.getFirst().ports()).containsExactly(1, 2, 3);
        assertThat(p.getFirst().bytes()).containsExactly('a', '\r', '\n', '\t', '\\', '"', 'A', 0, 0);
    }

    @Test
    void badFilesNameTheLine() {
        assertError("hex 00\n", "t:1: bytes before the first \"payload\" line");
        assertError("payload a 1\nhex 0\n", "t:2: an odd number of hex digits");
        assertError("payload a 1\nhex zz\n", "t:2: \"zz\" is not a hex byte");
        assertError("payload a 70000\n", "t:1: port 70000 is outside 0-65535");
        assertError("payload a 9-2\n", "t:1: port range \"9-2\" runs backwards");
        assertError("payload a\n", "t:1: \"payload\" takes a name and ports: payload dns-version 53");
        assertError("payload a 1\npayload a 2\n", "t:2: a second payload called a");
        assertError("payload a 1\ntext \"abc\n", "t:2: the string has no closing quote");
        assertError("payload a 1\ntext \"\\q\"\n", "t:2: unknown escape \\q");
        assertError("payload a 1\nsend 00\n", "t:2: unknown keyword \"send\" (payload, hex, text or zero)");
        assertError("payload a 1\nzero 70000\n", "t:2: zero 70000: a count from 0 to 65507");
    }

    private static void assertError(String text, String message) {
        assertThatThrownBy(() -> UdpPayloads.parse(new StringReader(text), "t"))
                .isInstanceOf(UdpPayloadFormatException.class).hasMessage(message);
    }

    /** The question of a DNS query as "name. type class". */
    private static String dnsQuestion(byte[] b) {
        assertThat(ByteBuffer.wrap(b).getShort(4)).as("QDCOUNT").isEqualTo((short) 1);
        StringBuilder name = new StringBuilder();
        int at = 12;
        while (b[at] != 0) {
            int n = b[at];
            name.append(new String(b, at + 1, n, StandardCharsets.US_ASCII)).append('.');
            at += n + 1;
        }
        if (name.isEmpty()) {
            name.append('.');
        }
        ByteBuffer buf = ByteBuffer.wrap(b);
        assertThat(at + 5).as("message ends with the question").isEqualTo(b.length);
        return name + " " + buf.getShort(at + 1) + " " + buf.getShort(at + 3);
    }

    /** Walks BER TLVs in [from, to): the end reached; fails when a length runs past its container. */
    private static int walkBer(byte[] b, int from, int to) {
        int at = from;
        while (at < to) {
            int tag = b[at++] & 0xff;
            int length = b[at++] & 0xff;
            if (length == 0x81) {
                length = b[at++] & 0xff;
            } else if (length == 0x82) {
                length = (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
                at += 2;
            }
            assertThat(at + length).as("TLV at " + at).isLessThanOrEqualTo(to);
            if ((tag & 0x20) != 0) {
                assertThat(walkBer(b, at, at + length)).isEqualTo(at + length);
            }
            at += length;
        }
        return at;
    }
}
