package dev.portolan.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final FakeClock clock = new FakeClock();

    @Test
    void unlimitedAlwaysPermits() {
        RateLimiter r = RateLimiter.unlimited(clock);
        for (int i = 0; i < 10_000; i++) {
            assertThat(r.tryAcquire()).isTrue();
        }
        assertThat(r.belowMinRate()).isFalse();
        assertThat(r.nanosUntilPermit()).isZero();
    }

    @Test
    void maxRateHoldsTheAverageOverTime() {
        RateLimiter r = RateLimiter.of(clock, 0, 1000);
        int sent = 0;
        // two simulated seconds in 100 µs steps, sending whenever allowed
        for (int step = 0; step < 20_000; step++) {
            while (r.tryAcquire()) {
                sent++;
            }
            clock.advanceNanos(100_000);
        }
        // 1000/s for 2 s, plus at most the starting token and one burst
        assertThat(sent).isBetween(1990, 2011);
    }

    @Test
    void saysHowLongUntilTheNextPermit() {
        RateLimiter r = RateLimiter.of(clock, 0, 100);
        assertThat(r.tryAcquire()).isTrue();
        assertThat(r.tryAcquire()).isFalse();
        assertThat(r.nanosUntilPermit()).isEqualTo(10_000_000L);
        clock.advanceMillis(4);
        assertThat(r.nanosUntilPermit()).isBetween(5_999_999L, 6_000_001L);
        clock.advanceMillis(6);
        assertThat(r.tryAcquire()).isTrue();
    }

    @Test
    void burstIsBoundedAfterALongPause() {
        RateLimiter r = RateLimiter.of(clock, 0, 10_000);
        clock.advanceMillis(60_000);
        int burst = 0;
        while (r.tryAcquire()) {
            burst++;
        }
        assertThat(burst).isEqualTo(100);
    }

    @Test
    void minRateAsksForSendsWhenBehind() {
        RateLimiter r = RateLimiter.of(clock, 100, 0);
        assertThat(r.belowMinRate()).isFalse();
        clock.advanceMillis(11);
        assertThat(r.belowMinRate()).isTrue();
        r.tryAcquire();
        assertThat(r.belowMinRate()).isFalse();
        // after a long stall the credit is capped at 100 ms worth (10 sends), not a flood
        clock.advanceMillis(5_000);
        int owed = 0;
        while (r.belowMinRate()) {
            r.tryAcquire();
            owed++;
        }
        assertThat(owed).isEqualTo(10);
    }

    @Test
    void rejectsBadRates() {
        assertThatThrownBy(() -> RateLimiter.of(clock, -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateLimiter.of(clock, 10, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("min rate 10.0 is above max rate 5.0");
        assertThatThrownBy(() -> RateLimiter.of(clock, Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
