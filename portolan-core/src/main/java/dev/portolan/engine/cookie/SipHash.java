package dev.portolan.engine.cookie;

/**
 * SipHash-2-4 with 64-bit output (Aumasson and Bernstein, "SipHash: a fast short-input PRF", 2012): two
 * compression rounds per 8-byte block, four finalization rounds, a 128-bit key. Immutable and thread-safe.
 */
public final class SipHash {
    private final long k0;
    private final long k1;

    private SipHash(long k0, long k1) {
        this.k0 = k0;
        this.k1 = k1;
    }

    /** The function keyed by 16 bytes, read as two little-endian 64-bit words as the paper does. */
    public static SipHash of(byte[] key) {
        if (key.length != 16) {
            throw new IllegalArgumentException("SipHash key of " + key.length + " bytes, expected 16");
        }
        return new SipHash(littleEndian(key, 0), littleEndian(key, 8));
    }

    /** The hash of the whole array. */
    public long hash(byte[] message) {
        return hash(message, 0, message.length);
    }

    /** The hash of {@code message[offset, offset + length)}. */
    public long hash(byte[] message, int offset, int length) {
        if (offset < 0 || length < 0 || offset > message.length - length) {
            throw new IndexOutOfBoundsException("range " + offset + "+" + length + " outside " + message.length);
        }
        return run(message, offset, length, 0, 0, 0, 0, 0);
    }

    /** The hash of the 16-byte message made of {@code w0} then {@code w1}, each little-endian; no allocation. */
    public long hash(long w0, long w1) {
        return run(null, 0, 16, w0, w1, 0, 0, 0);
    }

    /** The hash of the 40-byte message {@code w0 .. w4}, each little-endian; no allocation. */
    public long hash(long w0, long w1, long w2, long w3, long w4) {
        return run(null, 0, 40, w0, w1, w2, w3, w4);
    }

    /** Message bytes come from {@code bytes} when it is not null, else from the words (length a multiple of 8). */
    private long run(byte[] bytes, int offset, int length, long w0, long w1, long w2, long w3, long w4) {
        long v0 = k0 ^ 0x736f6d6570736575L;
        long v1 = k1 ^ 0x646f72616e646f6dL;
        long v2 = k0 ^ 0x6c7967656e657261L;
        long v3 = k1 ^ 0x7465646279746573L;
        int blocks = length >>> 3;
        for (int i = 0; i <= blocks; i++) {
            long m;
            if (i < blocks) {
                m = bytes != null ? littleEndian(bytes, offset + 8 * i) : word(i, w0, w1, w2, w3, w4);
            } else {
                // the last block: the leftover bytes, and the message length modulo 256 in the top byte
                m = (long) (length & 0xff) << 56;
                for (int j = 0; j < (length & 7); j++) {
                    m |= (bytes[offset + 8 * blocks + j] & 0xffL) << (8 * j);
                }
            }
            v3 ^= m;
            for (int r = 0; r < 2; r++) {
                v0 += v1;
                v1 = Long.rotateLeft(v1, 13);
                v1 ^= v0;
                v0 = Long.rotateLeft(v0, 32);
                v2 += v3;
                v3 = Long.rotateLeft(v3, 16);
                v3 ^= v2;
                v0 += v3;
                v3 = Long.rotateLeft(v3, 21);
                v3 ^= v0;
                v2 += v1;
                v1 = Long.rotateLeft(v1, 17);
                v1 ^= v2;
                v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= m;
        }
        v2 ^= 0xff;
        // SipRound written out again: a helper could not hand back four longs without allocating on the hot path
        for (int r = 0; r < 4; r++) {
            v0 += v1;
            v1 = Long.rotateLeft(v1, 13);
            v1 ^= v0;
            v0 = Long.rotateLeft(v0, 32);
            v2 += v3;
            v3 = Long.rotateLeft(v3, 16);
            v3 ^= v2;
            v0 += v3;
            v3 = Long.rotateLeft(v3, 21);
            v3 ^= v0;
            v2 += v1;
            v1 = Long.rotateLeft(v1, 17);
            v1 ^= v2;
            v2 = Long.rotateLeft(v2, 32);
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }

    private static long word(int i, long w0, long w1, long w2, long w3, long w4) {
        return switch (i) {
            case 0 -> w0;
            case 1 -> w1;
            case 2 -> w2;
            case 3 -> w3;
            default -> w4;
        };
    }

    private static long littleEndian(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[at + i] & 0xffL);
        }
        return v;
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "SipHash-2-4";
    }
}
