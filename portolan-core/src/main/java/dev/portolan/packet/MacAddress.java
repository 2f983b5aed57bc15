package dev.portolan.packet;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** A 48-bit Ethernet address held in the low bits of a long; prints as {@code 00:11:22:aa:bb:cc}. */
public record MacAddress(long bits) {
    public static final MacAddress ZERO = new MacAddress(0);
    public static final MacAddress BROADCAST = new MacAddress(0xffff_ffff_ffffL);

    public MacAddress {
        if (bits >>> 48 != 0) {
            throw new IllegalArgumentException("mac: " + Long.toHexString(bits) + " is wider than 48 bits");
        }
    }

    /** The address from its six bytes in wire order. */
    public static MacAddress of(byte[] six) {
        if (six.length != 6) {
            throw new IllegalArgumentException("mac: " + six.length + " bytes, expected 6");
        }
        long v = 0;
        for (byte b : six) {
            v = v << 8 | (b & 0xff);
        }
        return new MacAddress(v);
    }

    /** Six two-digit hex groups separated by ':' or '-' ("00:11:22:aa:bb:cc"). */
    public static MacAddress parse(String text) {
        String[] parts = text.split("[:-]", -1);
        if (parts.length != 6) {
            throw new IllegalArgumentException("not a MAC address: \"" + text + "\"");
        }
        long v = 0;
        for (String p : parts) {
            if (p.length() != 2 || Character.digit(p.charAt(0), 16) < 0 || Character.digit(p.charAt(1), 16) < 0) {
                throw new IllegalArgumentException("not a MAC address: \"" + text + "\"");
            }
            v = v << 8 | Integer.parseInt(p, 16);
        }
        return new MacAddress(v);
    }

    static MacAddress read(ByteBuffer b, int index) {
        return new MacAddress((long) BigEndian.u16(b, index) << 32 | (BigEndian.i32(b, index + 2) & 0xffff_ffffL));
    }

    void write(ByteBuffer out) {
        BigEndian.put16(out, (int) (bits >>> 32));
        BigEndian.put32(out, (int) bits);
    }

    /** The six bytes in wire order. */
    public byte[] toBytes() {
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (bits >>> (40 - 8 * i));
        }
        return b;
    }

    /** True for group (multicast and broadcast) addresses: the low bit of the first byte. */
    public boolean isMulticast() {
        return (bits >>> 40 & 1) != 0;
    }

    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(toBytes());
    }
}
