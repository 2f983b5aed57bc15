package dev.portolan.lab;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IPv4 prefix of the lab ("198.18.0.0/15"): the network address must have no host bits set, so that what the
 * lab routes is exactly what was written.
 *
 * @param network the first address, as an unsigned 32-bit value
 * @param length the prefix length, 0 to 32
 */
public record Ipv4Prefix(long network, int length) {
    private static final Pattern TEXT = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

    public Ipv4Prefix {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("prefix length must be 0 to 32: " + length);
        }
        if (network < 0 || network > 0xffff_ffffL || (network & ~mask(length) & 0xffff_ffffL) != 0) {
            throw new IllegalArgumentException("not a network address for /" + length + ": " + network);
        }
    }

    /** Reads "a.b.c.d/n"; throws IllegalArgumentException with the text on anything else. */
    public static Ipv4Prefix parse(String text) {
        Matcher m = TEXT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not an IPv4 prefix (a.b.c.d/n): '" + text + "'");
        }
        long value = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                throw new IllegalArgumentException("not an IPv4 prefix (octet " + octet + "): '" + text + "'");
            }
            value = value << 8 | octet;
        }
        int length = Integer.parseInt(m.group(5));
        if (length > 32 || (value & ~mask(length) & 0xffff_ffffL) != 0) {
            throw new IllegalArgumentException("not an IPv4 prefix (host bits set or length over 32): '" + text + "'");
        }
        return new Ipv4Prefix(value, length);
    }

    /** Addresses in the prefix, network and broadcast addresses included. */
    public long size() {
        return 1L << (32 - length);
    }

    /** True when every address of {@code other} is in this prefix. */
    public boolean contains(Ipv4Prefix other) {
        return other.length >= length && (other.network & mask(length)) == network;
    }

    /** True when {@code address} (unsigned 32-bit) is in this prefix. */
    public boolean contains(long address) {
        return (address & mask(length)) == network;
    }

    private static long mask(int length) {
        return length == 0 ? 0 : (0xffff_ffffL << (32 - length)) & 0xffff_ffffL;
    }

    @Override
    public String toString() {
        return (network >>> 24) + "." + (network >>> 16 & 0xff) + "." + (network >>> 8 & 0xff) + "." + (network & 0xff)
                + "/" + length;
    }
}
