package dev.portolan.lab.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The probes' hand-made DNS and SNMP messages, byte for byte. */
class ProbeCodecsTest {
    @Test
    void dnsQueryBytes() {
        assertThat(HexFormat.of().formatHex(Dns.query(0x1234, "a.bc", Dns.TYPE_A, Dns.CLASS_IN)))
                .isEqualTo("123401000001000000000000" + "0161" + "026263" + "00" + "0001" + "0001");
    }

    @Test
    void dnsAnswerIsRead() throws IOException {
        // header (1 question, 1 answer), question a.bc A IN, answer: pointer to the name, A IN ttl 60, 4 bytes
        byte[] reply = HexFormat.of().parseHex("123481800001000100000000" + "0161026263000001" + "0001"
                + "c00c00010001" + "0000003c" + "0004" + "cb00714f");
        assertThat(Dns.firstA(reply)).isEqualTo("203.0.113.79");
    }

    @Test
    void snmpGetRequestBytes() {
        // v2c GetRequest, community "public", request id 42, sysName.0
        assertThat(HexFormat.of().formatHex(Snmp.getRequest("public", 42, Snmp.SYS_NAME)))
                .isEqualTo("3026020101" + "0406" + "7075626c6963" + "a019" + "02012a" + "020100" + "020100"
                        + "300e300c06082b060102010105000500");
    }

    @Test
    void snmpStringsSkipTheCommunity() throws IOException {
        byte[] response = HexFormat.of().parseHex("302b020101" + "0406" + "7075626c6963" + "a21e" + "02012a"
                + "020100" + "020100" + "30133011" + "06082b06010201010500" + "0405" + "6c61622d73");
        assertThat(Snmp.strings(response)).containsExactly("lab-s");
    }
}
