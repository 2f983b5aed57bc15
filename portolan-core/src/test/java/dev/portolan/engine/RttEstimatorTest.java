package dev.portolan.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portolan.result.HostTimes;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RttEstimatorTest {
    private static final long MS = 1_000_000L;

    private final RttEstimator rtt = RttEstimator.of(Duration.ofSeconds(1), Duration.ofMillis(100),
            Duration.ofSeconds(10));

    @Test
    void usesTheInitialTimeoutUntilTheFirstSample() {
        assertThat(rtt.hasSample()).isFalse();
        assertThat(rtt.timeoutNanos()).isEqualTo(1000 * MS);
        assertThat(rtt.hostTimes()).isEmpty();
    }

    @Test
    void followsRfc6298() {
        rtt.sample(200 * MS, false);
        assertThat(rtt.srttNanos()).isEqualTo(200 * MS);
        assertThat(rtt.rttvarNanos()).isEqualTo(100 * MS);
        assertThat(rtt.timeoutNanos()).isEqualTo(600 * MS);
        rtt.sample(280 * MS, false);
        // rttvar = 3/4 * 100 + 1/4 * |200 - 280| = 95; srtt = 7/8 * 200 + 1/8 * 280 = 210
        assertThat(rtt.rttvarNanos()).isEqualTo(95 * MS);
        assertThat(rtt.srttNanos()).isEqualTo(210 * MS);
        assertThat(rtt.timeoutNanos()).isEqualTo(590 * MS);
        assertThat(rtt.hostTimes()).contains(new HostTimes(210_000, 95_000, 590_000));
    }

    @Test
    void clampsToMinAndMax() {
        rtt.sample(1 * MS, false);
        assertThat(rtt.timeoutNanos()).isEqualTo(100 * MS);
        RttEstimator slow = RttEstimator.of(Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(2));
        slow.sample(3000 * MS, false);
        assertThat(slow.timeoutNanos()).isEqualTo(2000 * MS);
    }

    @Test
    void ignoresRetransmittedProbes() {
        rtt.sample(50 * MS, false);
        rtt.sample(5000 * MS, true);
        assertThat(rtt.sampleCount()).isEqualTo(1);
        assertThat(rtt.srttNanos()).isEqualTo(50 * MS);
    }

    @Test
    void takesItsBoundsFromATemplate() {
        RttEstimator t4 = RttEstimator.of(TimingTemplate.AGGRESSIVE);
        assertThat(t4.timeoutNanos()).isEqualTo(500 * MS);
        t4.sample(1 * MS, false);
        assertThat(t4.timeoutNanos()).isEqualTo(100 * MS);
    }

    @Test
    void rejectsInconsistentBounds() {
        assertThatThrownBy(() -> RttEstimator.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min");
        assertThatThrownBy(() -> RttEstimator.of(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initial");
    }

    @Test
    void oneSampleWithoutAnEstimatorGivesWhatAnEstimatorWould() {
        for (int level = 0; level <= 5; level++) {
            TimingTemplate timing = TimingTemplate.of(level);
            for (long sample : new long[] {0, 1, 999, 55_000, 1 * MS, 37 * MS, 400 * MS, 20_000 * MS}) {
                RttEstimator e = RttEstimator.of(timing);
                e.sample(sample, false);
                assertThat(RttEstimator.afterOneSample(timing, sample)).as(timing + " " + sample)
                        .isEqualTo(e.hostTimes());
            }
            assertThat(RttEstimator.afterOneSample(timing, -1)).isEmpty();
        }
    }
}
