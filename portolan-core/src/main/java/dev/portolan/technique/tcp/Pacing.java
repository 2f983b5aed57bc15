package dev.portolan.technique.tcp;

import dev.portolan.engine.Clock;
import dev.portolan.engine.CongestionController;
import dev.portolan.engine.RateLimiter;
import dev.portolan.engine.RttEstimator;
import dev.portolan.engine.TimingTemplate;

/**
 * The pacing state one scan shares across its groups and phases: clock, timing knobs, the scan-wide window and
 * round-trip estimate, the rate limits, and the largest window any host may reach.
 */
record Pacing(Clock clock, TimingTemplate timing, CongestionController global, RttEstimator globalRtt,
              RateLimiter rate, int maxWindow) {

    /** Scan-wide window at the start; slow start opens it within a few round trips. */
    static final int GLOBAL_INITIAL_WINDOW = 64;
    /** Probes in flight when neither the user nor the descriptor limit says less. */
    static final int DEFAULT_MAX_PARALLELISM = 4096;

    static Pacing of(Clock clock, TimingTemplate timing, double minRate, double maxRate, int fdBudget) {
        int max = timing.maxParallelism() > 0 ? timing.maxParallelism() : DEFAULT_MAX_PARALLELISM;
        max = Math.max(1, Math.min(max, fdBudget));
        CongestionController global = CongestionController.of(clock, Math.min(GLOBAL_INITIAL_WINDOW, max), max);
        return new Pacing(clock, timing, global, RttEstimator.of(timing), RateLimiter.of(clock, minRate, maxRate),
                max);
    }
}
