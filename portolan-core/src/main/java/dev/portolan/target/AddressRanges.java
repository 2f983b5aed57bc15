package dev.portolan.target;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sorted, disjoint, non-adjacent inclusive ranges of one address family, with a running count so that the
 * address at an index is found by binary search and nothing is ever expanded into a list.
 */
final class AddressRanges {

    /** One inclusive range, as it comes out of the parser. */
    record Range(U128 start, U128 end) {
        Range {
            if (start.compareTo(end) > 0) {
                throw new IllegalArgumentException("range start after end");
            }
        }

        static Range single(U128 address) {
            return new Range(address, address);
        }
    }

    static final AddressRanges NONE = new Appender().build();

    private final long[] startHi;
    private final long[] startLo;
    private final long[] endHi;
    private final long[] endLo;
    private final long[] before; // addresses in ranges [0, i), saturated at Long.MAX_VALUE
    private final long size;     // saturated at Long.MAX_VALUE

    private AddressRanges(long[] startHi, long[] startLo, long[] endHi, long[] endLo) {
        this.startHi = startHi;
        this.startLo = startLo;
        this.endHi = endHi;
        this.endLo = endLo;
        this.before = new long[startHi.length];
        long total = 0;
        for (int i = 0; i < startHi.length; i++) {
            before[i] = total;
            long span = end(i).minusSaturated(start(i));
            total = span == Long.MAX_VALUE ? Long.MAX_VALUE : saturatedAdd(total, span + 1);
        }
        this.size = total;
    }

    /** Sorts, merges overlapping and adjacent ranges, and drops duplicates. */
    static AddressRanges of(List<Range> ranges) {
        List<Range> sorted = new ArrayList<>(ranges);
        // written out, not Comparator.comparing: see PortResult.ORDER
        sorted.sort((a, b) -> a.start().compareTo(b.start()));
        Appender out = new Appender();
        U128 start = null;
        U128 end = null;
        for (Range r : sorted) {
            if (start != null && (r.start().compareTo(end) <= 0 || r.start().equals(end.plusOne()))) {
                if (r.end().compareTo(end) > 0) {
                    end = r.end();
                }
                continue;
            }
            if (start != null) {
                out.add(start, end);
            }
            start = r.start();
            end = r.end();
        }
        if (start != null) {
            out.add(start, end);
        }
        return out.build();
    }

    /** The addresses of this set that are not in {@code other}. */
    AddressRanges minus(AddressRanges other) {
        if (other.isEmpty() || isEmpty()) {
            return this;
        }
        Appender out = new Appender();
        int j = 0;
        for (int i = 0; i < count(); i++) {
            U128 s = start(i);
            U128 e = end(i);
            while (j < other.count() && other.end(j).compareTo(s) < 0) {
                j++;
            }
            boolean left = true;
            for (int k = j; k < other.count() && other.start(k).compareTo(e) <= 0; k++) {
                if (other.start(k).compareTo(s) > 0) {
                    out.add(s, other.start(k).minusOne());
                }
                if (other.end(k).compareTo(e) >= 0) {
                    left = false;
                    break;
                }
                s = other.end(k).plusOne();
            }
            if (left) {
                out.add(s, e);
            }
        }
        return out.build();
    }

    /** How many addresses, or Long.MAX_VALUE when that does not fit a long. */
    long size() {
        return size;
    }

    boolean isEmpty() {
        return startHi.length == 0;
    }

    /** How many separate ranges. */
    int count() {
        return startHi.length;
    }

    U128 start(int i) {
        return new U128(startHi[i], startLo[i]);
    }

    U128 end(int i) {
        return new U128(endHi[i], endLo[i]);
    }

    /** The address at {@code index}, 0 <= index < size (the caller checks). */
    U128 get(long index) {
        int i = rangeOf(index);
        return start(i).plus(index - before[i]);
    }

    /** The low 64 bits of the address at {@code index}: all of an IPv4 address, read without allocating. */
    long lowAt(long index) {
        int i = rangeOf(index);
        return startLo[i] + (index - before[i]);
    }

    /** The range holding {@code index}: the last one that starts at or before it. */
    private int rangeOf(long index) {
        int i = Arrays.binarySearch(before, index);
        return i < 0 ? -i - 2 : i;
    }

    /** The index of {@code address}, or -1 when it is not in the set. */
    long indexOf(U128 address) {
        int lo = 0;
        int hi = count() - 1;
        while (lo <= hi) { // the last range whose start is <= address
            int mid = (lo + hi) >>> 1;
            if (start(mid).compareTo(address) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (hi < 0 || end(hi).compareTo(address) < 0) {
            return -1;
        }
        return before[hi] + address.minusSaturated(start(hi));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressRanges r && Arrays.equals(startHi, r.startHi) && Arrays.equals(startLo, r.startLo)
                && Arrays.equals(endHi, r.endHi) && Arrays.equals(endLo, r.endLo);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(startLo) + Arrays.hashCode(endLo);
    }

    private static long saturatedAdd(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }

    /** Collects ranges that arrive already sorted, disjoint and non-adjacent. */
    private static final class Appender {
        private long[] sHi = new long[8];
        private long[] sLo = new long[8];
        private long[] eHi = new long[8];
        private long[] eLo = new long[8];
        private int n;

        void add(U128 start, U128 end) {
            if (n == sHi.length) {
                int grown = n * 2;
                sHi = Arrays.copyOf(sHi, grown);
                sLo = Arrays.copyOf(sLo, grown);
                eHi = Arrays.copyOf(eHi, grown);
                eLo = Arrays.copyOf(eLo, grown);
            }
            sHi[n] = start.hi();
            sLo[n] = start.lo();
            eHi[n] = end.hi();
            eLo[n] = end.lo();
            n++;
        }

        AddressRanges build() {
            return new AddressRanges(Arrays.copyOf(sHi, n), Arrays.copyOf(sLo, n), Arrays.copyOf(eHi, n),
                    Arrays.copyOf(eLo, n));
        }
    }
}
