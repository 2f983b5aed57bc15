package dev.portolan.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The reports' UTF-8 writer: the same bytes as an OutputStreamWriter, however the text is cut into writes. */
class Utf8WriterTest {
    @Test
    void encodesWhatItIsGivenInAnyPieces() throws Exception {
        StringBuilder expected = new StringBuilder();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Utf8Writer w = new Utf8Writer(bytes)) {
            for (int i = 0; i < 20_000; i++) {
                // a pair of surrogates cut between two writes, now and then across a spill of the buffer
                String piece = "<host addr=\"198.51.100." + (i & 0xff) + "\" vendor=\"Zürich \uD83D";
                w.write(piece);
                w.append(new StringBuilder("\uDE00\"/>\n"));
                w.write('x');
                w.write(new char[] {'-', 'é'}, 0, 2);
                expected.append(piece).append("\uDE00\"/>\n").append('x').append("-é");
            }
            w.flush();
            assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
        }
        assertThat(bytes.toByteArray()).isEqualTo(expected.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void replacesUnpairedSurrogatesAsOutputStreamWriterDoes() throws Exception {
        String text = "a\uDE00b\uD83Dc \uD83D";
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        try (Writer w = new Utf8Writer(ours)) {
            w.write(text);
        }
        ByteArrayOutputStream theirs = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(theirs, StandardCharsets.UTF_8)) {
            w.write(text);
        }
        assertThat(ours.toString(StandardCharsets.UTF_8)).isEqualTo("a?b?c ?");
        assertThat(ours.toByteArray()).isEqualTo(theirs.toByteArray());
    }
}
