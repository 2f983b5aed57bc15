package dev.portolan.service.detect;

import dev.portolan.service.probe.Probe;
import java.time.Duration;

/**
 * How long to wait for what, from the host's measured round-trip time: a probe's answer gets at least the minimum
 * wait and ten round trips, never more than the probe's own limit.
 */
final class Waits {
    private static final long QUIET_FLOOR_MILLIS = 150;
    private final long minMillis;
    private final long rttMillis;

    Waits(Duration minWait, long srttMicros) {
        this.minMillis = minWait.toMillis();
        this.rttMillis = Math.max(0, srttMicros / 1000);
    }

    long forProbe(Probe probe) {
        return Math.min(probe.totalWaitMs(), Math.max(minMillis, 10 * rttMillis));
    }

    /** Silence after an answer began that means it has ended. */
    long quiet() {
        return Math.max(QUIET_FLOOR_MILLIS, 4 * rttMillis);
    }

    long connect() {
        return Math.max(minMillis, 10 * rttMillis);
    }

    /** One TLS exchange (a hello or a handshake): a few round trips and the server's key work. */
    long forTls() {
        return Math.max(2 * minMillis, 10 * rttMillis);
    }
}
