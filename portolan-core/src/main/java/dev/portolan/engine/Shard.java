package dev.portolan.engine;

/**
 * One of {@code count} disjoint parts of a scan, as masscan's --shard I/N: the scan's (host, port) pairs are put in
 * one keyed order of the whole index space, and shard I takes the positions I-1, I-1+N, I-1+2N ... of that order.
 * Every pair thus falls in exactly one shard, and shards run on different machines agree when they use the same
 * seed and the same targets and ports.
 *
 * @param index which part, 1..count
 * @param count how many parts
 */
public record Shard(int index, int count) {
    /** The whole scan, unsharded. */
    public static final Shard ALL = new Shard(1, 1);
    /** The order's seed when --shard is given without --seed: fixed, so that machines agree without being told. */
    public static final long DEFAULT_SEED = 0x5eed;

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("--shard " + index + "/" + count
                    + ": need I/N with N at least 1 and I from 1 to N");
        }
    }

    /** Parses "I/N" (masscan's syntax). */
    public static Shard parse(String text) {
        int slash = text.indexOf('/');
        if (slash > 0) {
            try {
                return new Shard(Integer.parseInt(text.substring(0, slash).strip()),
                        Integer.parseInt(text.substring(slash + 1).strip()));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException("--shard " + text + ": need I/N, such as 1/3");
    }

    public boolean isAll() {
        return count == 1;
    }

    /** This shard's part of an index space of {@code size} pairs in the order keyed by {@code seed}. */
    public Slice slice(long size, long seed) {
        return new Slice(this, FeistelPermutation.of(size, seed ^ 0x5a4d_5a4d_5a4d_5a4dL));
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }

    /** The pairs of one shard: a pair index is this shard's when its position in the order is. */
    public static final class Slice {
        private final Shard shard;
        private final Permutation order;

        private Slice(Shard shard, Permutation order) {
            this.shard = shard;
            this.order = order;
        }

        /** True when pair {@code index} (0 <= index < size) is scanned by this shard. */
        public boolean owns(long index) {
            return shard.isAll() || order.inverse(index) % shard.count == shard.index - 1;
        }
    }
}
