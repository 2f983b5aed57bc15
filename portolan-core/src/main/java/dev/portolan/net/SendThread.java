package dev.portolan.net;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A thread that sends filled packet batches while its owner fills the next and reads the answers (masscan's
 * transmit thread): the owner gives it its batches ({@link #addSpare}), takes an empty one ({@link #next}), fills it,
 * {@link #submit}s it with the socket to send it on, and gets it back with each packet's result, which it reads in
 * the {@code settle} step of {@link #next}, {@link #reclaim} or {@link #drain}. The hand-off is bounded by the
 * batches given: when the thread falls behind, the owner waits for one to come back. A socket submitted here must be
 * sent on by no other thread, and its {@link Libc} used by no other thread, while this thread runs; the rest of the
 * owner's sockets stay its own.
 *
 * @param <A> what the owner keeps beside each batch (which probe each packet carries)
 */
public final class SendThread<A> implements AutoCloseable {
    /** How long the owner waits for a batch before it looks whether the thread is still alive. */
    private static final long CHECK_MILLIS = 200;
    private static final int MAX_PER_CORE = 2;

    /** One batch of packets, the owner's notes on it, and per packet the result of its last send. */
    public static final class Batch<A> {
        private final PacketBatch packets;
        private final A attachment;
        private final int[] results;
        private NativeSocket socket;
        /** The thread it was submitted to. */
        private int worker;
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

    private final List<BlockingQueue<Batch<A>>> toSend = new ArrayList<>();
    private final BlockingQueue<Batch<A>> sent;
    private final List<Thread> threads = new ArrayList<>();
    private final LongSupplier clock;
    /** The owner's empty batches, settled: only the owner's thread touches them. */
    private final ArrayDeque<Batch<A>> spare = new ArrayDeque<>();
    private volatile boolean stopping;
    private volatile Throwable failure;
    private int outstanding;
    /** Per thread, the batches submitted to it and not taken back: the owner's count, kept on the owner's thread. */
    private final int[] queued;
    private final boolean toLeastBusy;
    private int nextWorker;

    /**
     * Starts {@code workers} threads (named {@code name}-i) for an owner of at most {@code batches} batches;
     * {@code clock} stamps each batch as it leaves. Each thread sends on sockets of its own (see {@link #submit}), so
     * that the kernel's work for each packet (on a veth link: the target's too) runs on as many cores.
     */
    public SendThread(String name, int batches, LongSupplier clock, int workers) {
        this(name, batches, clock, workers, false);
    }

    /**
     * As {@link #SendThread(String, int, LongSupplier, int)}, with {@code leastBusy}: a batch goes to the thread with
     * the fewest still to send, not to each thread in turn. A ping sweep gains by it (its steady state -11 %, the run
     * -6 % in alternating runs: dealt in turn, batches queued up behind a thread the scheduler had set aside while the
     * other waited idle); a SYN sweep of a /15 lost 6 % by it, so its lanes deal in turn.
     */
    public SendThread(String name, int batches, LongSupplier clock, int workers, boolean leastBusy) {
        if (workers < 1) {
            throw new IllegalArgumentException("at least one send thread, not " + workers);
        }
        this.clock = clock;
        this.sent = new ArrayBlockingQueue<>(batches);
        this.queued = new int[workers];
        this.toLeastBusy = leastBusy;
        for (int w = 0; w < workers; w++) {
            BlockingQueue<Batch<A>> queue = new ArrayBlockingQueue<>(batches);
            toSend.add(queue);
            threads.add(Thread.ofPlatform().daemon().name(name + "-" + w).start(() -> run(queue)));
        }
    }

    /**
     * How many threads to send with: one per core, at most two. On the 2-core lab machine two beat one by a fifth on
     * a 65536-port scan (1.08 s against 1.36 s of scanning), the owner's thread sharing the cores with them: most of
     * a packet's cost is the kernel's, in the sending thread.
     */
    public static int perCore() {
        return Math.clamp(Runtime.getRuntime().availableProcessors(), 1, MAX_PER_CORE);
    }

    /** One thread, as {@link #SendThread(String, int, LongSupplier, int)} with one worker. */
    public SendThread(String name, int batches, LongSupplier clock) {
        this(name, batches, clock, 1);
    }

    /** How many threads send. */
    public int workers() {
        return threads.size();
    }

    private void run(BlockingQueue<Batch<A>> queue) {
        try {
            while (!stopping) {
                Batch<A> b = queue.take();
                b.send(clock);
                sent.add(b);
            }
        } catch (InterruptedException e) {
            // close(): everything submitted was sent
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }

    /**
     * Hands {@code b}, filled with {@code count} packets, to the next thread in turn (or the least busy, see the
     * constructor), to send on its socket of {@code sockets} (indexed by thread; a single socket means the first
     * thread sends it, as a socket is sent on by one thread only).
     */
    public void submit(Batch<A> b, NativeSocket[] sockets, int count) {
        int w = 0;
        if (sockets.length > 1) {
            int turn = nextWorker++ % threads.size();
            w = toLeastBusy ? leastBusy(queued, turn) : turn;
        }
        b.socket = sockets[w];
        b.worker = w;
        b.count = count;
        outstanding++;
        queued[w]++;
        toSend.get(w).add(b);
    }

    /** The thread with the fewest batches {@code queued}, the first of equals counted from {@code start}. */
    static int leastBusy(int[] queued, int start) {
        int best = start;
        for (int k = 1; k < queued.length; k++) {
            int w = (start + k) % queued.length;
            if (queued[w] < queued[best]) {
                best = w;
            }
        }
        return best;
    }

    /** {@link #submit(Batch, NativeSocket[], int)} on one socket, sent by the first thread. */
    public void submit(Batch<A> b, NativeSocket socket, int count) {
        submit(b, new NativeSocket[] {socket}, count);
    }

    /** Gives an empty batch to the pool {@link #next} draws from. */
    public void addSpare(Batch<A> b) {
        spare.add(b);
    }

    /**
     * An empty batch to fill: a spare one, else those sent since, each given to {@code settle} (the owner reads its
     * results) and emptied; waits for one while every batch is still being sent.
     */
    public Batch<A> next(Consumer<Batch<A>> settle) {
        if (spare.isEmpty()) {
            reclaim(settle);
        }
        if (spare.isEmpty()) {
            return settled(take(), settle);
        }
        return spare.poll();
    }

    /** Settles every batch sent so far into the pool, without waiting. */
    public void reclaim(Consumer<Batch<A>> settle) {
        Batch<A> b;
        while ((b = poll()) != null) {
            spare.add(settled(b, settle));
        }
    }

    /** Waits until everything submitted is sent, and settles it into the pool. */
    public void drain(Consumer<Batch<A>> settle) {
        while (outstanding > 0) {
            spare.add(settled(take(), settle));
        }
    }

    private static <A> Batch<A> settled(Batch<A> b, Consumer<Batch<A>> settle) {
        settle.accept(b);
        b.clear();
        return b;
    }

    /** Batches submitted and not yet taken back. */
    public int outstanding() {
        return outstanding;
    }

    /** A sent batch, its results to read, or null when none has come back yet. */
    public Batch<A> poll() {
        Batch<A> b = sent.poll();
        if (b != null) {
            returned(b);
        }
        return b;
    }

    private void returned(Batch<A> b) {
        outstanding--;
        queued[b.worker]--;
    }

    /** The next sent batch, waiting for it; throws when the thread died (its failure as the cause). */
    public Batch<A> take() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    Batch<A> b = sent.poll(CHECK_MILLIS, TimeUnit.MILLISECONDS);
                    if (b != null) {
                        returned(b);
                        return b;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                if (failure != null || threads.stream().noneMatch(Thread::isAlive)) {
                    throw new IllegalStateException("a send thread stopped", failure);
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
        while (outstanding > 0 && failure == null) {
            take();
        }
        stopping = true;
        threads.forEach(Thread::interrupt);
        boolean interrupted = false;
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
