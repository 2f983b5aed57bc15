package dev.portolan.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Text built as UTF-8 bytes: the same bytes as String#getBytes of the same text, however it was appended. */
class TextBytesTest {
    private static byte[] bytes(TextBytes t) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        t.writeTo((OutputStream) out);
        return out.toByteArray();
    }

    @Test
    void numbersAreWrittenInDecimal() throws Exception {
        TextBytes t = new TextBytes(4);
        long[] values = {0, 7, 9, 10, 99, 100, 999, 1000, 65_535, 99_999, 100_000, 999_999, 1_000_000, 9_999_999,
                10_000_000, 99_999_999, 100_000_000, 999_999_999, 1_000_000_000, -1, -40, Integer.MAX_VALUE,
                Integer.MIN_VALUE, Integer.MAX_VALUE + 1L, Long.MAX_VALUE, Long.MIN_VALUE};
        StringBuilder expected = new StringBuilder();
        for (long v : values) {
            t.append(v).append(',');
            expected.append(v).append(',');
        }
        t.append(-12).append(3);
        expected.append(-12).append(3);
        assertThat(new String(bytes(t), StandardCharsets.US_ASCII)).isEqualTo(expected.toString());
        assertThat(t.isAscii()).isTrue();
    }

    @Test
    void ipv4AddressesAsDottedQuads() throws Exception {
        Random random = new Random(4);
        for (int i = 0; i < 2_000; i++) {
            int bits = i < 3 ? new int[] {0, -1, 0x0a00_6409}[i] : random.nextInt();
            TextBytes t = new TextBytes(1);
            t.appendIpv4(bits);
            byte[] quad = {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
            assertThat(t.toString()).isEqualTo(InetAddress.getByAddress(quad).getHostAddress());
        }
        TextBytes six = new TextBytes(8);
        six.appendIp(InetAddress.getByName("2001:db8::1"));
        assertThat(six.toString()).isEqualTo("2001:db8::1");
    }

    @Test
    void textIsEncodedAsStringGetBytesEncodesIt() throws Exception {
        String[] pieces = {"plain", "Zürich", "日本", "\uD83D\uDE00", "lone \uD83D high", "lone \uDE00 low", "end \uD83D",
                "", "<a href=\"x\">"};
        TextBytes t = new TextBytes(2);
        StringBuilder expected = new StringBuilder();
        for (String p : pieces) {
            t.append(p).append('|');
            expected.append(p).append('|');
        }
        t.append(new StringBuilder("--é--"), 1, 4).append('\u00e9').append('\uDE00');
        // each piece is encoded on its own: a surrogate alone in a piece becomes '?'
        byte[] want = concat(expected.toString(), "-é-", "é", "\uDE00");
        assertThat(bytes(t)).isEqualTo(want);
        assertThat(t.isAscii()).isFalse();
    }

    private static byte[] concat(String... texts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String s : texts) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void constantsMustBeAscii() {
        assertThat(TextBytes.ascii("<host>")).containsExactly("<host>".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> TextBytes.ascii("café")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void columnsArePaddedAndRightAligned() {
        TextBytes t = new TextBytes(8);
        TextBytes wide = new TextBytes(4);
        wide.spaces(150).append('|');
        assertThat(wide.toString()).isEqualTo(" ".repeat(150) + "|");
        t.append("ab").spaces(3).append('|').spaces(-2).spaces(0);
        int at = t.length();
        t.append("1.5 ms");
        t.insertSpaces(at, 9 - (t.length() - at));
        t.insertSpaces(at, 0);
        assertThat(t.toString()).isEqualTo("ab   |   1.5 ms");
        assertThatThrownBy(() -> t.insertSpaces(t.length() + 1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void trailingWhitespaceIsStrippedAsStringStripTrailingDoes() {
        String[] tails = {"name  ", "name\t\n", "name\u3000", "名前\u2003 ", "   ", "x\u00a0", "é"};
        for (String tail : tails) {
            TextBytes t = new TextBytes(4);
            t.append("keep  ");
            int from = t.length();
            t.append(tail);
            t.stripTrailing(from);
            assertThat(t.toString()).as(tail).isEqualTo("keep  " + tail.stripTrailing());
        }
    }

    @Test
    void clearKeepsTheRoom() {
        TextBytes t = new TextBytes(16);
        t.append("0123456789").append("é");
        int room = t.capacity();
        t.clear();
        assertThat(t.isEmpty()).isTrue();
        assertThat(t.isAscii()).isTrue();
        assertThat(t.capacity()).isEqualTo(room);
        TextBytes other = new TextBytes(1);
        other.append("ab");
        t.append(other).append(other);
        assertThat(t.toString()).isEqualTo("abab");
    }
}
