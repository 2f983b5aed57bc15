package dev.portolan.technique.tcp;

import dev.portolan.engine.Clock;
import dev.portolan.engine.FdBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The thin I/O shell of the connect scan: a few selector "lanes" (one per core, the calling thread being the first)
 * run one {@link ProbeScheduler} job over non-blocking sockets. The job is shared under its own lock, taken once
 * per batch; each probe is opened, watched and closed by one lane, so no socket changes hands. A connected socket
 * gets SO_LINGER 0 before its close, so the close is a RST and nothing stays in TIME_WAIT.
 */
final class ConnectIo implements AutoCloseable {
    /** Probes a lane opens per turn before it reads answers again. */
    static final int SEND_BATCH = 128;
    /** The longest a lane sleeps, so cancellation, progress and host timeouts are never late by more. */
    static final long TICK_NANOS = 100_000_000L;
    /** Pause after the system ran out of descriptors, buffers or local ports. */
    static final long SHORTAGE_PAUSE_NANOS = 20_000_000L;
    /** How often a budget lowered after a shortage is measured again. */
    static final long BUDGET_RECHECK_NANOS = 1_000_000_000L;
    /** More lanes than this only fight over the scheduler's lock. */
    static final int MAX_LANES = 4;
    private static final int MIN_LIMIT = 8;

    private final Clock clock;
    private final SocketOpener opener;
    private final Lane[] lanes;
    private final int maxLimit;
    private final Consumer<String> warnings;
    private volatile boolean cancelled;

    // shared between lanes, guarded by the job's lock
    private final Set<String> warned = new HashSet<>();
    private int limit;
    private long pauseUntil;
    private boolean paused;
    private long budgetCheckAt;
    private ProbeScheduler job;
    private Runnable tick;
    private InetAddress[] addresses;
    private int[] ports;
    private volatile Throwable laneFailure;

    private ConnectIo(Clock clock, SocketOpener opener, Selector[] selectors, int maxLimit,
                      Consumer<String> warnings) {
        this.clock = clock;
        this.opener = opener;
        this.lanes = new Lane[selectors.length];
        for (int i = 0; i < selectors.length; i++) {
            lanes[i] = new Lane(i, selectors[i]);
        }
        this.maxLimit = maxLimit;
        this.limit = maxLimit;
        this.warnings = warnings;
    }

    /**
     * A shell of {@code lanes} selector threads (at least one) that keeps at most {@code maxInFlight} sockets open,
     * opens them with {@code opener} and reports trouble to {@code warnings}.
     */
    static ConnectIo open(Clock clock, SocketOpener opener, int lanes, int maxInFlight, Consumer<String> warnings)
            throws IOException {
        int n = Math.clamp(lanes, 1, MAX_LANES);
        Selector[] selectors = new Selector[n];
        try {
            for (int i = 0; i < n; i++) {
                selectors[i] = Selector.open();
            }
        } catch (IOException e) {
            for (Selector s : selectors) {
                if (s != null) {
                    s.close();
                }
            }
            throw e;
        }
        return new ConnectIo(clock, opener, selectors, Math.max(1, maxInFlight), warnings);
    }

    /** Lanes for this machine: one per core, within {@link #MAX_LANES}. */
    static int defaultLanes() {
        return Math.min(MAX_LANES, Runtime.getRuntime().availableProcessors());
    }

    /** Stops the running job soon; callable from any thread. */
    void cancel() {
        cancelled = true;
        for (Lane lane : lanes) {
            lane.selector.wakeup();
        }
    }

    /**
     * Runs {@code job} until every host is final; host i is {@code addresses[i]}, port index j is {@code ports[j]}.
     * {@code tick} runs on the calling thread, under the job's lock, after its loop turns. Returns false when
     * cancelled (then every socket of the job is closed).
     */
    boolean run(ProbeScheduler job, InetAddress[] addresses, int[] ports, Runnable tick) throws IOException {
        synchronized (job) {
            this.job = job;
            this.addresses = addresses;
            this.ports = ports;
            this.tick = tick;
        }
        List<Thread> helpers = new ArrayList<>();
        for (int i = 1; i < lanes.length; i++) {
            Lane lane = lanes[i];
            helpers.add(Thread.ofPlatform().daemon().name("portolan-connect-" + i).start(() -> lane.runGuarded(job)));
        }
        try {
            lanes[0].runGuarded(job);
        } finally {
            for (Thread t : helpers) {
                joinQuietly(t);
            }
            // lanes that left first may have been handed sockets to close afterwards
            for (Lane lane : lanes) {
                closeAll(lane.pendingClose);
                closeAll(lane.closing);
            }
        }
        Throwable failure = laneFailure;
        if (failure != null) {
            laneFailure = null;
            switch (failure) {
                case UncheckedIOException u -> throw u.getCause();
                case RuntimeException r -> throw r;
                case Error e -> throw e;
                default -> throw new IllegalStateException("connect scan lane failed: " + failure, failure);
            }
        }
        return !cancelled;
    }

    private static void joinQuietly(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                // a lane leaves within one tick once the job is finished or cancelled
                t.join(TICK_NANOS / 1_000_000);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** One selector thread and the probes it owns. */
    private final class Lane {
        final Selector selector;
        final int index;
        final List<Probe> toLaunch = new ArrayList<>(SEND_BATCH);
        /** Probes of this lane the job gave up (timed out, aborted); guarded by the job's lock. */
        final List<Probe> pendingClose = new ArrayList<>();
        final List<Probe> closing = new ArrayList<>();
        final List<Probe> doneProbes = new ArrayList<>();
        final List<Outcome> doneOutcomes = new ArrayList<>();
        long[] doneTimes = new long[SEND_BATCH];
        final List<IOException> shortages = new ArrayList<>();
        final List<IOException> oddErrors = new ArrayList<>();

        Lane(int index, Selector selector) {
            this.index = index;
            this.selector = selector;
        }

        void runGuarded(ProbeScheduler job) {
            try {
                loop(job);
            } catch (IOException e) {
                fail(job, new UncheckedIOException(e));
            } catch (RuntimeException | Error e) {
                fail(job, e);
            }
        }

        private void fail(ProbeScheduler job, Throwable e) {
            if (laneFailure == null) {
                laneFailure = e;
            }
            cancel();
            synchronized (job) {
                job.abortAll();
                job.drainClosable(ConnectIo.this::route);
            }
        }

        private void loop(ProbeScheduler job) throws IOException {
            boolean isFirst = index == 0;
            while (true) {
                boolean more;
                long wait;
                synchronized (job) {
                    applyResults(job);
                    if (cancelled) {
                        job.abortAll();
                    }
                    job.drainClosable(ConnectIo.this::route);
                    closing.addAll(pendingClose);
                    pendingClose.clear();
                    if (job.finished() || cancelled) {
                        // the other lanes may be asleep: let them see it now rather than in a tick
                        for (Lane other : lanes) {
                            if (other != this) {
                                other.selector.wakeup();
                            }
                        }
                        break;
                    }
                    long now = clock.nanoTime();
                    job.expire(now);
                    if (paused && now - pauseUntil >= 0) {
                        paused = false;
                    }
                    if (!paused) {
                        restoreBudget(job, now);
                        Probe p;
                        while (toLaunch.size() < SEND_BATCH && (p = job.next(now, limit)) != null) {
                            p.lane = index;
                            toLaunch.add(p);
                        }
                    }
                    job.drainClosable(ConnectIo.this::route);
                    closing.addAll(pendingClose);
                    pendingClose.clear();
                    more = toLaunch.size() == SEND_BATCH;
                    wait = more ? 0 : job.nanosUntilNextEvent(now, limit, TICK_NANOS);
                    if (paused) {
                        wait = Math.min(wait, Math.max(0, pauseUntil - now));
                    }
                    if (isFirst) {
                        tick.run();
                    }
                }
                closeAll(closing);
                for (Probe p : toLaunch) {
                    launch(p);
                }
                toLaunch.clear();
                if (!doneProbes.isEmpty()) {
                    // answers came with the launch: hand them over before sleeping
                    wait = 0;
                }
                if (wait <= 0) {
                    selector.selectNow(this::ready);
                } else {
                    selector.select(this::ready, Math.max(1, (wait + 999_999) / 1_000_000));
                }
            }
            closeAll(closing);
        }

        private void launch(Probe p) {
            InetAddress address = addresses[p.host];
            ProtocolFamily family = address instanceof Inet6Address ? StandardProtocolFamily.INET6
                    : StandardProtocolFamily.INET;
            SocketChannel ch;
            try {
                ch = opener.open(family);
            } catch (IOException e) {
                finish(p, null, e);
                return;
            }
            p.io = ch;
            try {
                ch.configureBlocking(false);
                p.launchedAt = clock.nanoTime();
                if (ch.connect(new InetSocketAddress(address, ports[p.port]))) {
                    complete(p, ch, null);
                } else {
                    ch.register(selector, SelectionKey.OP_CONNECT, p);
                }
            } catch (IOException e) {
                complete(p, ch, e);
            }
        }

        private void ready(SelectionKey key) {
            Probe p = (Probe) key.attachment();
            SocketChannel ch = (SocketChannel) key.channel();
            try {
                if (ch.finishConnect()) {
                    complete(p, ch, null);
                }
            } catch (IOException e) {
                complete(p, ch, e);
            }
        }

        /** Reads what the connect found and closes the socket; the job learns it at the next lock. */
        private void complete(Probe p, SocketChannel ch, IOException error) {
            if (error != null) {
                close(ch);
                Outcome outcome = ConnectErrors.classify(error);
                finish(p, outcome, outcome == null ? error : null);
                if (outcome == Outcome.UNKNOWN_ERROR) {
                    oddErrors.add(error);
                }
                return;
            }
            boolean self = connectedToItself(ch);
            try {
                ch.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException e) {
                // the peer reset it already: the close below sends nothing anyway
            }
            close(ch);
            // connected to itself: the kernel chose the target port as our own port, a loopback artefact
            finish(p, self ? null : Outcome.OPEN, null);
        }

        /** Records a result; a null outcome puts the probe back (with {@code shortage} as the cause, if any). */
        private void finish(Probe p, Outcome outcome, IOException shortage) {
            if (doneProbes.size() == doneTimes.length) {
                doneTimes = java.util.Arrays.copyOf(doneTimes, doneTimes.length * 2);
            }
            // the answer is timed where it was seen, not when the job hears of it
            doneTimes[doneProbes.size()] = clock.nanoTime();
            doneProbes.add(p);
            doneOutcomes.add(outcome);
            if (shortage != null) {
                shortages.add(shortage);
            }
        }

        /** Under the job's lock: tells the job what the lane's sockets found. */
        private void applyResults(ProbeScheduler job) {
            long now = clock.nanoTime();
            for (IOException e : oddErrors) {
                warnOnce(e.getMessage(), "unexpected connect error: " + e.getMessage()
                        + " (ports that give it are reported filtered)");
            }
            oddErrors.clear();
            for (IOException e : shortages) {
                shortage(job, e, now);
            }
            shortages.clear();
            for (int i = 0; i < doneProbes.size(); i++) {
                Outcome o = doneOutcomes.get(i);
                if (o == null) {
                    job.unsent(doneProbes.get(i), now);
                } else {
                    job.answered(doneProbes.get(i), o, doneTimes[i]);
                }
            }
            doneProbes.clear();
            doneOutcomes.clear();
        }
    }

    /** Under the job's lock: gives a probe the job let go of to the lane that owns its socket. */
    private void route(Probe p) {
        lanes[p.lane].pendingClose.add(p);
    }

    /** Out of descriptors, buffers or local ports: pause all lanes and keep fewer sockets open. */
    private void shortage(ProbeScheduler job, IOException e, long now) {
        paused = true;
        pauseUntil = now + SHORTAGE_PAUSE_NANOS;
        budgetCheckAt = now + BUDGET_RECHECK_NANOS;
        int lowered = Math.max(MIN_LIMIT, job.inFlight() * 3 / 4);
        if (lowered < limit) {
            limit = lowered;
        }
        warnOnce("shortage " + e.getMessage(), "connect scan ran short of local resources (" + e.getMessage()
                + "); slowing down to at most " + limit + " sockets at once");
    }

    private void restoreBudget(ProbeScheduler job, long now) {
        if (limit >= maxLimit || now - budgetCheckAt < 0) {
            return;
        }
        budgetCheckAt = now + BUDGET_RECHECK_NANOS;
        // our own open sockets are part of what the process has open
        limit = Math.clamp((long) FdBudget.available() + job.inFlight(), MIN_LIMIT, maxLimit);
    }

    private void warnOnce(String kind, String message) {
        if (warned.add(kind)) {
            warnings.accept(message);
        }
    }

    private static boolean connectedToItself(SocketChannel ch) {
        try {
            SocketAddress local = ch.getLocalAddress();
            return local != null && local.equals(ch.getRemoteAddress());
        } catch (IOException e) {
            return false;
        }
    }

    private static void closeAll(List<Probe> probes) {
        for (Probe p : probes) {
            if (p.io instanceof SocketChannel ch) {
                close(ch);
            }
        }
        probes.clear();
    }

    private static void close(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // closing a socket we no longer need cannot fail in a way that matters
        }
    }

    @Override
    public void close() throws IOException {
        for (Lane lane : lanes) {
            for (SelectionKey key : lane.selector.keys()) {
                try {
                    key.channel().close();
                } catch (IOException e) {
                    // best effort: the selector's close below releases the rest
                }
            }
            lane.selector.close();
        }
    }
}
