package dev.portolan.report;

import dev.portolan.target.Addresses;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Text built as UTF-8 bytes: the reports of a large sweep write tens of megabytes, and text built in a StringBuilder
 * is copied and scanned again to become bytes (with the C1 compiler alone the JDK's string scans are plain loops).
 * Fixed pieces are encoded once ({@link #ascii(String)}) and copied in; numbers and IPv4 addresses are written as
 * digits; other text is encoded as {@link String#getBytes} would (an unpaired surrogate becomes '?'). Not
 * thread-safe.
 */
public final class TextBytes {
    private static final byte[] BLANKS = ascii(" ".repeat(64));

    private byte[] bytes;
    private int length;
    /** Whether every byte so far is ASCII, so the text reads the same in any ASCII-based charset. */
    private boolean ascii = true;

    public TextBytes(int capacity) {
        this.bytes = new byte[Math.max(16, capacity)];
    }

    /** {@code text}'s bytes, for {@link #append(byte[])}; {@code text} must be ASCII. */
    public static byte[] ascii(String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                throw new IllegalArgumentException("not ASCII: " + text);
            }
        }
        return b;
    }

    public int length() {
        return length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    /** True when the text holds no byte above 0x7f. */
    public boolean isAscii() {
        return ascii;
    }

    /** Empties the text, keeping its room. */
    public void clear() {
        length = 0;
        ascii = true;
    }

    /** The room it holds, to tell a buffer grown large for one big host. */
    public int capacity() {
        return bytes.length;
    }

    /** Appends pre-encoded bytes, from {@link #ascii(String)}. */
    public TextBytes append(byte[] encoded) {
        int n = encoded.length;
        room(n);
        System.arraycopy(encoded, 0, bytes, length, n);
        length += n;
        return this;
    }

    /** Appends another text's bytes. */
    public TextBytes append(TextBytes other) {
        room(other.length);
        System.arraycopy(other.bytes, 0, bytes, length, other.length);
        length += other.length;
        ascii &= other.ascii;
        return this;
    }

    /** Appends {@code s} encoded as UTF-8. */
    public TextBytes append(String s) {
        int n = s.length();
        room(n);
        byte[] b = bytes;
        int at = length;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                length = at;
                return appendEncoded(s, i, n);
            }
            b[at++] = (byte) c;
        }
        length = at;
        return this;
    }

    /** Appends characters {@code start} to {@code end} of {@code s} encoded as UTF-8 (writers' text, not hosts'). */
    public TextBytes append(CharSequence s, int start, int end) {
        return append(s.subSequence(start, end).toString());
    }

    /** Characters {@code from} to {@code end} of {@code s}, where one beyond ASCII was met at {@code from}. */
    private TextBytes appendEncoded(CharSequence s, int from, int end) {
        byte[] rest = s.subSequence(from, end).toString().getBytes(StandardCharsets.UTF_8);
        room(rest.length);
        System.arraycopy(rest, 0, bytes, length, rest.length);
        length += rest.length;
        ascii = false;
        return this;
    }

    /** Appends one character; a surrogate alone becomes '?', as String#getBytes encodes it. */
    public TextBytes append(char c) {
        if (c < 0x80) {
            room(1);
            bytes[length++] = (byte) c;
            return this;
        }
        return appendEncoded(String.valueOf(c), 0, 1);
    }

    /** Appends {@code v} in decimal. */
    public TextBytes append(long v) {
        if (v >= 0 && v <= Integer.MAX_VALUE) {
            // int arithmetic: a long division is a call into the VM's runtime in C1-compiled code
            return appendDigits((int) v);
        }
        // beyond an int (or negative): rare in a report
        return append(Long.toString(v));
    }

    /** Appends {@code v} in decimal. */
    public TextBytes append(int v) {
        return v >= 0 ? appendDigits(v) : append((long) v);
    }

    private TextBytes appendDigits(int v) {
        // counted by comparison, not division: a division costs tens of cycles
        int digits = v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10_000 ? 4 : v < 100_000 ? 5 : v < 1_000_000 ? 6
                : v < 10_000_000 ? 7 : v < 100_000_000 ? 8 : v < 1_000_000_000 ? 9 : 10;
        room(digits);
        int end = length + digits;
        for (int i = end - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        length = end;
        return this;
    }

    /** Appends the dotted quad of the IPv4 address whose bits are {@code address}. */
    public TextBytes appendIpv4(int address) {
        room(15);
        for (int shift = 24; shift >= 0; shift -= 8) {
            int octet = address >>> shift & 0xff;
            if (octet >= 100) {
                bytes[length++] = (byte) ('0' + octet / 100);
            }
            if (octet >= 10) {
                bytes[length++] = (byte) ('0' + octet / 10 % 10);
            }
            bytes[length++] = (byte) ('0' + octet % 10);
            if (shift > 0) {
                bytes[length++] = '.';
            }
        }
        return this;
    }

    /** Appends an address as {@link Addresses#format} writes it; an IPv4 one without a String of its own. */
    public TextBytes appendIp(InetAddress address) {
        if (address instanceof Inet4Address v4) {
            return appendIpv4((int) Addresses.ipv4Value(v4));
        }
        return append(Addresses.format(address));
    }

    /** Appends {@code count} spaces (none when {@code count} is not positive). */
    public TextBytes spaces(int count) {
        if (count > 0) {
            room(count);
            // copied from a row of blanks: an array copy is a stub in C1-compiled code, Arrays.fill a loop
            for (int left = count; left > 0; left -= BLANKS.length) {
                System.arraycopy(BLANKS, 0, bytes, length, Math.min(left, BLANKS.length));
                length += Math.min(left, BLANKS.length);
            }
        }
        return this;
    }

    /** Moves the bytes from {@code at} on by {@code count} and puts spaces in the gap: right-aligns a column. */
    public void insertSpaces(int at, int count) {
        if (at < 0 || at > length) {
            throw new IndexOutOfBoundsException("position " + at + " of " + length);
        }
        if (count <= 0) {
            return;
        }
        room(count);
        System.arraycopy(bytes, at, bytes, at + count, length - at);
        Arrays.fill(bytes, at, at + count, (byte) ' ');
        length += count;
    }

    /** Drops the whitespace (Character#isWhitespace) that ends the text after byte {@code from}. */
    public void stripTrailing(int from) {
        if (from < 0 || from > length) {
            throw new IndexOutOfBoundsException("position " + from + " of " + length);
        }
        while (length > from && isAsciiWhitespace(bytes[length - 1])) {
            length--;
        }
        if (length > from && bytes[length - 1] < 0) {
            // a character beyond ASCII ends it: decoded to tell whether it is whitespace
            String tail = new String(bytes, from, length - from, StandardCharsets.UTF_8);
            int end = tail.length();
            while (end > 0 && Character.isWhitespace(tail.charAt(end - 1))) {
                end--;
            }
            if (end < tail.length()) {
                length = from + tail.substring(0, end).getBytes(StandardCharsets.UTF_8).length;
                stripTrailing(from);
            }
        }
    }

    private static boolean isAsciiWhitespace(byte b) {
        return b == ' ' || (b >= 0x09 && b <= 0x0d) || (b >= 0x1c && b <= 0x1f);
    }

    /** Writes the text to {@code out} in one call. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
    }

    /** Writes the text to {@code out}, which reports no errors. */
    public void writeTo(PrintStream out) {
        out.write(bytes, 0, length);
    }

    /** The text decoded, for writers that take characters. */
    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    /** Makes room for {@code more} bytes; small, so the compiler puts it inline in every append. */
    private void room(int more) {
        if (bytes.length - length < more) {
            grow(more);
        }
    }

    private void grow(int more) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
}
