package dev.portolan.service.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The first record a server sends after a ClientHello, as golden bytes written from RFC 5246 and RFC 8446. */
class ServerAnswerTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static ServerAnswer parse(byte[] b) {
        return ServerAnswer.parse(b, b.length);
    }

    /** A TLS 1.2 ServerHello: suite c02f, no session id, renegotiation_info extension only. */
    static final String HELLO_12 = "16 0303 0031" + "02 00002d" + "0303" + "11".repeat(32) + "00" + "c02f" + "00"
            + "0005" + "ff01 0001 00";

    /** A TLS 1.3 ServerHello: legacy 1.2, 32-byte session id echoed, suite 1301, supported_versions = 0304. */
    static final String HELLO_13 = "16 0303 0058" + "02 000054" + "0303" + "22".repeat(32) + "20" + "33".repeat(32)
            + "1301" + "00" + "000a" + "002b 0002 0304" + "0033 0002 001d";

    @Test
    void serverHellosGiveTheVersionChosen() {
        assertThat(parse(hex(HELLO_12))).isEqualTo(new ServerAnswer.Hello(TlsVersion.TLS_1_2, 0xc02f));
        assertThat(parse(hex(HELLO_13))).isEqualTo(new ServerAnswer.Hello(TlsVersion.TLS_1_3, 0x1301));
        String retry = HELLO_13.replace("22".repeat(32),
                "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");
        assertThat(parse(hex(retry))).isEqualTo(new ServerAnswer.HelloRetry(TlsVersion.TLS_1_3));
    }

    @Test
    void alertsAreTlsRefusals() {
        assertThat(parse(hex("15 0303 0002 02 46"))).isEqualTo(new ServerAnswer.Alert(2, 70));
        assertThat(parse(hex("15 0301 0002 02 28"))).isEqualTo(new ServerAnswer.Alert(2, 40));
    }

    @Test
    void otherProtocolsAreNotTls() {
        for (String banner : new String[] {"SSH-2.0-OpenSSH_9.2p1\r\n", "HTTP/1.1 400 Bad Request\r\n\r\n",
            "220 mail.lab.example ESMTP\r\n", "+OK ready\r\n", "-ERR unknown command\r\n"}) {
            assertThat(parse(banner.getBytes(StandardCharsets.US_ASCII))).as(banner)
                    .isInstanceOf(ServerAnswer.NotTls.class);
        }
        // one byte is enough when it cannot start a record
        assertThat(ServerAnswer.parse("S".getBytes(StandardCharsets.US_ASCII), 1))
                .isInstanceOf(ServerAnswer.NotTls.class);
        assertThat(parse(hex("17 0303 0005 0102030405"))).isInstanceOf(ServerAnswer.NotTls.class);
        assertThat(parse(hex("16 0303 0004 0b000000"))).isInstanceOf(ServerAnswer.NotTls.class);
        assertThat(parse(hex("16 0303 ffff 02"))).isInstanceOf(ServerAnswer.NotTls.class);
        assertThat(parse(hex("16 0303 0008 02000004 7f120000"))).isInstanceOf(ServerAnswer.NotTls.class);
    }

    @Test
    void partialRecordsWaitForMore() {
        byte[] whole = hex(HELLO_13);
        for (int cut = 0; cut < whole.length; cut++) {
            assertThat(ServerAnswer.parse(whole, cut)).as("first %d bytes", cut)
                    .isInstanceOf(ServerAnswer.Incomplete.class);
        }
    }

    @Test
    void cutOrLyingHellosAreNotTls() {
        // record length says 8, the hello inside claims a 32-byte random it cannot hold
        assertThat(parse(hex("16 0303 0008 02000004 0303 1111"))).isInstanceOf(ServerAnswer.NotTls.class);
        // session id length runs past the record
        String lying = "16 0303 0027" + "02 000023" + "0303" + "11".repeat(32) + "ff";
        assertThat(parse(hex(lying))).isInstanceOf(ServerAnswer.NotTls.class);
    }

    /** Seeded random and mutated input: only answers come out, never an exception. */
    @Test
    void hostileBytesNeverThrow() {
        Random random = new Random(20261122);
        byte[] base = hex(HELLO_13);
        for (int i = 0; i < 100_000; i++) {
            byte[] b;
            if (i % 2 == 0) {
                b = new byte[random.nextInt(64)];
                random.nextBytes(b);
                if (b.length > 0 && i % 4 == 0) {
                    b[0] = 0x16;
                }
            } else {
                b = base.clone();
                for (int k = 0; k < 1 + random.nextInt(4); k++) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
            }
            int length = b.length == 0 ? 0 : random.nextInt(b.length + 1);
            assertThat(ServerAnswer.parse(b, length)).isNotNull();
        }
    }
}
