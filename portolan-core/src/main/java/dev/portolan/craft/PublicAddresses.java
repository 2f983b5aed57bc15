package dev.portolan.craft;

import dev.portolan.target.Addresses;
import java.net.Inet4Address;
import java.util.random.RandomGenerator;

/** Random IPv4 addresses outside every reserved and special-purpose block, for nmap's RND decoys. */
final class PublicAddresses {
    /** IANA's special-purpose and private blocks (RFC 6890 and successors), plus multicast and class E. */
    private static final long[][] RESERVED = {
        block("0.0.0.0", 8), block("10.0.0.0", 8), block("100.64.0.0", 10), block("127.0.0.0", 8),
        block("169.254.0.0", 16), block("172.16.0.0", 12), block("192.0.0.0", 24), block("192.0.2.0", 24),
        block("192.88.99.0", 24), block("192.168.0.0", 16), block("198.18.0.0", 15), block("198.51.100.0", 24),
        block("203.0.113.0", 24), block("224.0.0.0", 3),
    };

    private PublicAddresses() {
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
