package dev.portolan.technique.tcp;

import dev.portolan.engine.Clock;
import dev.portolan.engine.FdBudget;
import java.io.IOException;
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
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The thin I/O shell of the connect scan: one selector thread runs a {@link ProbeScheduler} job over non-blocking
 * sockets. SO_LINGER 0 makes every close a RST, so no socket lingers in TIME_WAIT.
 */
final class ConnectIo implements AutoCloseable {
    /** Probes opened per loop turn before answers are read again. */
    static final int SEND_BATCH = 256;
    /** The longest the loop sleeps, so cancellation, progress and host timeouts are never late by more. */
    static final long TICK_NANOS = 100_000_000L;
    /** Pause after the system ran out of descriptors, buffers or local ports. */
    static final long SHORTAGE_PAUSE_NANOS = 20_000_000L;
    /** How often a budget lowered after a shortage is measured again. */
    static final long BUDGET_RECHECK_NANOS = 1_000_000_000L;
    private static final int MIN_LIMIT = 8;

    private final Clock clock;
    private final Selector selector;
    private final int maxLimit;
    private final Consumer<String> warnings;
    private final Set<String> warned = new HashSet<>();
    private volatile boolean cancelled;
    private int limit;
    private long pauseUntil;
    private boolean paused;
    private long budgetCheckAt;

    private ProbeScheduler job;
    private InetAddress[] addresses;
    private int[] ports;

    private ConnectIo(Clock clock, Selector selector, int maxLimit, Consumer<String> warnings) {
        this.clock = clock;
        this.selector = selector;
        this.maxLimit = maxLimit;
        this.limit = maxLimit;
        this.warnings = warnings;
    }

    /** A shell that keeps at most {@code maxInFlight} sockets open and reports trouble to {@code warnings}. */
    static ConnectIo open(Clock clock, int maxInFlight, Consumer<String> warnings) throws IOException {
        return new ConnectIo(clock, Selector.open(), Math.max(1, maxInFlight), warnings);
    }

    /** Stops the running job soon; callable from any thread. */
    void cancel() {
        cancelled = true;
        selector.wakeup();
    }

    boolean cancelled() {
        return cancelled;
    }

    /**
     * Runs {@code job} until every host is final; host i is {@code addresses[i]}, port index j is {@code ports[j]}.
     * {@code tick} runs after every loop turn. Returns false when cancelled (then every socket is closed).
     */
    boolean run(ProbeScheduler job, InetAddress[] addresses, int[] ports, Runnable tick) throws IOException {
        this.job = job;
        this.addresses = addresses;
        this.ports = ports;
        try {
            while (!job.finished()) {
                if (cancelled) {
                    job.abortAll();
                    job.drainClosable(ConnectIo::closeProbe);
                    return false;
                }
                long now = clock.nanoTime();
                job.expire(now);
                job.drainClosable(ConnectIo::closeProbe);
                int launched = 0;
                if (paused && now - pauseUntil >= 0) {
                    paused = false;
                }
                if (!paused) {
                    restoreBudget(now);
                    Probe p;
                    while (launched < SEND_BATCH && (p = job.next(now, limit)) != null) {
                        launch(p);
                        launched++;
                    }
                    job.drainClosable(ConnectIo::closeProbe);
                }
                now = clock.nanoTime();
                long wait = launched == SEND_BATCH ? 0 : job.nanosUntilNextEvent(now, limit, TICK_NANOS);
                if (paused) {
                    wait = Math.min(wait, Math.max(0, pauseUntil - now));
                }
                if (wait <= 0) {
                    selector.selectNow(this::ready);
                } else {
                    selector.select(this::ready, Math.max(1, (wait + 999_999) / 1_000_000));
                }
                job.drainClosable(ConnectIo::closeProbe);
                tick.run();
            }
            return true;
        } finally {
            this.job = null;
        }
    }

    private void launch(Probe p) {
        InetAddress address = addresses[p.host];
        ProtocolFamily family = address instanceof Inet6Address ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET;
        SocketChannel ch;
        try {
            ch = SocketChannel.open(family);
        } catch (IOException e) {
            shortage(p, e);
            return;
        }
        p.io = ch;
        try {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.SO_LINGER, 0);
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

    private void complete(Probe p, SocketChannel ch, IOException error) {
        long now = clock.nanoTime();
        if (error == null) {
            boolean self = connectedToItself(ch);
            close(ch);
            if (self) {
                // the kernel chose the target port as our own port: a loopback artefact, not an open port
                job.unsent(p, now);
            } else {
                job.answered(p, Outcome.OPEN, now);
            }
            return;
        }
        close(ch);
        Outcome outcome = ConnectErrors.classify(error);
        if (outcome == null) {
            shortage(p, error);
            return;
        }
        if (outcome == Outcome.UNKNOWN_ERROR) {
            warnOnce(error.getMessage(), "unexpected connect error: " + error.getMessage()
                    + " (ports that give it are reported filtered)");
        }
        job.answered(p, outcome, now);
    }

    /** Out of descriptors, buffers or local ports: put the probe back, pause, and keep fewer sockets open. */
    private void shortage(Probe p, IOException e) {
        long now = clock.nanoTime();
        job.unsent(p, now);
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

    private void restoreBudget(long now) {
        if (limit >= maxLimit || now - budgetCheckAt < 0) {
            return;
        }
        budgetCheckAt = now + BUDGET_RECHECK_NANOS;
        // our own open sockets are part of what the process has open
        limit = Math.clamp((long) FdBudget.available() + job.inFlight(), MIN_LIMIT, maxLimit);
    }

    private static boolean connectedToItself(SocketChannel ch) {
        try {
            SocketAddress local = ch.getLocalAddress();
            return local != null && local.equals(ch.getRemoteAddress());
        } catch (IOException e) {
            return false;
        }
    }

    private void warnOnce(String kind, String message) {
        if (warned.add(kind)) {
            warnings.accept(message);
        }
    }

    private static void closeProbe(Probe p) {
        if (p.io instanceof SocketChannel ch) {
            close(ch);
        }
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
        for (SelectionKey key : selector.keys()) {
            try {
                key.channel().close();
            } catch (IOException e) {
                // best effort: the selector's close below releases the rest
            }
        }
        selector.close();
    }
}
