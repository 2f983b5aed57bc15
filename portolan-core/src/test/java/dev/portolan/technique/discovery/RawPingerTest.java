package dev.portolan.technique.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RawPingerTest {
    /** The ICMP identifier is a keyed hash: stable within a scan, unguessable across scans. */
    @Test
    void icmpTagIsKeyedPerScan() {
        RawPinger a = new RawPinger(DiscoveryOptions.DEFAULT);
        RawPinger b = new RawPinger(DiscoveryOptions.DEFAULT);
        Set<Integer> tagsA = new HashSet<>();
        int same = 0;
        for (int i = 0; i < 64; i++) {
            byte[] address = {(byte) 198, 51, 100, (byte) i};
            int tag = a.icmpTag(address);
            assertThat(a.icmpTag4(0xC6336400 | i)).isEqualTo(tag);
            assertThat(a.icmpTag(address)).isEqualTo(tag).isBetween(0, 0xffff);
            tagsA.add(tag);
            if (b.icmpTag(address) == tag) {
                same++;
            }
        }
        // 64 addresses in 65536 identifiers: a few collisions at most, never a shared key
        assertThat(tagsA.size()).isGreaterThan(60);
        assertThat(same).isLessThan(4);
    }
}
