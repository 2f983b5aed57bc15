package dev.portolan.engine;

/**
 * A keyed pseudo-random order of [0, size): a balanced Feistel network over the smallest even-bit power of two
 * that holds {@code size}, with cycle walking to stay inside the range. Same seed, same order.
 */
public final class FeistelPermutation implements Permutation {
    /** The largest size supported: the network works on at most 62 bits. */
    public static final long MAX_SIZE = 1L << 62;
    private static final int ROUNDS = 6;

    private final long size;
    private final int halfBits;
    private final long halfMask;
    private final long[] roundKeys = new long[ROUNDS];

    private FeistelPermutation(long size, long seed) {
        this.size = size;
        int bits = 64 - Long.numberOfLeadingZeros(size - 1);
        // an even bit count, at least 2, so the two halves are equal
        bits = Math.max(2, bits + (bits & 1));
        this.halfBits = bits / 2;
        this.halfMask = (1L << halfBits) - 1;
        long state = seed;
        for (int i = 0; i < ROUNDS; i++) {
            state += 0x9E3779B97F4A7C15L;
            roundKeys[i] = mix(state);
        }
    }

    /** The order of [0, {@code size}) for {@code seed}; size is 1..2^62. */
    public static FeistelPermutation of(long size, long seed) {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("permutation size must be 1.." + MAX_SIZE + ", got " + size);
        }
        return new FeistelPermutation(size, seed);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long map(long index) {
        check(index, "index");
        // the domain is less than 4 * size, so the walk takes under 4 steps on average
        long x = encrypt(index);
        while (x >= size) {
            x = encrypt(x);
        }
        return x;
    }

    @Override
    public long inverse(long value) {
        check(value, "value");
        long x = decrypt(value);
        while (x >= size) {
            x = decrypt(x);
        }
        return x;
    }

    private long encrypt(long v) {
        long left = v >>> halfBits;
        long right = v & halfMask;
        for (int i = 0; i < ROUNDS; i++) {
            long next = left ^ round(right, i);
            left = right;
            right = next;
        }
        return (left << halfBits) | right;
    }

    private long decrypt(long v) {
        long left = v >>> halfBits;
        long right = v & halfMask;
        for (int i = ROUNDS - 1; i >= 0; i--) {
            long previous = right ^ round(left, i);
            right = left;
            left = previous;
        }
        return (left << halfBits) | right;
    }

    private long round(long half, int i) {
        return mix(half ^ roundKeys[i]) & halfMask;
    }

    /** A 64-bit avalanche mix (every input bit affects every output bit). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private void check(long v, String what) {
        if (v < 0 || v >= size) {
            throw new IllegalArgumentException(what + " " + v + " is outside 0.." + (size - 1));
        }
    }

    @Override
    public String toString() {
        return "FeistelPermutation[size=" + size + "]";
    }
}
