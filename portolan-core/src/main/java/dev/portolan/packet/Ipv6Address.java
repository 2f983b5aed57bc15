package dev.portolan.packet;

import dev.portolan.target.Addresses;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/** An IPv6 address as two longs, the high 64 bits first; prints compressed as RFC 5952 says. */
public record Ipv6Address(long high, long low) {
    public static final Ipv6Address ANY = new Ipv6Address(0, 0);

    public static Ipv6Address of(Inet6Address address) {
        return of(address.getAddress());
    }

    /** The address from its 16 bytes in wire order. */
    public static Ipv6Address of(byte[] sixteen) {
        if (sixteen.length != 16) {
            throw new IllegalArgumentException("ipv6: " + sixteen.length + " address bytes, expected 16");
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = hi << 8 | (sixteen[i] & 0xff);
            lo = lo << 8 | (sixteen[8 + i] & 0xff);
        }
        return new Ipv6Address(hi, lo);
    }

    /** An IPv6 literal without brackets or scope ("2001:db8::1"); never a name lookup. */
    public static Ipv6Address parse(String text) {
        if (text.indexOf(':') < 0 || text.indexOf('%') >= 0) {
            throw new IllegalArgumentException("not an IPv6 address: \"" + text + "\"");
        }
        InetAddress a;
        try {
            a = Inet6Address.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an IPv6 address: \"" + text + "\"");
        }
        if (a instanceof Inet4Address v4) {
            // the JDK turns ::ffff:a.b.c.d into IPv4; keep it the IPv4-mapped IPv6 address it was written as
            return new Ipv6Address(0, 0xffff_0000_0000L | (Addresses.ipv4Value(v4)));
        }
        return of(a.getAddress());
    }

    static Ipv6Address read(ByteBuffer b, int index) {
        return new Ipv6Address(BigEndian.i64(b, index), BigEndian.i64(b, index + 8));
    }

    void write(ByteBuffer out) {
        BigEndian.put64(out, high);
        BigEndian.put64(out, low);
    }

    public Inet6Address toInetAddress() {
        return Addresses.ipv6(high, low);
    }

    @Override
    public String toString() {
        return Addresses.format(toInetAddress());
    }
}
