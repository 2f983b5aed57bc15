package dev.portolan.technique.tcp;

import java.io.IOException;
import java.net.InetAddress;

/**
 * The sockets of one lane of a connect scan: opens and connects them, waits for the connects to end, closes them.
 * One thread uses a lane at a time; only {@link #wakeup} may come from any thread.
 */
interface SocketLane extends AutoCloseable {

    /**
     * Opens {@code p}'s socket and starts its connect to {@code address}:{@code port}, setting
     * {@link Probe#launchedAt}; an end known at once goes to {@code results}.
     */
    void launch(Probe p, InetAddress address, int port, LaneResults results);

    /** Waits up to {@code timeoutNanos} (0: only looks) for connects to end; each end goes to {@code results}. */
    void await(long timeoutNanos, LaneResults results) throws IOException;

    /** Closes the socket of a probe the job let go of (timed out, aborted); nothing when it is closed already. */
    void abandon(Probe p);

    /** A job starts on this lane: a host discovery job ({@code discovery}) or a port scan; before any launch. */
    default void jobStarts(boolean discovery) {
    }

    /** Makes a waiting {@link #await} return soon; from any thread, also after {@link #close}. */
    void wakeup();

    /** Closes every socket still open and the lane's own resources. */
    @Override
    void close();
}
