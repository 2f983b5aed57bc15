package dev.portolan.technique.discovery;

/**
 * IPv4 address → index of a host in a sweep, by open addressing without boxing: every reply of a sweep is looked up
 * here, so a /16 means 65 536 lookups that a {@code Map<Integer, Integer>} would box. Its size is fixed up front.
 */
final class Ipv4Index {
    private final int capacity;
    private int[] addresses;
    /** The index of the host plus one; 0 marks an empty slot. */
    private int[] indexes;
    private final int mask;
    private int size;
    /**
     * While every put so far continued one run (the next address with the next index, as a sweep of a range puts
     * them), the run alone answers, by arithmetic: no table is made and a lookup touches no memory. The first put
     * that breaks the run moves it into the table.
     */
    private boolean inRun = true;
    private int runAddress;
    private int runIndex;
    private int runLength;

    /** Room for {@code expected} addresses, kept at most half full. */
    Ipv4Index(int expected) {
        capacity = Integer.highestOneBit(Math.max(8, expected) * 2 - 1) * 2;
        mask = capacity - 1;
    }

    /** Maps {@code address} (its 32 bits) to {@code index} (at least 0), in place of any earlier index. */
    void put(int address, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("index " + index + " is negative");
        }
        if (inRun) {
            if (runLength == 0) {
                runAddress = address;
                runIndex = index;
                runLength = 1;
                size = 1;
                return;
            }
            // the next address (not wrapping past 255.255.255.255) with the next index, and room left
            int last = runAddress + runLength - 1;
            if (address == last + 1 && last != -1 && index == runIndex + runLength && size * 2 < capacity) {
                runLength++;
                size++;
                return;
            }
            toTable();
        }
        for (int s = slot(address); ; s = s + 1 & mask) {
            if (indexes[s] == 0 || addresses[s] == address) {
                if (indexes[s] == 0) {
                    if (size * 2 >= capacity) {
                        throw new IllegalStateException("more than " + capacity / 2 + " addresses");
                    }
                    size++;
                }
                addresses[s] = address;
                indexes[s] = index + 1;
                return;
            }
        }
    }

    /** Moves the run into the table, for a put that does not continue it. */
    private void toTable() {
        inRun = false;
        addresses = new int[capacity];
        indexes = new int[capacity];
        int length = runLength;
        size = 0;
        for (int k = 0; k < length; k++) {
            put(runAddress + k, runIndex + k);
        }
    }

    /** The index of {@code address}, or -1 when it is not a target. */
    int get(int address) {
        if (inRun) {
            int offset = address - runAddress;
            return Integer.compareUnsigned(offset, runLength) < 0 ? runIndex + offset : -1;
        }
        for (int s = slot(address); ; s = s + 1 & mask) {
            if (indexes[s] == 0) {
                return -1;
            }
            if (addresses[s] == address) {
                return indexes[s] - 1;
            }
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    private int slot(int address) {
        // a multiplicative hash with its high bits folded down: consecutive addresses spread over the table
        int h = address * 0x9E3779B9;
        return (h ^ h >>> 16) & mask;
    }
}
