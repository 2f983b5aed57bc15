package dev.portolan.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * One thread that takes items off a bounded queue and hands on everything waiting at once, so a fast producer
 * costs the outputs one flush per batch instead of one per item; when the consumer falls behind, {@link #put}
 * waits, so memory stays bounded whatever the producer's pace.
 *
 * @param <T> what is queued
 */
final class BatchWriter<T> {
    private static final long NAP_MILLIS = 1;

    private final BlockingQueue<Slot<T>> queue;
    private final int maxBatch;
    private final Consumer<List<T>> consumer;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile RuntimeException failure;

    /** A queued item, or the end mark (null item). */
    private record Slot<T>(T item) {
    }

    BatchWriter(String threadName, int capacity, int maxBatch, Consumer<List<T>> consumer) {
        if (capacity < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("capacity and batch must be positive: " + capacity + ", " + maxBatch);
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBatch = maxBatch;
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.thread = new Thread(this::loop, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues {@code item}, waiting while the queue is full. */
    void put(T item) {
        Objects.requireNonNull(item, "item");
        if (stopping) {
            throw new IllegalStateException("writer already finished");
        }
        try {
            queue.put(new Slot<>(item));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the writer", e);
        }
    }

    /** The first exception the consumer threw, or null. */
    RuntimeException failure() {
        return failure;
    }

    /** Hands on what is queued, then stops; false when that took longer than {@code limit}. */
    boolean finish(Duration limit) throws InterruptedException {
        stopping = true;
        queue.put(new Slot<>(null));
        thread.join(limit.toMillis());
        return !thread.isAlive();
    }

    /**
     * Hands the items of {@code taken} on in one batch ({@code batch} is scratch room): true when the end mark was
     * among them. A method of its own: called per batch, it is compiled after a few hundred batches, where the loop
     * that runs once for the thread's life would stay interpreted until on-stack replacement, near the end of a sweep.
     */
    private boolean handOn(List<Slot<T>> taken, List<T> batch) {
        boolean end = false;
        for (int k = 0; k < taken.size(); k++) {
            T item = taken.get(k).item();
            if (item == null) {
                end = true;
                break;
            }
            batch.add(item);
        }
        if (!batch.isEmpty()) {
            try {
                consumer.accept(List.copyOf(batch));
            } catch (RuntimeException e) {
                // the thread must live on: a producer waiting for room would otherwise wait for ever
                if (failure == null) {
                    failure = e;
                }
            }
        }
        return end;
    }

    private void loop() {
        List<Slot<T>> taken = new ArrayList<>(maxBatch);
        List<T> batch = new ArrayList<>(maxBatch);
        while (true) {
            try {
                taken.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(taken, maxBatch - 1);
            boolean end = handOn(taken, batch);
            boolean full = taken.size() == maxBatch;
            taken.clear();
            batch.clear();
            if (end) {
                return;
            }
            if (!full) {
                // a short batch: let items gather instead of waking for each one, which costs the producer a
                // wake-up call per item; a full batch means the queue is ahead, so the next is taken at once
                try {
                    Thread.sleep(NAP_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
