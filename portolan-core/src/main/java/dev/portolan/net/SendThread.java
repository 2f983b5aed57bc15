package dev.portolan.net;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A thread that sends filled packet batches while its owner fills the next and reads the answers (masscan's
 * transmit thread): the owner {@link #take}s a batch, fills it, {@link #submit}s it with the socket to send it on,
 * and gets it back with each packet's result. The hand-off is bounded by the batches given: when the thread falls
 * behind, the owner waits for one to come back. A socket submitted here must be sent on by no other thread, and
 * its {@link Libc} used by no other thread, while this thread runs; the rest of the owner's sockets stay its own.
 *
 * @param <A> what the owner keeps beside each batch (which probe each packet carries)
 */
public final class SendThread<A> implements AutoCloseable {
    /** How long the owner waits for a batch before it looks whether the thread is still alive. */
    private static final long CHECK_MILLIS = 200;

    /** One batch of packets, the owner's notes on it, and per packet the result of its last send. */
    public static final class Batch<A> {
        private final PacketBatch packets;
        private final A attachment;
        private final int[] results;
        private NativeSocket socket;
        private int count;
        private long sentAt;

        public Batch(PacketBatch packets, A attachment) {
            this.packets = packets;
            this.attachment = attachment;
            this.results = new int[packets.capacity()];
        }

        public PacketBatch packets() {
            return packets;
        }

        public A attachment() {
            return attachment;
        }

        /** How many packets the last submit of this batch held (0: never submitted, or settled). */
        public int count() {
            return count;
        }

        /** When the thread began sending the batch, on the thread's clock: the packets' real departure. */
        public long sentAt() {
            return sentAt;
        }

        /** 0 when packet {@code i} left, else -errno of its send. */
        public int result(int i) {
            return results[i];
        }

        /** The owner has read the results: the batch is empty again. */
        public void clear() {
            count = 0;
        }

        /** Sends packets 0..count-1 with as few sendmmsg calls as the socket allows; one that fails is skipped. */
        void send(LongSupplier clock) {
            sentAt = clock.getAsLong();
            int first = 0;
            while (first < count) {
                int r = socket.send(packets, first, count - first);
                if (r > 0) {
                    for (int i = first; i < first + r; i++) {
                        results[i] = 0;
                    }
                    first += r;
                } else {
                    // the first of the rest failed alone: the others go again in the next call
                    results[first] = r == 0 ? -Errno.EAGAIN : r;
                    first++;
                }
            }
        }
    }

    private final BlockingQueue<Batch<A>> toSend;
    private final BlockingQueue<Batch<A>> sent;
    private final Thread thread;
    private final LongSupplier clock;
    private volatile boolean stopping;
    private volatile Throwable failure;
    private int outstanding;

    /**
     * Starts the thread (named {@code name}) for an owner of at most {@code batches} batches; {@code clock} stamps
     * each batch as it leaves.
     */
    public SendThread(String name, int batches, LongSupplier clock) {
        this.clock = clock;
        this.toSend = new ArrayBlockingQueue<>(batches);
        this.sent = new ArrayBlockingQueue<>(batches);
        this.thread = Thread.ofPlatform().daemon().name(name).start(this::run);
    }

    private void run() {
        try {
            while (!stopping) {
                Batch<A> b = toSend.take();
                b.send(clock);
                sent.add(b);
            }
        } catch (InterruptedException e) {
            // close(): everything submitted was sent
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }

    /** Hands {@code b}, filled with {@code count} packets, to the thread to send on {@code socket}. */
    public void submit(Batch<A> b, NativeSocket socket, int count) {
        b.socket = socket;
        b.count = count;
        outstanding++;
        toSend.add(b);
    }

    /** Batches submitted and not yet taken back. */
    public int outstanding() {
        return outstanding;
    }

    /** A sent batch, its results to read, or null when none has come back yet. */
    public Batch<A> poll() {
        Batch<A> b = sent.poll();
        if (b != null) {
            outstanding--;
        }
        return b;
    }

    /** The next sent batch, waiting for it; throws when the thread died (its failure as the cause). */
    public Batch<A> take() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    Batch<A> b = sent.poll(CHECK_MILLIS, TimeUnit.MILLISECONDS);
                    if (b != null) {
                        outstanding--;
                        return b;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                if (!thread.isAlive()) {
                    throw new IllegalStateException("the send thread stopped", failure);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops the thread once what was submitted is sent; the batches may then be freed. */
    @Override
    public void close() {
        while (outstanding > 0 && thread.isAlive()) {
            take();
        }
        stopping = true;
        thread.interrupt();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join(CHECK_MILLIS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
