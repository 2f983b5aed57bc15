package dev.portolan.technique.tcp;

import dev.portolan.engine.Clock;
import dev.portolan.engine.FdBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The thin I/O shell of the connect scan: a few lanes (the calling thread being the first) run one
 * {@link ProbeScheduler} job over the non-blocking sockets of {@link Sockets}. The job is shared under its own lock,
 * taken once per batch; each probe is opened, watched and closed by one lane, so no socket changes hands. When the
 * system runs short of descriptors, buffers or local ports, all lanes pause and fewer sockets are kept open.
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
    private Runnable tick;
    private InetAddress[] addresses;
    private int[] ports;
    private volatile Throwable laneFailure;

    private ConnectIo(Clock clock, SocketLane[] io, int maxLimit, Consumer<String> warnings) {
        this.clock = clock;
        this.lanes = new Lane[io.length];
        for (int i = 0; i < io.length; i++) {
            lanes[i] = new Lane(i, io[i]);
        }
        this.maxLimit = maxLimit;
        this.limit = maxLimit;
        this.warnings = warnings;
    }

    /**
     * A shell of {@code lanes} lanes (at least one) over {@code sockets} that keeps at most {@code maxInFlight}
     * sockets open and reports trouble to {@code warnings}.
     */
    static ConnectIo open(Clock clock, Sockets sockets, int lanes, int maxInFlight, Consumer<String> warnings)
            throws IOException {
        int n = Math.clamp(lanes, 1, MAX_LANES);
        SocketLane[] io = new SocketLane[n];
        try {
            for (int i = 0; i < n; i++) {
                io[i] = sockets.openLane(clock);
            }
        } catch (IOException | RuntimeException e) {
            for (SocketLane lane : io) {
                if (lane != null) {
                    lane.close();
                }
            }
            throw e;
        }
        return new ConnectIo(clock, io, Math.max(1, maxInFlight), warnings);
    }

    /** Lanes for this machine: one per core, within {@link #MAX_LANES}. */
    static int defaultLanes() {
        return Math.min(MAX_LANES, Runtime.getRuntime().availableProcessors());
    }

    /** Stops the running job soon; callable from any thread. */
    void cancel() {
        cancelled = true;
        for (Lane lane : lanes) {
            lane.io.wakeup();
        }
    }

    /**
     * Runs {@code job} until every host is final; host i is {@code addresses[i]}, port index j is {@code ports[j]}.
     * {@code tick} runs on the calling thread, under the job's lock, after its loop turns. Returns false when
     * cancelled (then every socket of the job is closed).
     */
    boolean run(ProbeScheduler job, InetAddress[] addresses, int[] ports, Runnable tick) throws IOException {
        synchronized (job) {
            this.addresses = addresses;
            this.ports = ports;
            this.tick = tick;
        }
        for (Lane lane : lanes) {
            lane.io.jobStarts(job.discovery());
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
                lane.abandonAll(lane.pendingClose);
                lane.abandonAll(lane.closing);
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

    /** One thread, its sockets and the probes it owns. */
    private final class Lane {
        final SocketLane io;
        final int index;
        final Probe[] toLaunch = new Probe[SEND_BATCH];
        int launchCount;
        /** Probes of this lane the job gave up (timed out, aborted); guarded by the job's lock. */
        final List<Probe> pendingClose = new ArrayList<>();
        final List<Probe> closing = new ArrayList<>();
        final LaneResults results = new LaneResults();

        Lane(int index, SocketLane io) {
            this.index = index;
            this.io = io;
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
                                other.io.wakeup();
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
                        while (launchCount < SEND_BATCH && (p = job.next(now, limit)) != null) {
                            p.lane = index;
                            toLaunch[launchCount++] = p;
                        }
                    }
                    job.drainClosable(ConnectIo.this::route);
                    closing.addAll(pendingClose);
                    pendingClose.clear();
                    more = launchCount == SEND_BATCH;
                    wait = more ? 0 : job.nanosUntilNextEvent(now, limit, TICK_NANOS);
                    if (paused) {
                        wait = Math.min(wait, Math.max(0, pauseUntil - now));
                    }
                    if (isFirst) {
                        tick.run();
                    }
                }
                abandonAll(closing);
                for (int i = 0; i < launchCount; i++) {
                    Probe p = toLaunch[i];
                    toLaunch[i] = null;
                    io.launch(p, addresses[p.host], ports[p.port], results);
                }
                launchCount = 0;
                // answers that came with the launch are handed over before sleeping
                io.await(results.isEmpty() ? wait : 0, results);
            }
            abandonAll(closing);
        }

        /** Under the job's lock: tells the job what the lane's sockets found. */
        private void applyResults(ProbeScheduler job) {
            long now = clock.nanoTime();
            for (String message : results.oddErrors()) {
                warnOnce(message, "unexpected connect error: " + message
                        + " (ports that give it are reported filtered)");
            }
            for (String message : results.shortages()) {
                shortage(job, message, now);
            }
            results.handOver(job, now);
        }

        void abandonAll(List<Probe> probes) {
            for (Probe p : probes) {
                io.abandon(p);
            }
            probes.clear();
        }
    }

    /** Under the job's lock: gives a probe the job let go of to the lane that owns its socket. */
    private void route(Probe p) {
        lanes[p.lane].pendingClose.add(p);
    }

    /** Out of descriptors, buffers or local ports: pause all lanes and keep fewer sockets open. */
    private void shortage(ProbeScheduler job, String message, long now) {
        paused = true;
        pauseUntil = now + SHORTAGE_PAUSE_NANOS;
        budgetCheckAt = now + BUDGET_RECHECK_NANOS;
        int lowered = Math.max(MIN_LIMIT, job.inFlight() * 3 / 4);
        if (lowered < limit) {
            limit = lowered;
        }
        warnOnce("shortage " + message, "connect scan ran short of local resources (" + message
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

    @Override
    public void close() {
        for (Lane lane : lanes) {
            lane.io.close();
        }
    }
}
