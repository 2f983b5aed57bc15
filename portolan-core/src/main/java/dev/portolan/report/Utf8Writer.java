package dev.portolan.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A buffered UTF-8 writer for the reports, which build each host's text in a StringBuilder: appending one here is a
 * bulk copy, and a full buffer is encoded at once by {@link String#getBytes}, which copies text that is all ASCII
 * (the reports' usual case) as it stands, where a CharsetEncoder would widen it to chars and narrow it again byte by
 * byte. Not thread-safe: the sinks call it under their own lock.
 */
final class Utf8Writer extends Writer {
    private static final int SPILL_AT = 1 << 16;

    private final OutputStream out;
    private final StringBuilder buffer = new StringBuilder(SPILL_AT + (SPILL_AT >> 2));
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
        // as OutputStreamWriter: what cannot be encoded (an unpaired surrogate) becomes '?'
        byte[] bytes = buffer.substring(0, end).getBytes(StandardCharsets.UTF_8);
        buffer.delete(0, end);
        out.write(bytes);
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
