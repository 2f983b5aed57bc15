package dev.portolan.engine;

/**
 * A one-to-one map of [0, size) onto itself. Scan order is {@code map(i)} for i = 0, 1, 2 …, so shards,
 * retries and resume are ranges of i.
 */
public interface Permutation {

    long size();

    /** The element at position {@code index} of the order; 0 <= index < size. */
    long map(long index);

    /** The position of {@code value} in the order: {@code inverse(map(i)) == i}. */
    long inverse(long value);
}
