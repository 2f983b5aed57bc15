package dev.portolan.craft;

import dev.portolan.packet.Ipv6Address;
import dev.portolan.target.Addresses;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.random.RandomGenerator;

/**
 * Random addresses outside every reserved and special-purpose block, for nmap's RND decoys: IPv4 unicast, and IPv6
 * global unicast (2000::/3, the only space IANA hands out) less its special-purpose blocks.
 */
final class PublicAddresses {
    /** IANA's special-purpose and private blocks (RFC 6890 and successors), plus multicast and class E. */
    private static final long[][] RESERVED = {
        block("0.0.0.0", 8), block("10.0.0.0", 8), block("100.64.0.0", 10), block("127.0.0.0", 8),
        block("169.254.0.0", 16), block("172.16.0.0", 12), block("192.0.0.0", 24), block("192.0.2.0", 24),
        block("192.88.99.0", 24), block("192.168.0.0", 16), block("198.18.0.0", 15), block("198.51.100.0", 24),
        block("203.0.113.0", 24), block("224.0.0.0", 3),
    };

    /** IANA's special-purpose blocks inside 2000::/3 (RFC 6890, 9637), as {value, mask} of the high 64 bits. */
    private static final long[][] RESERVED6 = {
        block6("2001::", 23), block6("2001:db8::", 32), block6("2002::", 16), block6("2620:4f:8000::", 48),
        block6("3fff::", 20),
    };

    private PublicAddresses() {
    }

    static Inet6Address random6(RandomGenerator random) {
        while (true) {
            // 001 then 61 random bits: global unicast; a zero interface id would be the subnet-router anycast
            long high = 0x2000_0000_0000_0000L | random.nextLong() >>> 3;
            long low = random.nextLong();
            if (!reserved6(high) && low != 0) {
                return Addresses.ipv6(high, low);
            }
        }
    }

    /** True when an address whose high 64 bits are {@code high} is outside 2000::/3 or in a special block. */
    static boolean reserved6(long high) {
        if (high >>> 61 != 1) {
            return true;
        }
        for (long[] b : RESERVED6) {
            if ((high & b[1]) == b[0]) {
                return true;
            }
        }
        return false;
    }

    private static long[] block6(String address, int prefix) {
        return new long[] {Ipv6Address.parse(address).high(), -1L << (64 - prefix)};
    }

    static Inet4Address random(RandomGenerator random) {
        while (true) {
            long value = random.nextLong(1L << 32);
            if (!reserved(value)) {
                return Addresses.ipv4(value);
            }
        }
    }

    static boolean reserved(long value) {
        for (long[] b : RESERVED) {
            if ((value & b[1]) == b[0]) {
                return true;
            }
        }
        return false;
    }

    private static long[] block(String address, int prefix) {
        long mask = (0xffff_ffffL << (32 - prefix)) & 0xffff_ffffL;
        String[] octets = address.split("\\.");
        long value = 0;
        for (String o : octets) {
            value = value << 8 | Integer.parseInt(o);
        }
        return new long[] {value, mask};
    }
}
