package dev.portolan.engine;

import dev.portolan.result.HostTimes;
import java.time.Duration;
import java.util.Optional;

/**
 * Round-trip estimate and probe timeout as RFC 6298 computes them: srtt, rttvar and timeout = srtt + 4 * rttvar,
 * clamped to [minRttTimeout, maxRttTimeout]. Samples from retransmitted probes are ignored (Karn's rule).
 */
public final class RttEstimator {
    private final long initialTimeout;
    private final long minTimeout;
    private final long maxTimeout;
    private long srtt;
    private long rttvar;
    private long samples;

    private RttEstimator(long initialTimeout, long minTimeout, long maxTimeout) {
        this.initialTimeout = initialTimeout;
        this.minTimeout = minTimeout;
        this.maxTimeout = maxTimeout;
    }

    /** An estimator without samples; its timeout is {@code initial} until the first sample. */
    public static RttEstimator of(Duration initial, Duration min, Duration max) {
        long mn = min.toNanos();
        long mx = max.toNanos();
        if (mn < 0 || mx <= 0 || mn > mx) {
            throw new IllegalArgumentException("rtt timeouts need 0 <= min <= max and max > 0, got min " + min
                    + " max " + max);
        }
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial rtt timeout must be positive, got " + initial);
        }
        return new RttEstimator(initial.toNanos(), mn, mx);
    }

    /** An estimator with the timeouts of {@code timing}. */
    public static RttEstimator of(TimingTemplate timing) {
        return of(timing.initialRttTimeout(), timing.minRttTimeout(), timing.maxRttTimeout());
    }

    /** Adds a measured round trip; ignored when the probe was a retransmission or the value is negative. */
    public void sample(long rttNanos, boolean retransmitted) {
        if (retransmitted || rttNanos < 0) {
            return;
        }
        if (samples == 0) {
            srtt = rttNanos;
            rttvar = rttNanos / 2;
        } else {
            long delta = Math.abs(srtt - rttNanos);
            rttvar += (delta - rttvar) / 4;
            srtt += (rttNanos - srtt) / 8;
        }
        samples++;
    }

    public boolean hasSample() {
        return samples > 0;
    }

    public long sampleCount() {
        return samples;
    }

    /** Smoothed round trip; 0 before the first sample. */
    public long srttNanos() {
        return srtt;
    }

    public long rttvarNanos() {
        return rttvar;
    }

    /** How long to wait for an answer to the next probe. */
    public long timeoutNanos() {
        if (samples == 0) {
            return initialTimeout;
        }
        long t = srtt + 4 * rttvar;
        return Math.clamp(t, minTimeout, maxTimeout);
    }

    /**
     * {@link #hostTimes} of an estimator with the timeouts of {@code timing} after the one sample {@code rttNanos}
     * (empty when the sample is negative), without making one: a sweep's hosts each have a single round trip.
     */
    public static Optional<HostTimes> afterOneSample(TimingTemplate timing, long rttNanos) {
        if (rttNanos < 0) {
            return Optional.empty();
        }
        long rttvar = rttNanos / 2;
        long timeout = Math.clamp(rttNanos + 4 * rttvar, timing.minRttTimeout().toNanos(),
                timing.maxRttTimeout().toNanos());
        return Optional.of(new HostTimes(rttNanos / 1000, rttvar / 1000, timeout / 1000));
    }

    /** The estimate as nmap's {@code <times>}, when at least one sample was taken. */
    public Optional<HostTimes> hostTimes() {
        if (samples == 0) {
            return Optional.empty();
        }
        return Optional.of(new HostTimes(srtt / 1000, rttvar / 1000, timeoutNanos() / 1000));
    }
}
