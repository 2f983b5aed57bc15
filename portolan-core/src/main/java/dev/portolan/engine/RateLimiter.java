package dev.portolan.engine;

/**
 * Global send pacing on the injected clock: a token bucket for --max-rate and a credit bucket for --min-rate.
 * While min-rate credit is due ({@link #belowMinRate}) the engine sends even when congestion control says wait.
 */
public final class RateLimiter {
    /** The max-rate bucket holds this much time worth of sends, so a 1 ms event loop keeps the rate. */
    static final double BURST_SECONDS = 0.01;
    /** Min-rate credit caps at this much time worth, so a long stall does not turn into a flood. */
    static final double CATCH_UP_SECONDS = 0.1;

    private final Clock clock;
    private final double minRate;
    private final double maxRate;
    private final double maxBurst;
    private final double minCap;
    private double tokens;
    private double credit;
    private long last;

    private RateLimiter(Clock clock, double minRate, double maxRate) {
        this.clock = clock;
        this.minRate = minRate;
        this.maxRate = maxRate;
        this.maxBurst = Math.max(1.0, maxRate * BURST_SECONDS);
        this.minCap = Math.max(1.0, minRate * CATCH_UP_SECONDS);
        this.tokens = 1.0;
        this.last = clock.nanoTime();
    }

    /** Probes per second at least ({@code minRate}) and at most ({@code maxRate}); 0 means no bound. */
    public static RateLimiter of(Clock clock, double minRate, double maxRate) {
        if (!(minRate >= 0) || !(maxRate >= 0) || Double.isInfinite(minRate) || Double.isInfinite(maxRate)) {
            throw new IllegalArgumentException("rates must be finite and not negative, got min " + minRate
                    + " max " + maxRate);
        }
        if (maxRate > 0 && minRate > maxRate) {
            throw new IllegalArgumentException("min rate " + minRate + " is above max rate " + maxRate);
        }
        return new RateLimiter(clock, minRate, maxRate);
    }

    /** No bounds at all. */
    public static RateLimiter unlimited(Clock clock) {
        return new RateLimiter(clock, 0, 0);
    }

    /** Nanoseconds until max-rate allows the next send; 0 when it may go now. */
    public long nanosUntilPermit() {
        if (maxRate == 0) {
            return 0;
        }
        refill();
        if (tokens >= 1.0) {
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1.0 - tokens) / maxRate * 1e9));
    }

    /** Takes a send permit if max-rate allows one now. */
    public boolean tryAcquire() {
        if (nanosUntilPermit() > 0) {
            return false;
        }
        if (maxRate > 0) {
            tokens -= 1.0;
        }
        if (minRate > 0) {
            credit = Math.max(0, credit - 1.0);
        }
        return true;
    }

    /** True while the sends so far lag behind --min-rate: the next send must not wait for the window. */
    public boolean belowMinRate() {
        if (minRate == 0) {
            return false;
        }
        refill();
        return credit >= 1.0;
    }

    private void refill() {
        long now = clock.nanoTime();
        long dt = now - last;
        if (dt <= 0) {
            return;
        }
        last = now;
        double seconds = dt / 1e9;
        if (maxRate > 0) {
            tokens = Math.min(maxBurst, tokens + seconds * maxRate);
        }
        if (minRate > 0) {
            credit = Math.min(minCap, credit + seconds * minRate);
        }
    }
}
