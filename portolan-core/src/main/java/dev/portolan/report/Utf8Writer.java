package dev.portolan.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.CharBuffer;
import java.util.Objects;

/**
 * A buffered UTF-8 writer for the reports: characters are encoded into a byte buffer as they come (ASCII byte for
 * byte), text already built as bytes ({@link #write(TextBytes)}) is copied in as it is, and a full buffer goes out in
 * one write. A surrogate pair cut between two writes is joined; an unpaired surrogate becomes '?', as
 * OutputStreamWriter writes it. Not thread-safe: the sinks call it under their own lock.
 */
final class Utf8Writer extends Writer {
    private static final int SPILL_AT = 1 << 16;

    private final OutputStream out;
    private final TextBytes buffer = new TextBytes(SPILL_AT + (SPILL_AT >> 2));
    /** A high surrogate that ended the last write, whose pair may open the next one; 0 when none. */
    private char pendingHigh;
    private boolean closed;

    Utf8Writer(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void write(int c) throws IOException {
        text(String.valueOf((char) c), 0, 1);
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, chars.length);
        text(CharBuffer.wrap(chars), offset, offset + length);
    }

    @Override
    public void write(String s) throws IOException {
        text(s, 0, s.length());
    }

    @Override
    public void write(String s, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, s.length());
        text(s, offset, offset + length);
    }

    @Override
    public Writer append(CharSequence text) throws IOException {
        CharSequence t = text == null ? "null" : text;
        text(t, 0, t.length());
        return this;
    }

    @Override
    public Writer append(CharSequence text, int start, int end) throws IOException {
        CharSequence t = text == null ? "null" : text;
        Objects.checkFromToIndex(start, end, t.length());
        text(t, start, end);
        return this;
    }

    @Override
    public Writer append(char c) throws IOException {
        write(c);
        return this;
    }

    /** Appends text already encoded: a host's report built as bytes. */
    void write(TextBytes text) throws IOException {
        unpairedHigh();
        buffer.append(text);
        spill();
    }

    private void text(CharSequence s, int start, int end) throws IOException {
        if (start == end) {
            return;
        }
        if (pendingHigh != 0) {
            char first = s.charAt(start);
            if (Character.isLowSurrogate(first)) {
                buffer.append(new String(new char[] {pendingHigh, first}));
                pendingHigh = 0;
                start++;
            } else {
                unpairedHigh();
            }
        }
        if (start < end && Character.isHighSurrogate(s.charAt(end - 1))) {
            pendingHigh = s.charAt(end - 1);
            end--;
        }
        if (s instanceof String str && start == 0 && end == str.length()) {
            buffer.append(str);
        } else {
            buffer.append(s, start, end);
        }
        spill();
    }

    /** A held high surrogate whose pair did not come: '?', as the encoder writes it. */
    private void unpairedHigh() {
        if (pendingHigh != 0) {
            buffer.append('?');
            pendingHigh = 0;
        }
    }

    private void spill() throws IOException {
        if (buffer.length() >= SPILL_AT) {
            drain();
        }
    }

    private void drain() throws IOException {
        if (!buffer.isEmpty()) {
            buffer.writeTo(out);
            buffer.clear();
        }
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            unpairedHigh();
            drain();
            out.flush();
        } finally {
            out.close();
        }
    }
}
