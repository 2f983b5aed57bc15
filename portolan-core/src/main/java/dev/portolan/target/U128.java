package dev.portolan.target;

import java.net.Inet4Address;
import java.net.InetAddress;

/** An unsigned 128-bit number: an IPv6 address, or an IPv4 address in the low 32 bits. */
record U128(long hi, long lo) implements Comparable<U128> {
    static final U128 ZERO = new U128(0, 0);

    static U128 ofIpv4(long value) {
        return new U128(0, value);
    }

    /** The number of an address: IPv4 in the low 32 bits, IPv6 as all 128. */
    static U128 of(InetAddress address) {
        if (address instanceof Inet4Address v4) {
            return ofIpv4(Addresses.ipv4Value(v4));
        }
        byte[] b = address.getAddress();
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = hi << 8 | (b[i] & 0xff);
            lo = lo << 8 | (b[8 + i] & 0xff);
        }
        return new U128(hi, lo);
    }

    @Override
    public int compareTo(U128 o) {
        int c = Long.compareUnsigned(hi, o.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }

    U128 plusOne() {
        return lo == -1 ? new U128(hi + 1, 0) : new U128(hi, lo + 1);
    }

    U128 minusOne() {
        return lo == 0 ? new U128(hi - 1, -1) : new U128(hi, lo - 1);
    }

    /** this + n for 0 <= n, wrapping at 2^128 (callers stay inside a range, so it never wraps). */
    U128 plus(long n) {
        long sum = lo + n;
        return new U128(Long.compareUnsigned(sum, lo) < 0 ? hi + 1 : hi, sum);
    }

    /** this - smaller, or Long.MAX_VALUE when the difference does not fit a long. */
    long minusSaturated(U128 smaller) {
        long dhi = hi - smaller.hi - (Long.compareUnsigned(lo, smaller.lo) < 0 ? 1 : 0);
        long dlo = lo - smaller.lo;
        return dhi != 0 || dlo < 0 ? Long.MAX_VALUE : dlo;
    }

    /** The lowest address of the {@code prefix}-bit network of this address, in a {@code bits}-bit space. */
    U128 networkStart(int prefix, int bits) {
        int hostBits = bits - prefix;
        return new U128(hi & ~highHostMask(hostBits), lo & ~lowHostMask(hostBits));
    }

    /** The highest address of the {@code prefix}-bit network of this address, in a {@code bits}-bit space. */
    U128 networkEnd(int prefix, int bits) {
        int hostBits = bits - prefix;
        return new U128(hi | highHostMask(hostBits), lo | lowHostMask(hostBits));
    }

    private static long lowHostMask(int hostBits) {
        return hostBits >= 64 ? -1L : (1L << hostBits) - 1;
    }

    private static long highHostMask(int hostBits) {
        return hostBits <= 64 ? 0 : hostBits == 128 ? -1L : (1L << (hostBits - 64)) - 1;
    }
}
