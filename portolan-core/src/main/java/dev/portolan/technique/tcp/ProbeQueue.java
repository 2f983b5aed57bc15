package dev.portolan.technique.tcp;

import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Probes in the order of one of their times (deadline or presumed-lost time), earliest first. Nearly all probes
 * of a scan get nearly the same timeout, so their times arrive almost in order: those are sorted into a ring from
 * its end, at O(1) for most; only a probe due well before the newest ones (its host's timeout shrank) goes to a
 * small heap. Equal times leave in arrival order.
 */
final class ProbeQueue {
    /** Which time of a probe orders the queue. */
    enum By {
        DEADLINE, LOST_AT;

        long of(Probe p) {
            return this == DEADLINE ? p.deadline : p.lostAt;
        }
    }

    /** How far from the end a probe is sorted into the ring before it goes to the heap instead. */
    static final int MAX_SHIFT = 32;

    private final By by;
    private final PriorityQueue<Probe> early;
    private Probe[] ring = new Probe[64];
    private int head;
    private int size;

    ProbeQueue(By by) {
        this.by = by;
        this.early = new PriorityQueue<>((a, b) -> Long.compare(by.of(a), by.of(b)));
    }

    void add(Probe p) {
        long time = by.of(p);
        int mask = ring.length - 1;
        // a time a little before the newest (the round-trip estimate moved) is sorted in from the end
        int at = size;
        while (at > 0 && size - at < MAX_SHIFT && time < by.of(ring[(head + at - 1) & mask])) {
            at--;
        }
        if (at > 0 && time < by.of(ring[(head + at - 1) & mask])) {
            early.add(p);
            return;
        }
        if (size == ring.length) {
            grow();
            mask = ring.length - 1;
        }
        for (int i = size; i > at; i--) {
            ring[(head + i) & mask] = ring[(head + i - 1) & mask];
        }
        ring[(head + at) & mask] = p;
        size++;
    }

    boolean isEmpty() {
        return size == 0 && early.isEmpty();
    }

    int size() {
        return size + early.size();
    }

    /** The probe with the earliest time, or null when empty. */
    Probe peek() {
        Probe fromRing = size == 0 ? null : ring[head];
        Probe fromHeap = early.peek();
        if (fromHeap == null) {
            return fromRing;
        }
        return fromRing == null || by.of(fromHeap) < by.of(fromRing) ? fromHeap : fromRing;
    }

    /** Removes and returns the probe with the earliest time. */
    Probe poll() {
        Probe p = peek();
        if (p == null) {
            throw new NoSuchElementException("queue is empty");
        }
        if (size > 0 && p == ring[head]) {
            ring[head] = null;
            head = (head + 1) & (ring.length - 1);
            size--;
        } else {
            early.poll();
        }
        return p;
    }

    /** Every probe, in no particular order. */
    void forEach(Consumer<Probe> action) {
        for (int i = 0; i < size; i++) {
            action.accept(ring[(head + i) & (ring.length - 1)]);
        }
        early.forEach(action);
    }

    /** Drops the probes {@code gone} accepts, keeping the order of the rest. */
    void removeIf(Predicate<Probe> gone) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            Probe p = ring[(head + i) & (ring.length - 1)];
            if (!gone.test(p)) {
                ring[(head + kept) & (ring.length - 1)] = p;
                kept++;
            }
        }
        for (int i = kept; i < size; i++) {
            ring[(head + i) & (ring.length - 1)] = null;
        }
        size = kept;
        early.removeIf(gone);
    }

    void clear() {
        Arrays.fill(ring, null);
        head = 0;
        size = 0;
        early.clear();
    }

    private void grow() {
        Probe[] bigger = new Probe[ring.length * 2];
        int firstPart = Math.min(size, ring.length - head);
        System.arraycopy(ring, head, bigger, 0, firstPart);
        System.arraycopy(ring, 0, bigger, firstPart, size - firstPart);
        ring = bigger;
        head = 0;
    }
}
