package dev.portolan.packet;

import dev.portolan.target.Addresses;
import java.net.Inet4Address;
import java.nio.ByteBuffer;

/** An IPv4 address as its 32 bits (network order, so 192.0.2.1 is 0xc0000201); prints as a dotted quad. */
public record Ipv4Address(int bits) {
    public static final Ipv4Address ANY = new Ipv4Address(0);

    public static Ipv4Address of(Inet4Address address) {
        return new Ipv4Address((int) Addresses.ipv4Value(address));
    }

    /** A strict dotted quad, four decimal parts 0..255 ("192.0.2.1"). */
    public static Ipv4Address parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: \"" + text + "\"");
        }
        int v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("not an IPv4 address: \"" + text + "\"");
            }
            int n = Integer.parseInt(p);
            if (n > 255) {
                throw new IllegalArgumentException("not an IPv4 address: \"" + text + "\"");
            }
            v = v << 8 | n;
        }
        return new Ipv4Address(v);
    }

    static Ipv4Address read(ByteBuffer b, int index) {
        return new Ipv4Address(BigEndian.i32(b, index));
    }

    public Inet4Address toInetAddress() {
        return Addresses.ipv4(bits & 0xffff_ffffL);
    }

    @Override
    public String toString() {
        return (bits >>> 24) + "." + (bits >>> 16 & 0xff) + "." + (bits >>> 8 & 0xff) + "." + (bits & 0xff);
    }
}
