package dev.portolan.technique.tcp;

import java.util.Arrays;
import java.util.NoSuchElementException;

/** A growable FIFO of ints (port indexes), without boxing. */
final class IntQueue {
    private static final int[] NONE = new int[0];

    // allocated on first use: most hosts of a sweep never queue a port
    private int[] items = NONE;
    private int head;
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    void add(int v) {
        grow();
        items[(head + size) & (items.length - 1)] = v;
        size++;
    }

    void addFirst(int v) {
        grow();
        head = (head - 1) & (items.length - 1);
        items[head] = v;
        size++;
    }

    int poll() {
        if (size == 0) {
            throw new NoSuchElementException("queue is empty");
        }
        int v = items[head];
        head = (head + 1) & (items.length - 1);
        size--;
        return v;
    }

    void clear() {
        head = 0;
        size = 0;
        if (items.length > 64) {
            items = NONE;
        }
    }

    private void grow() {
        if (size < items.length) {
            return;
        }
        int[] bigger = new int[Math.max(8, items.length * 2)];
        int firstPart = Math.min(size, items.length - head);
        System.arraycopy(items, head, bigger, 0, firstPart);
        System.arraycopy(items, 0, bigger, firstPart, size - firstPart);
        items = bigger;
        head = 0;
    }

    @Override
    public String toString() {
        int[] copy = new int[size];
        for (int i = 0; i < size; i++) {
            copy[i] = items[(head + i) & (items.length - 1)];
        }
        return Arrays.toString(copy);
    }
}
