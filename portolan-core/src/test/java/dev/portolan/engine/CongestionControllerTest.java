package dev.portolan.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class CongestionControllerTest {
    private static final long MS = 1_000_000L;
    private static final double MAX = 1000;
    private static final double BASE_RTT_MS = 20;

    private final FakeClock clock = new FakeClock();
    private final Random random = new Random(2024);
    private final CongestionController cc = CongestionController.of(clock, 16, MAX);

    /** Per round trip: send a window of probes, answer each (dropped with the given chance), advance the clock. */
    private double[] run(int rounds, DoubleUnaryOperator lossOfWindow, DoubleUnaryOperator rttMsOfWindow) {
        double[] windows = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            int n = cc.limit();
            double loss = lossOfWindow.applyAsDouble(n);
            long rtt = (long) (rttMsOfWindow.applyAsDouble(n) * MS);
            clock.advanceNanos(rtt);
            for (int i = 0; i < n; i++) {
                boolean dropped = random.nextDouble() < loss;
                cc.onAnswer(dropped, dropped ? -1 : rtt);
            }
            windows[r] = cc.window();
        }
        return windows;
    }

    /** A bottleneck carrying 200 probes per round trip: the excess is dropped and queues add delay. */
    private static double bottleneckLoss(double w) {
        return 0.02 + (w > 200 ? (w - 200) / w : 0);
    }

    private static double bottleneckRtt(double w) {
        return BASE_RTT_MS * (1 + (w > 200 ? 4 * (w - 200) / 200 : 0));
    }

    @Test
    void steadyRandomLossDoesNotShrinkTheWindow() {
        double[] w = run(400, x -> 0.02, x -> BASE_RTT_MS);
        assertThat(cc.cuts()).isZero();
        assertThat(w[w.length - 1]).isEqualTo(MAX);
        assertThat(cc.recentLoss()).isBetween(0.0, 0.06);
        // 2 % is below the 8-point margin: not even a test cut was needed
        assertThat(cc.lossFloor()).isZero();
    }

    @Test
    void heavySteadyRandomLossDoesNotShrinkTheWindowEither() {
        double[] w = run(400, x -> 0.10, x -> BASE_RTT_MS);
        // at most the one test early on: a cut whose lower rate showed the same loss, undone
        assertThat(cc.cuts()).isEqualTo(cc.undone());
        assertThat(cc.cuts()).isLessThanOrEqualTo(2);
        assertThat(w[w.length - 1]).isEqualTo(MAX);
        assertThat(cc.lossFloor()).isBetween(0.06, 0.14);
    }

    @Test
    void randomLossStartingMidScanCostsOneUndoneCut() {
        run(200, x -> 0, x -> BASE_RTT_MS);
        assertThat(cc.window()).isEqualTo(MAX);
        double[] w = run(300, x -> 0.10, x -> BASE_RTT_MS);
        double min = MAX;
        for (double x : w) {
            min = Math.min(min, x);
        }
        assertThat(min).isGreaterThanOrEqualTo(MAX / 2);
        assertThat(w[w.length - 1]).isEqualTo(MAX);
        assertThat(cc.cuts()).isEqualTo(1);
        assertThat(cc.undone()).isEqualTo(1);
    }

    @Test
    void lossRisingWithTheRateAndInflatingRttShrinkTheWindow() {
        double[] w = run(600, CongestionControllerTest::bottleneckLoss, CongestionControllerTest::bottleneckRtt);
        assertThat(cc.cuts()).isGreaterThanOrEqualTo(3);
        double sum = 0;
        double max = 0;
        for (int r = 200; r < w.length; r++) {
            sum += w[r];
            max = Math.max(max, w[r]);
        }
        // it hovers around the bottleneck instead of running to the maximum
        assertThat(sum / (w.length - 200)).isBetween(100.0, 260.0);
        assertThat(max).isLessThan(320);
    }

    @Test
    void rttInflationAloneIsCongestion() {
        run(100, x -> 0, x -> BASE_RTT_MS);
        double before = cc.window();
        run(10, x -> 0, x -> BASE_RTT_MS * 5);
        assertThat(cc.cuts()).isGreaterThanOrEqualTo(1);
        assertThat(cc.window()).isLessThanOrEqualTo(before / 2);
    }

    @Test
    void recoversOnceThePathIsClear() {
        run(400, CongestionControllerTest::bottleneckLoss, CongestionControllerTest::bottleneckRtt);
        double congested = cc.window();
        long cuts = cc.cuts();
        assertThat(congested).isLessThan(320);
        double[] w = run(600, x -> 0.02, x -> BASE_RTT_MS);
        assertThat(w[w.length - 1]).isGreaterThan(congested + 400);
        // clean rounds bring no cut beyond a trailing one as the queue drains
        assertThat(cc.cuts()).isLessThanOrEqualTo(cuts + 1);
    }

    @Test
    void unansweredProbesNeverShrinkTheWindow() {
        run(20, x -> 0, x -> BASE_RTT_MS);
        double before = cc.window();
        for (int i = 0; i < 1000; i++) {
            cc.onUnanswered();
        }
        assertThat(cc.window()).isGreaterThanOrEqualTo(before);
        assertThat(cc.cuts()).isZero();
        assertThat(cc.recentLoss()).isZero();
    }

    @Test
    void slowStartThenCongestionAvoidance() {
        CongestionController c = CongestionController.of(clock, 2, 100);
        assertThat(c.inSlowStart()).isTrue();
        c.onAnswer(false, 10 * MS);
        c.onAnswer(false, 10 * MS);
        assertThat(c.window()).isEqualTo(4.0);
        assertThat(c.limit()).isEqualTo(4);
        for (int i = 0; i < 500; i++) {
            c.onAnswer(false, 10 * MS);
        }
        assertThat(c.window()).isEqualTo(100.0);
        // a dropped answer alone neither grows nor cuts
        c.onAnswer(true, -1);
        assertThat(c.window()).isEqualTo(100.0);
    }

    @Test
    void rejectsBadWindows() {
        assertThatThrownBy(() -> CongestionController.of(clock, 0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CongestionController.of(clock, 20, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("windows need 1 <= initial <= max, got initial 20.0 max 10.0");
    }
}
