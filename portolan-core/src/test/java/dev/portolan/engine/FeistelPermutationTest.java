package dev.portolan.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FeistelPermutationTest {
    private static final long[] SEEDS = {0L, 1L, -7L, 0x5DEECE66DL};

    @Test
    void isABijectionWithItsInverseForEverySizeUpTo2000() {
        for (long seed : SEEDS) {
            for (int size = 1; size <= 2000; size++) {
                FeistelPermutation p = FeistelPermutation.of(size, seed);
                BitSet seen = new BitSet(size);
                int badInverse = -1;
                for (int i = 0; i < size; i++) {
                    long v = p.map(i);
                    if (v < 0 || v >= size) {
                        throw new AssertionError("size " + size + " seed " + seed + ": map(" + i + ") = " + v);
                    }
                    seen.set((int) v);
                    if (p.inverse(v) != i && badInverse < 0) {
                        badInverse = i;
                    }
                }
                // size values in range and no two equal: every value was hit exactly once
                assertThat(seen.cardinality()).as("size %d seed %d", size, seed).isEqualTo(size);
                assertThat(badInverse).as("size %d seed %d: inverse(map(i)) != i", size, seed).isEqualTo(-1);
            }
        }
    }

    @Test
    void sameSeedSameOrderOtherSeedOtherOrder() {
        long[] a = order(FeistelPermutation.of(1000, 42));
        long[] b = order(FeistelPermutation.of(1000, 42));
        long[] c = order(FeistelPermutation.of(1000, 43));
        assertThat(a).isEqualTo(b);
        assertThat(c).isNotEqualTo(a);
        int samePlace = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == c[i]) {
                samePlace++;
            }
        }
        // two unrelated orders agree on about one place in a thousand, not on many
        assertThat(samePlace).isLessThan(20);
    }

    @Test
    void shufflesRatherThanKeepingTheIdentity() {
        long[] a = order(FeistelPermutation.of(65536, 9));
        int fixed = 0;
        int ascendingSteps = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == i) {
                fixed++;
            }
            if (i > 0 && a[i] == a[i - 1] + 1) {
                ascendingSteps++;
            }
        }
        assertThat(fixed).isLessThan(20);
        assertThat(ascendingSteps).isLessThan(20);
    }

    @Test
    void largeSizesMapIntoRangeAndInvert() {
        SplittableRandom random = new SplittableRandom(5);
        for (long size : new long[] {1L << 40, (1L << 40) + 3, (1L << 41) - 1, FeistelPermutation.MAX_SIZE}) {
            FeistelPermutation p = FeistelPermutation.of(size, 77);
            for (int k = 0; k < 2000; k++) {
                long i = random.nextLong(size);
                long v = p.map(i);
                assertThat(v).isBetween(0L, size - 1);
                assertThat(p.inverse(v)).isEqualTo(i);
            }
            assertThat(p.map(size - 1)).isBetween(0L, size - 1);
            assertThat(p.inverse(p.map(0))).isZero();
        }
    }

    @Test
    void rejectsBadSizesAndIndexes() {
        assertThatThrownBy(() -> FeistelPermutation.of(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> FeistelPermutation.of(FeistelPermutation.MAX_SIZE + 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        FeistelPermutation p = FeistelPermutation.of(10, 1);
        assertThatThrownBy(() -> p.map(10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("index 10 is outside 0..9");
        assertThatThrownBy(() -> p.inverse(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value -1 is outside 0..9");
    }

    @Test
    void identityKeepsTheOrder() {
        IdentityPermutation p = IdentityPermutation.of(5);
        assertThat(p.size()).isEqualTo(5);
        assertThat(order(p)).containsExactly(0, 1, 2, 3, 4);
        assertThat(p.inverse(3)).isEqualTo(3);
        assertThatThrownBy(() -> p.map(5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IdentityPermutation.of(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static long[] order(Permutation p) {
        long[] out = new long[(int) p.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = p.map(i);
        }
        return out;
    }
}
