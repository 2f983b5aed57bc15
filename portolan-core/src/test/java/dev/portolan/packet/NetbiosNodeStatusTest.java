package dev.portolan.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Node status query and answer, byte for byte as RFC 1002 4.2.17 and 4.2.18 lay them out. */
class NetbiosNodeStatusTest {
    private static final HexFormat HEX = HexFormat.of();

    /** "*" and 15 NULs, each byte as two letters 'A' + nibble: '*' = 0x2A is "CK", NUL is "AA". */
    static final String WILDCARD = "20" + hex("CK" + "A".repeat(30)) + "00";

    /** Header of a query: id 1234, no flags, one question, no records. */
    static final String QUERY = "1234" + "0000" + "0001" + "0000" + "0000" + "0000" + WILDCARD + "0021" + "0001";

    /** An answer with WS01<00> unique (active), WORKGROUP<00> group and unit id 00:1B:63:12:34:56. */
    static final String ANSWER = "1234" + "8400" + "0000" + "0001" + "0000" + "0000" + WILDCARD
            + "0021" + "0001" + "00000000" + "002b" + "02"
            + hex("WS01" + " ".repeat(11)) + "00" + "0400"
            + hex("WORKGROUP" + " ".repeat(6)) + "00" + "8400"
            + "001b63123456";

    private static String hex(String ascii) {
        return HEX.formatHex(ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static ByteBuffer bytes(String hex) {
        return ByteBuffer.wrap(HEX.parseHex(hex));
    }

    @Test
    void theQueryIsFiftyBytesAskingNbstatOfTheWildcard() {
        byte[] q = NetbiosNodeStatus.query(0x1234);
        assertThat(q).hasSize(50);
        assertThat(HEX.formatHex(q)).isEqualTo(QUERY);
    }

    @Test
    void theAnswerGivesTheNameTableAndTheUnitId() {
        NetbiosNodeStatus.Answer a = NetbiosNodeStatus.parse(bytes(ANSWER), 0x1234);
        assertThat(a.names()).containsExactly(new NetbiosNodeStatus.Name("WS01", 0x00, false),
                new NetbiosNodeStatus.Name("WORKGROUP", 0x00, true));
        assertThat(a.computerName()).contains("WS01");
        assertThat(a.workgroup()).contains("WORKGROUP");
        assertThat(a.user()).isEmpty();
        assertThat(a.mac()).contains("00:1B:63:12:34:56");
        assertThat(a.names().get(1)).hasToString("WORKGROUP<00> group");
    }

    @Test
    void aCompressedAnswerNameAndZeroUnitIdAreRead() {
        // the answer's name as a pointer to offset 12, and Samba's all-zero unit id
        String compressed = "1234" + "8400" + "0000" + "0001" + "0000" + "0000" + "c00c"
                + "0021" + "0001" + "00000000" + "002b" + "02"
                + hex("WS01" + " ".repeat(11)) + "00" + "0400"
                + hex("ALICE" + " ".repeat(10)) + "03" + "0400"
                + "000000000000";
        NetbiosNodeStatus.Answer a = NetbiosNodeStatus.parse(bytes(compressed), 0x1234);
        assertThat(a.computerName()).contains("WS01");
        assertThat(a.user()).contains("ALICE");
        assertThat(a.mac()).isEmpty();
    }

    @Test
    void anAnswerToAnotherQueryOrARequestIsRefused() {
        assertThatThrownBy(() -> NetbiosNodeStatus.parse(bytes(ANSWER), 0x4321))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("transaction");
        assertThatThrownBy(() -> NetbiosNodeStatus.parse(bytes(QUERY), 0x1234))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("request");
        String wrongType = ANSWER.replaceFirst(WILDCARD + "0021", WILDCARD + "0020");
        assertThatThrownBy(() -> NetbiosNodeStatus.parse(bytes(wrongType), 0x1234))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("not NBSTAT");
    }

    @Test
    void hostileAnswersGiveATypedErrorNeverAnIndexError() {
        byte[] good = HEX.parseHex(ANSWER);
        // cut short at every length
        for (int len = 0; len < good.length - 6; len++) {
            int n = len;
            assertThatThrownBy(() -> NetbiosNodeStatus.parse(ByteBuffer.wrap(good, 0, n), 0x1234))
                    .as("cut at %d", n).isInstanceOf(MalformedPacketException.class);
        }
        // a name count far beyond the data
        byte[] many = good.clone();
        many[12 + 34 + 10] = (byte) 0xff;
        assertThatThrownBy(() -> NetbiosNodeStatus.parse(ByteBuffer.wrap(many), 0x1234))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("255 names");
        // a label longer than the packet
        byte[] label = good.clone();
        label[12] = 0x3f;
        assertThatThrownBy(() -> NetbiosNodeStatus.parse(ByteBuffer.wrap(label), 0x1234))
                .isInstanceOf(MalformedPacketException.class);
        // rdlength past the end
        byte[] longer = good.clone();
        longer[12 + 34 + 8] = 0x7f;
        assertThatThrownBy(() -> NetbiosNodeStatus.parse(ByteBuffer.wrap(longer), 0x1234))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("claims");
        // control bytes in a name are replaced, not passed to the reports
        byte[] control = good.clone();
        control[12 + 34 + 10 + 1 + 1] = 0x1b;
        assertThat(NetbiosNodeStatus.parse(ByteBuffer.wrap(control), 0x1234).computerName()).contains("W?01");
        // random mutations: a parse or a typed error, nothing else
        Random random = new Random(137);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = good.clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            byte[] cut = java.util.Arrays.copyOf(b, random.nextInt(b.length + 1));
            try {
                NetbiosNodeStatus.parse(ByteBuffer.wrap(cut), 0x1234);
            } catch (MalformedPacketException expected) {
                // fine
            }
        }
    }
}
