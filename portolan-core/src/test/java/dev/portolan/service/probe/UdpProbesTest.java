package dev.portolan.service.probe;

import static dev.portolan.service.probe.TestBytes.ascii;
import static dev.portolan.service.probe.TestBytes.cat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portolan.target.Protocol;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The UDP probes of Portolan's own set, byte for byte against messages built here field by field from each
 * protocol's specification; the matcher on UDP answers (built from the specifications, and one net-snmp report
 * captured from the lab's snmpd); and which UDP probes the merged catalog plans for a port.
 */
class UdpProbesTest {
    private static final ProbeCatalog OWN = ServiceCatalog.builtin();
    private static final ServiceMatcher MATCHER = new ServiceMatcher(OWN);

    private static byte[] payload(String probe) {
        return OWN.probe(Protocol.UDP, probe).orElseThrow(() -> new AssertionError("no probe " + probe)).payload();
    }

    private static Optional<ServiceMatch> match(String probe, byte[] answer) {
        return MATCHER.match(Response.of(Protocol.UDP, probe, 161, false, answer));
    }

    // ---- BER (X.690) as SNMP uses it: definite short-form lengths are enough for these messages

    private static byte[] tlv(int tag, byte[]... content) {
        byte[] body = cat(content);
        assertThat(body.length).isLessThan(128);
        return cat(new byte[] {(byte) tag, (byte) body.length}, body);
    }

    private static byte[] integer(long value) {
        byte[] b = java.math.BigInteger.valueOf(value).toByteArray();
        return tlv(0x02, b);
    }

    private static byte[] octets(String s) {
        return tlv(0x04, s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] octets(byte[] b) {
        return tlv(0x04, b);
    }

    private static byte[] sequence(byte[]... content) {
        return tlv(0x30, content);
    }

    /** An OBJECT IDENTIFIER: the first two arcs in one byte (40 * a + b), the rest base 128 (all below 128 here). */
    private static byte[] oid(int... arcs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(40 * arcs[0] + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            out.write(arcs[i]);
        }
        return tlv(0x06, out.toByteArray());
    }


    /** "PRTL" read as a big-endian 32-bit integer: the request and message ID of Portolan's SNMP probes. */
    private static final long PRTL = 0x5052544cL;

    @Test
    void dnsVersionBindIsAChaosTxtQuery() {
        // RFC 1035 4.1.1: ID, flags (RD), QDCOUNT 1, AN/NS/ARCOUNT 0; 4.1.2: QNAME, QTYPE TXT (16), QCLASS CH (3)
        byte[] header = {'P', 'T', 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0};
        byte[] question = cat(new byte[] {7}, ascii("version"), new byte[] {4}, ascii("bind"), new byte[] {0},
                new byte[] {0, 16, 0, 3});
        assertThat(payload("DnsVersionBind")).isEqualTo(cat(header, question));
    }

    @Test
    void snmpSysDescrIsAV2cGetRequest() {
        // RFC 3416 / RFC 1901: Message { version 1 (v2c), community, GetRequest-PDU [0] { request-id, error-status,
        // error-index, VarBindList { VarBind { sysDescr.0 (1.3.6.1.2.1.1.1.0), NULL } } } }
        byte[] varbind = sequence(oid(1, 3, 6, 1, 2, 1, 1, 1, 0), new byte[] {0x05, 0x00});
        byte[] pdu = tlv(0xa0, integer(PRTL), integer(0), integer(0), sequence(varbind));
        assertThat(HexFormat.of().formatHex(payload("SnmpSysDescr")))
                .isEqualTo(HexFormat.of().formatHex(sequence(integer(1), octets("public"), pdu)));
    }

    @Test
    void snmpV3DiscoveryIsAnUnauthenticatedReportableGetRequest() {
        // RFC 3412 6: SNMPv3Message { msgVersion 3, HeaderData { msgID, msgMaxSize 65507, msgFlags reportable (4),
        // msgSecurityModel USM (3) }, msgSecurityParameters (the BER of RFC 3414 2.4's UsmSecurityParameters, all
        // empty or zero), ScopedPDU { contextEngineID "", contextName "", GetRequest-PDU with no varbinds } }
        byte[] header = sequence(integer(PRTL), integer(65507), octets(new byte[] {4}), integer(3));
        byte[] usm = sequence(octets(""), integer(0), integer(0), octets(""), octets(""), octets(""));
        byte[] scoped = sequence(octets(""), octets(""), tlv(0xa0, integer(PRTL), integer(0), integer(0),
                sequence()));
        assertThat(HexFormat.of().formatHex(payload("SnmpV3Discovery")))
                .isEqualTo(HexFormat.of().formatHex(sequence(integer(3), header, octets(usm), scoped)));
    }

    @Test
    void ntpProbesAreAClientRequestAndAReadvar() {
        // RFC 5905 7.3: LI 3 (clock unsynchronised), VN 4, mode 3 (client); the other 47 bytes zero
        byte[] client = new byte[48];
        client[0] = (byte) (3 << 6 | 4 << 3 | 3);
        assertThat(payload("NtpClient")).isEqualTo(client);
        // RFC 9327 2: LI 0, VN 2, mode 6 (control); R E M 0, opcode 2 (read variables); sequence 1; status,
        // association ID, offset and count 0
        byte[] readvar = {(byte) (2 << 3 | 6), 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0};
        assertThat(payload("NtpReadvar")).isEqualTo(readvar);
    }

    @Test
    void memcachedOverUdpHasTheFrameHeader() {
        // memcached protocol.txt "UDP protocol": request ID 1, sequence 0, 1 datagram, reserved 0; then the command
        byte[] frame = {0, 1, 0, 0, 0, 1, 0, 0};
        assertThat(payload("MemcachedVersionUdp")).isEqualTo(cat(frame, ascii("version\r\n")));
    }

    /** A Report from net-snmp 5.9.3 (the lab's snmpd, community "secretlab") to SnmpV3Discovery, as captured. */
    static final byte[] NET_SNMP_REPORT = HexFormat.of().parseHex("3071020103301102045052544c020300ffe304010002010304"
            + "21301f041180001f88808f4f060fce42036b000000000201010201020400040004003036041180001f88808f4f060fce42036b"
            + "000000000400a81f02045052544c0201000201003011300f060a2b060106030f01010400410101");

    @Test
    void anSnmpV3ReportNamesTheEnginesMaker() {
        ServiceMatch netSnmp = match("SnmpV3Discovery", NET_SNMP_REPORT).orElseThrow();
        assertThat(netSnmp.service()).isEqualTo("snmp");
        assertThat(netSnmp.soft()).isFalse();
        assertThat(netSnmp.product()).isEqualTo("net-snmp");
        assertThat(netSnmp.info()).isEqualTo("SNMPv3");
        assertThat(netSnmp.cpes()).containsExactly("cpe:/a:net-snmp:net-snmp");

        byte[] cisco = NET_SNMP_REPORT.clone();
        // the engine ID's enterprise number (RFC 3411 SnmpEngineID, top bit set): 9 is Cisco
        for (int i = 0; i + 5 < cisco.length; i++) {
            if (cisco[i] == 0x04 && cisco[i + 1] == 0x11 && (cisco[i + 2] & 0xff) == 0x80) {
                cisco[i + 4] = 0;
                cisco[i + 5] = 9;
            }
        }
        assertThat(match("SnmpV3Discovery", cisco).orElseThrow().product()).isEqualTo("Cisco SNMP service");

        byte[] other = NET_SNMP_REPORT.clone();
        // another maker's enterprise number: still SNMPv3, no product
        for (int i = 0; i + 5 < other.length; i++) {
            if (other[i] == 0x04 && other[i + 1] == 0x11 && (other[i + 2] & 0xff) == 0x80) {
                other[i + 5] = 0x42;
            }
        }
        ServiceMatch unknown = match("SnmpV3Discovery", other).orElseThrow();
        assertThat(unknown.soft()).isTrue();
        assertThat(unknown.service()).isEqualTo("snmp");

        byte[] wrongId = NET_SNMP_REPORT.clone();
        wrongId[12] = 'X';
        assertThat(match("SnmpV3Discovery", wrongId)).as("an answer to another message ID").isEmpty();
        assertThat(match("SnmpV3Discovery", new byte[] {0x30, 0x03, 0x02, 0x01, 0x01})).isEmpty();
    }

    @Test
    void theOwnSetPlansItsUdpProbesAsNmapRulesSay() {
        ProbeSelector own = new ProbeSelector(OWN);
        assertThat(own.plan(Protocol.UDP, 161, false, VersionIntensity.DEFAULT)).extracting(Probe::name)
                .startsWith("SnmpSysDescr", "SnmpV3Discovery").doesNotContain("NULL", "NtpReadvar");
        assertThat(own.plan(Protocol.UDP, 123, false, new VersionIntensity(0))).extracting(Probe::name)
                .containsExactly("NtpClient", "NtpReadvar");
        assertThat(own.plan(Protocol.UDP, 40000, false, VersionIntensity.LIGHT)).extracting(Probe::name)
                .containsExactly("DnsVersionBind");
        assertThat(own.plan(Protocol.UDP, 40000, false, VersionIntensity.ALL)).extracting(Probe::name)
                .containsExactly("MemcachedVersionUdp", "DnsVersionBind", "SnmpSysDescr", "SnmpV3Discovery",
                        "NtpClient", "NtpReadvar");
    }

    @Test
    void withNmapsFileTheOwnProbesGoFirstThenNmapsListingThePortThenTheRestByRarity() {
        Assumptions.assumeTrue(Files.isReadable(NmapProbes.DEFAULT_PATH), "nmap is not installed");
        ServiceCatalog all = ServiceCatalog.load(List.of(), true, NmapProbes.DEFAULT_PATH);
        ProbeSelector selector = all.selector();
        List<Probe> dns = selector.plan(Protocol.UDP, 53, false, VersionIntensity.DEFAULT);
        assertThat(dns).extracting(Probe::name).startsWith("DnsVersionBind", "DNSVersionBindReq", "DNSStatusRequest")
                .doesNotContain("NULL");
        assertThat(dns).allSatisfy(p -> assertThat(p.protocol()).isEqualTo(Protocol.UDP));
        assertThat(dns).allSatisfy(p -> assertThat(p.lists(53, false) || p.rarity() <= 7).isTrue());
        // the probes listing the port come first, whatever their rarity
        long listing = dns.stream().filter(p -> p.lists(53, false)).count();
        assertThat(dns.subList(0, (int) listing)).allSatisfy(p -> assertThat(p.lists(53, false)).isTrue());
        assertThat(selector.plan(Protocol.UDP, 161, false, VersionIntensity.DEFAULT)).extracting(Probe::name)
                .startsWith("SnmpSysDescr", "SnmpV3Discovery", "SNMPv1public", "SNMPv3GetRequest");
        assertThat(selector.plan(Protocol.UDP, 40000, false, new VersionIntensity(0))).isEmpty();

        // nmap's own DNS probe, answered as dnsmasq does, matches nmap's line for dnsmasq
        Probe nmapDns = all.probes().probe(Protocol.UDP, "DNSVersionBindReq").orElseThrow();
        Optional<ServiceMatch> m = all.matcher().match(Response.of(Protocol.UDP, nmapDns.name(), 53, false,
                versionBindAnswer(nmapDns.payload(), "dnsmasq-2.90")));
        assertThat(m).isPresent();
        assertThat(m.get().product()).isEqualTo("dnsmasq");
        assertThat(m.get().version()).isEqualTo("2.90");
    }

    /** The answer a server gives to a version.bind query: the query echoed with QR set, and one TXT record. */
    static byte[] versionBindAnswer(byte[] query, String text) {
        byte[] head = query.clone();
        head[2] = (byte) (head[2] | 0x84);
        head[3] = (byte) 0x80;
        head[7] = 1;
        byte[] rr = {(byte) 0xc0, 0x0c, 0, 16, 0, 3, 0, 0, 0, 0, 0, (byte) (text.length() + 1),
                (byte) text.length()};
        return cat(head, rr, ascii(text));
    }
}
