package dev.portolan.engine.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SynCookieTest {
    private static final int SCANNER = 0xc0000201;   // 192.0.2.1
    private static final int TARGET = 0xc6336407;    // 198.51.100.7
    private static final long NET6 = 0x20010db800000000L; // 2001:db8::/64

    private static SynCookie keyed(int seed) {
        byte[] key = new byte[16];
        new SplittableRandom(seed).nextBytes(key);
        return SynCookie.withKey(key);
    }

    @Test
    void sameInputSameCookie() {
        SynCookie c = keyed(1);
        assertThat(c.ipv4(SCANNER, TARGET, 40000, 22)).isEqualTo(c.ipv4(SCANNER, TARGET, 40000, 22));
        assertThat(c.ipv6(NET6, 1, NET6, 7, 40000, 22)).isEqualTo(c.ipv6(NET6, 1, NET6, 7, 40000, 22));
        // a second instance with the same key agrees: the cookie is a function of key and tuple alone
        assertThat(keyed(1).ipv4(SCANNER, TARGET, 40000, 22)).isEqualTo(c.ipv4(SCANNER, TARGET, 40000, 22));
    }

    @Test
    void changingAnyFieldChangesTheCookie() {
        SynCookie c = keyed(2);
        SplittableRandom random = new SplittableRandom(3);
        for (int n = 0; n < 1000; n++) {
            int src = random.nextInt();
            int dst = random.nextInt();
            int sport = random.nextInt(65536);
            int dport = random.nextInt(65536);
            int base = c.ipv4(src, dst, sport, dport);
            int bit = 1 << random.nextInt(32);
            int portBit = 1 << random.nextInt(16);
            assertThat(c.ipv4(src ^ bit, dst, sport, dport)).isNotEqualTo(base);
            assertThat(c.ipv4(src, dst ^ bit, sport, dport)).isNotEqualTo(base);
            assertThat(c.ipv4(src, dst, sport ^ portBit, dport)).isNotEqualTo(base);
            assertThat(c.ipv4(src, dst, sport, dport ^ portBit)).isNotEqualTo(base);
            // swapping the ends is another probe, so another cookie
            assertThat(c.ipv4(dst, src, dport, sport)).isNotEqualTo(base);

            long[] a = {random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong()};
            int base6 = c.ipv6(a[0], a[1], a[2], a[3], sport, dport);
            for (int f = 0; f < 4; f++) {
                long[] b = a.clone();
                b[f] ^= 1L << random.nextInt(64);
                assertThat(c.ipv6(b[0], b[1], b[2], b[3], sport, dport)).isNotEqualTo(base6);
            }
            assertThat(c.ipv6(a[0], a[1], a[2], a[3], sport ^ portBit, dport)).isNotEqualTo(base6);
            assertThat(c.ipv6(a[0], a[1], a[2], a[3], sport, dport ^ portBit)).isNotEqualTo(base6);
        }
    }

    @Test
    void differentKeysGiveDifferentCookies() {
        Set<Integer> seen = new HashSet<>();
        for (int k = 0; k < 200; k++) {
            seen.add(keyed(100 + k).ipv4(SCANNER, TARGET, 40000, 22));
        }
        // 200 keys on 32 bits: a collision is a one-in-a-hundred-thousand chance, not a pattern
        assertThat(seen).hasSizeGreaterThanOrEqualTo(199);
        assertThat(SynCookie.random().ipv4(SCANNER, TARGET, 40000, 22))
                .isNotEqualTo(SynCookie.random().ipv4(SCANNER, TARGET, 40000, 22));
    }

    @Test
    void onlyCookiePlusOneValidatesAnAck() {
        SynCookie c = keyed(4);
        int cookie = c.ipv4(SCANNER, TARGET, 40000, 22);
        assertThat(c.validateAckIpv4(SCANNER, TARGET, 40000, 22, cookie + 1)).isTrue();
        assertThat(c.validateAckIpv4(SCANNER, TARGET, 40000, 22, cookie)).isFalse();
        assertThat(c.validateAckIpv4(SCANNER, TARGET, 40000, 22, cookie + 2)).isFalse();
        assertThat(c.validateAckIpv4(SCANNER, TARGET, 40000, 23, cookie + 1)).isFalse();
        assertThat(keyed(5).validateAckIpv4(SCANNER, TARGET, 40000, 22, cookie + 1)).isFalse();

        int cookie6 = c.ipv6(NET6, 1, NET6, 7, 40000, 22);
        assertThat(c.validateAckIpv6(NET6, 1, NET6, 7, 40000, 22, cookie6 + 1)).isTrue();
        assertThat(c.validateAckIpv6(NET6, 1, NET6, 7, 40000, 22, cookie6)).isFalse();
        assertThat(c.validateAckIpv6(NET6, 1, NET6, 8, 40000, 22, cookie6 + 1)).isFalse();
    }

    @Test
    void ipv4AndIpv6CookiesOfTheSameNumbersDiffer() {
        SynCookie c = keyed(7);
        // ::c000:201 and ::c633:6407 are the IPv4 addresses' numbers in IPv6 form
        assertThat(c.ipv6(0, SCANNER & 0xffffffffL, 0, TARGET & 0xffffffffL, 40000, 22))
                .isNotEqualTo(c.ipv4(SCANNER, TARGET, 40000, 22));
    }

    @Test
    void computingCookiesAllocatesNothing() {
        SynCookie c = keyed(8);
        Runnable burst = () -> {
            int x = 0;
            for (int i = 0; i < 100_000; i++) {
                x += c.ipv4(SCANNER, i, 40000, i & 0xffff);
                x += c.ipv6(NET6, 1, NET6, i, 40000, i & 0xffff);
                x += c.validateAckIpv4(SCANNER, i, 40000, 22, x) ? 1 : 0;
            }
            if (x == 42) {
                System.out.print(""); // keeps the loop's result alive
            }
        };
        burst.run();
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = bean.getCurrentThreadAllocatedBytes();
        burst.run();
        // 300 000 calls: one 16-byte object each would be about 5 MB
        assertThat(bean.getCurrentThreadAllocatedBytes() - before).isLessThan(64 * 1024);
    }

    @Test
    void theKeyIsNeverPrinted() {
        assertThat(SynCookie.random()).hasToString("SynCookie");
    }
}
