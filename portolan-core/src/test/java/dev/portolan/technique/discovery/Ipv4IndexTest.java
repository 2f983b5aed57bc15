package dev.portolan.technique.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
