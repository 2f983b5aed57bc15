package dev.portolan.technique.discovery;

/**
 * IPv4 address → index of a host in a sweep, by open addressing without boxing: every reply of a sweep is looked up
 * here, so a /16 means 65 536 lookups that a {@code Map<Integer, Integer>} would box. Its size is fixed up front.
 */
final class Ipv4Index {
    private final int[] addresses;
    /** The index of the host plus one; 0 marks an empty slot. */
    private final int[] indexes;
    private final int mask;
    private int size;

    /** Room for {@code expected} addresses, kept at most half full. */
    Ipv4Index(int expected) {
        int capacity = Integer.highestOneBit(Math.max(8, expected) * 2 - 1) * 2;
        addresses = new int[capacity];
        indexes = new int[capacity];
        mask = capacity - 1;
    }

    /** Maps {@code address} (its 32 bits) to {@code index} (at least 0), in place of any earlier index. */
    void put(int address, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("index " + index + " is negative");
        }
        for (int s = slot(address); ; s = s + 1 & mask) {
            if (indexes[s] == 0 || addresses[s] == address) {
                if (indexes[s] == 0) {
                    if (size * 2 >= addresses.length) {
                        throw new IllegalStateException("more than " + addresses.length / 2 + " addresses");
                    }
                    size++;
                }
                addresses[s] = address;
                indexes[s] = index + 1;
                return;
            }
        }
    }

    /** The index of {@code address}, or -1 when it is not a target. */
    int get(int address) {
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
