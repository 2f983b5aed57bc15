package dev.portolan.packet;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/** An immutable run of bytes (options, payloads, quoted data), compared by content and printed as hex. */
public final class Bytes {
    /** No bytes. */
    public static final Bytes EMPTY = new Bytes(new byte[0]);
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code bytes}. */
    public static Bytes of(byte... bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
    }

    /** {@code length} zero bytes. */
    public static Bytes zeros(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("byte count " + length + " is negative");
        }
        return length == 0 ? EMPTY : new Bytes(new byte[length]);
    }

    /** The bytes written in hex, whitespace ignored ("0204 05b4"); an odd digit count or a non-hex digit is refused. */
    public static Bytes fromHex(String hex) {
        String digits = hex.replaceAll("\\s+", "");
        try {
            return digits.isEmpty() ? EMPTY : new Bytes(HEX.parseHex(digits));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a hex byte string: \"" + hex + "\"");
        }
    }

    /** The bytes from {@code offset} to {@code offset + length} of {@code buf}, copied; the buffer is not moved. */
    static Bytes copyOf(ByteBuffer buf, int offset, int length) {
        if (length == 0) {
            return EMPTY;
        }
        byte[] b = new byte[length];
        buf.get(offset, b);
        return new Bytes(b);
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** The byte at {@code index} as 0..255. */
    public int unsigned(int index) {
        return bytes[index] & 0xff;
    }

    /** A copy of the bytes. */
    public byte[] toArray() {
        return bytes.clone();
    }

    /** Writes the bytes at {@code out}'s position and advances it. */
    public void writeTo(ByteBuffer out) {
        out.put(bytes);
    }

    /** The backing array, for checksum sums inside this package; never handed out. */
    byte[] array() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The bytes as lower-case hex without separators. */
    @Override
    public String toString() {
        return HEX.formatHex(bytes);
    }
}
