package dev.portolan.engine;

/** The order 0, 1, 2 … (nmap's -r): {@code map(i) == i}. */
public final class IdentityPermutation implements Permutation {
    private final long size;

    private IdentityPermutation(long size) {
        this.size = size;
    }

    /** The identity on [0, {@code size}); size is at least 1. */
    public static IdentityPermutation of(long size) {
        if (size < 1) {
            throw new IllegalArgumentException("permutation size must be at least 1, got " + size);
        }
        return new IdentityPermutation(size);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long map(long index) {
        return check(index, "index");
    }

    @Override
    public long inverse(long value) {
        return check(value, "value");
    }

    private long check(long v, String what) {
        if (v < 0 || v >= size) {
            throw new IllegalArgumentException(what + " " + v + " is outside 0.." + (size - 1));
        }
        return v;
    }

    @Override
    public String toString() {
        return "IdentityPermutation[size=" + size + "]";
    }
}
