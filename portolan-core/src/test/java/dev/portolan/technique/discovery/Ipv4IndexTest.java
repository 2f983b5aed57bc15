package dev.portolan.technique.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Ipv4IndexTest {
    /** A whole /16 in order, as a sweep fills it: every address finds its own index, others none. */
    @Test
    void aSlash16FindsEveryAddress() {
        int base = 198 << 24 | 18 << 16;
        Ipv4Index index = new Ipv4Index(65_536);
        assertThat(index.isEmpty()).isTrue();
        for (int i = 0; i < 65_536; i++) {
            index.put(base + i, i);
        }
        for (int i = 0; i < 65_536; i++) {
            assertThat(index.get(base + i)).isEqualTo(i);
        }
        assertThat(index.get(base + 65_536)).isEqualTo(-1);
        assertThat(index.get(base - 1)).isEqualTo(-1);
        assertThat(index.get(0)).isEqualTo(-1);
        assertThat(index.isEmpty()).isFalse();
    }

    @Test
    void aLaterIndexReplacesAnEarlierOne() {
        Ipv4Index index = new Ipv4Index(4);
        index.put(0xC6336401, 0);
        index.put(0xC6336401, 3);
        index.put(0, 1);
        assertThat(index.get(0xC6336401)).isEqualTo(3);
        assertThat(index.get(0)).isEqualTo(1);
    }

    @Test
    void moreAddressesThanRoomIsABug() {
        Ipv4Index index = new Ipv4Index(8);
        for (int i = 0; i < 8; i++) {
            index.put(i, i);
        }
        index.put(7, 70);
        assertThat(index.get(7)).isEqualTo(70);
        assertThatThrownBy(() -> index.put(99, 99)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> index.put(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Runs, runs broken at random, repeats and the top of the address space: always what a plain map answers. */
    @Test
    void answersAsAMapWouldHowEverItIsFilled() {
        Random random = new Random(16);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + random.nextInt(200);
            Ipv4Index index = new Ipv4Index(n);
            Map<Integer, Integer> model = new HashMap<>();
            int address = trial % 3 == 0 ? -1 - random.nextInt(n) : random.nextInt();
            int next = random.nextInt(1000);
            for (int k = 0; k < n; k++) {
                int pick = random.nextInt(20);
                int a = pick == 0 ? random.nextInt() : pick == 1 && !model.isEmpty() ? model.keySet().iterator().next()
                        : address++;
                int i = pick == 2 ? random.nextInt(1000) : next++;
                index.put(a, i);
                model.put(a, i);
            }
            for (int a : model.keySet()) {
                assertThat(index.get(a)).isEqualTo(model.get(a));
            }
            for (int probe = 0; probe < 50; probe++) {
                int a = probe < 3 ? address + probe : random.nextInt();
                assertThat(index.get(a)).isEqualTo(model.getOrDefault(a, -1));
            }
        }
    }
}
