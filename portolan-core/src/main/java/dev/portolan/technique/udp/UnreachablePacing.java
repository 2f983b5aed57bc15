package dev.portolan.technique.udp;

/**
 * One target's ICMP rate limit as the scan sees it. Linux answers about one port-unreachable per second per
 * source, so once a host has shown closed ports and then fallen silent, probes to it go one credit at a time:
 * a credit comes back each interval, and a probe that drew no unreachable (silent, or answered with data) gives
 * its credit back. A probe sent with a credit and left unanswered is real silence; one sent without is not.
 */
final class UnreachablePacing {
    /** Linux's net.ipv4.icmp_ratelimit default. */
    static final long DEFAULT_INTERVAL_NANOS = 1_000_000_000L;
    static final long MAX_INTERVAL_NANOS = 4_000_000_000L;
    /** Margin over the interval, against the two clocks drifting apart. */
    static final double MARGIN = 1.05;

    private boolean limited;
    private long interval = (long) (DEFAULT_INTERVAL_NANOS * MARGIN);
    private double credits;
    private long refilledAt;

    /** True once the host was seen limiting its unreachables. */
    boolean limited() {
        return limited;
    }

    /** The host limits its unreachables: from now on probes go only with a credit, the first after an interval. */
    void limit(long now) {
        if (!limited) {
            limited = true;
            credits = 0;
            refilledAt = now;
        }
    }

    /** True when a probe may go now: always while the host is not limited, else with a credit. */
    boolean maySend(long now) {
        if (!limited) {
            return true;
        }
        refill(now);
        return credits >= 1;
    }

    /** A probe went with a credit. */
    void spend(long now) {
        refill(now);
        credits = Math.max(0, credits - 1);
    }

    /** A credited probe drew no unreachable (silent or answered with data): its credit comes back. */
    void giveBack(long now) {
        refill(now);
        credits = Math.min(1, credits + 1);
    }

    /** A port that was silent under a credit answered closed later: the limit is slower than we thought. */
    void slower() {
        interval = Math.min(MAX_INTERVAL_NANOS, interval * 3 / 2);
    }

    /**
     * A credited probe drew its unreachable at the first try: the interval comes a quarter of the way back to the
     * default, so one miss on the kernel's timer jitter does not slow the rest of the scan for good.
     */
    void faster() {
        long base = (long) (DEFAULT_INTERVAL_NANOS * MARGIN);
        interval = Math.max(base, interval - (interval - base) / 4);
    }

    long intervalNanos() {
        return interval;
    }

    /** Nanoseconds until the next credit (0 when one is there or the host is not limited). */
    long nanosUntilCredit(long now) {
        if (!limited) {
            return 0;
        }
        refill(now);
        return credits >= 1 ? 0 : (long) ((1 - credits) * interval);
    }

    private void refill(long now) {
        if (now > refilledAt) {
            credits = Math.min(1, credits + (double) (now - refilledAt) / interval);
            refilledAt = now;
        }
    }
}
