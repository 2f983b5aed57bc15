package dev.portolan.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A buffered UTF-8 writer for the reports, which build each host's text in a StringBuilder: appending one here is a
 * bulk copy, and a full buffer is encoded at once, instead of every write turning
 * compact text into chars and encoding them again; the chars and bytes on the way are reused arrays. Not
 * thread-safe: the sinks call it under their own lock.
 */
final class Utf8Writer extends Writer {
    private static final int SPILL_AT = 1 << 16;

    private final OutputStream out;
    private final StringBuilder buffer = new StringBuilder(SPILL_AT + (SPILL_AT >> 2));
    /** As OutputStreamWriter: what cannot be encoded (an unpaired surrogate) becomes '?'. */
    private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer bytes = ByteBuffer.allocate(SPILL_AT * 2);
    private char[] chars = new char[SPILL_AT];
    private boolean closed;

    Utf8Writer(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void write(int c) throws IOException {
        buffer.append((char) c);
        spill();
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        buffer.append(chars, offset, length);
        spill();
    }

    @Override
    public void write(String s) throws IOException {
        buffer.append(s);
        spill();
    }

    @Override
    public void write(String s, int offset, int length) throws IOException {
        buffer.append(s, offset, offset + length);
        spill();
    }

    @Override
    public Writer append(CharSequence text) throws IOException {
        buffer.append(text);
        spill();
        return this;
    }

    @Override
    public Writer append(CharSequence text, int start, int end) throws IOException {
        buffer.append(text, start, end);
        spill();
        return this;
    }

    @Override
    public Writer append(char c) throws IOException {
        write(c);
        return this;
    }

    private void spill() throws IOException {
        if (buffer.length() >= SPILL_AT) {
            encode(false);
        }
    }

    /**
     * Writes out the buffer; before the end of the text, all but a high surrogate at its end, whose pair may come with
     * the next write.
     */
    private void encode(boolean endOfText) throws IOException {
        int end = buffer.length();
        if (!endOfText && end > 0 && Character.isHighSurrogate(buffer.charAt(end - 1))) {
            end--;
        }
        if (end == 0) {
            return;
        }
        if (chars.length < end) {
            chars = new char[Math.max(end, 2 * chars.length)];
        }
        buffer.getChars(0, end, chars, 0);
        buffer.delete(0, end);
        // into one reused byte buffer: a report of a /16 is megabytes that need not become garbage on the way
        CharBuffer in = CharBuffer.wrap(chars, 0, end);
        encoder.reset();
        // with the end of input given and errors replaced, encoding stops only when the input is used up or the
        // bytes are full
        while (encoder.encode(in, bytes, true).isOverflow()) {
            drain();
        }
        drain();
    }

    private void drain() throws IOException {
        if (bytes.position() > 0) {
            out.write(bytes.array(), 0, bytes.position());
            bytes.clear();
        }
    }

    @Override
    public void flush() throws IOException {
        encode(false);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            encode(true);
            out.flush();
        } finally {
            out.close();
        }
    }
}
