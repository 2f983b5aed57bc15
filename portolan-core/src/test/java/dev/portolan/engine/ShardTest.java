package dev.portolan.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShardTest {

    /** Every index of the space falls in exactly one of the N shards, for spaces of many shapes. */
    @Test
    void shardsCoverTheIndexSpaceExactlyOnce() {
        for (long size : new long[] {1, 2, 3, 7, 1000, 2000, 65535, 3 * 65535 + 1}) {
            for (int count : new int[] {1, 2, 3, 5, 16}) {
                int[] owners = new int[(int) size];
                int[] perShard = new int[count];
                for (int i = 1; i <= count; i++) {
                    Shard.Slice slice = new Shard(i, count).slice(size, 7);
                    for (int index = 0; index < size; index++) {
                        if (slice.owns(index)) {
                            owners[index]++;
                            perShard[i - 1]++;
                        }
                    }
                }
                for (int index = 0; index < size; index++) {
                    assertThat(owners[index]).as("index %d of %d in %d shards", index, size, count).isEqualTo(1);
                }
                // positions i-1, i-1+N ... : the shards' sizes differ by at most one
                for (int n : perShard) {
                    assertThat(n).isBetween((int) (size / count), (int) ((size + count - 1) / count));
                }
            }
        }
    }

    @Test
    void theSeedPicksWhichPairsAShardTakesAndTheSameSeedAgrees() {
        Shard first = new Shard(1, 3);
        Shard.Slice a = first.slice(2000, 7);
        Shard.Slice b = first.slice(2000, 7);
        Shard.Slice c = first.slice(2000, 8);
        int same = 0;
        int differ = 0;
        for (int i = 0; i < 2000; i++) {
            assertThat(a.owns(i)).isEqualTo(b.owns(i));
            if (a.owns(i) != c.owns(i)) {
                differ++;
            } else {
                same++;
            }
        }
        assertThat(differ).isPositive();
        assertThat(same).isPositive();
        // not a stride of the plain index: neighbours of the pair index do not follow i mod 3
        int strided = 0;
        for (int i = 0; i < 2000; i++) {
            strided += a.owns(i) == (i % 3 == 0) ? 1 : 0;
        }
        assertThat(strided).isLessThan(1900);
    }

    @Test
    void parsesMasscansSyntaxAndRefusesTheRest() {
        assertThat(Shard.parse("2/3")).isEqualTo(new Shard(2, 3));
        assertThat(Shard.parse("1/1").isAll()).isTrue();
        assertThat(Shard.parse("2/3")).hasToString("2/3");
        String range = ": need I/N with N at least 1 and I from 1 to N";
        assertThatThrownBy(() -> Shard.parse("0/3")).hasMessage("--shard 0/3" + range);
        assertThatThrownBy(() -> Shard.parse("4/3")).hasMessage("--shard 4/3" + range);
        assertThatThrownBy(() -> Shard.parse("1/0")).hasMessage("--shard 1/0" + range);
        assertThatThrownBy(() -> Shard.parse("3")).hasMessage("--shard 3: need I/N, such as 1/3");
        assertThatThrownBy(() -> Shard.parse("a/b")).hasMessage("--shard a/b: need I/N, such as 1/3");
        assertThatThrownBy(() -> Shard.parse("/2")).hasMessage("--shard /2: need I/N, such as 1/3");
    }
}
