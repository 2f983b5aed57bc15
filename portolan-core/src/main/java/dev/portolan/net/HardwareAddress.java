package dev.portolan.net;

import java.util.Arrays;
import java.util.HexFormat;

/** A link-layer address as an interface reports it: six bytes on Ethernet, other lengths elsewhere. Immutable. */
public final class HardwareAddress {
    private static final HexFormat HEX = HexFormat.ofDelimiter(":");

    private final byte[] bytes;

    private HardwareAddress(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The address of these bytes (1..32 of them), copied. */
    public static HardwareAddress of(byte[] bytes) {
        if (bytes.length < 1 || bytes.length > 32) {
            throw new IllegalArgumentException("hardware address of " + bytes.length + " bytes, expected 1..32");
        }
        return new HardwareAddress(bytes.clone());
    }

    /** Colon-separated two-digit hex groups, as {@link #toString()} prints them ("02:fc:00:00:00:01"). */
    public static HardwareAddress parse(String text) {
        try {
            if (text.length() % 3 != 2) {
                throw new IllegalArgumentException();
            }
            return of(HEX.parseHex(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a hardware address: \"" + text + "\"");
        }
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** True for six bytes: an Ethernet MAC address. */
    public boolean isEthernet() {
        return bytes.length == 6;
    }

    /** True when every byte is zero, as on lo. */
    public boolean isZero() {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HardwareAddress h && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HEX.formatHex(bytes);
    }
}
