package dev.portolan.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolRunTest {

    private static ToolRun run(double seconds, int open, int wrong) {
        return new ToolRun("t", ToolRun.Outcome.FINISHED, Duration.ofMillis((long) (seconds * 1000)), open, 36, wrong,
                "");
    }

    @Test
    void combinesToTheMedianAndTheWorstAccuracy() {
        ToolRun c = ToolRun.combine(List.of(run(3.0, 36, 0), run(1.0, 35, 2), run(2.0, 36, 1)));

        assertThat(c.wall()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.openFound()).isEqualTo(35);
        assertThat(c.wrongStates()).isEqualTo(2);
        assertThat(c.detail()).isEqualTo("median of 3 runs: 1.00 2.00 3.00 s");
    }

    @Test
    void evenCountsAverageTheMiddleTwo() {
        assertThat(ToolRun.combine(List.of(run(1.0, 36, 0), run(4.0, 36, 0), run(2.0, 36, 0), run(3.0, 36, 0)))
                .wall()).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void aRunThatDidNotFinishWins() {
        ToolRun failed = new ToolRun("t", ToolRun.Outcome.TIMED_OUT, Duration.ofMinutes(15), 0, 36, 0, "timeout");

        assertThat(ToolRun.combine(List.of(run(1.0, 36, 0), failed))).isSameAs(failed);
    }

    @Test
    void oneRunStaysAsItIs() {
        ToolRun one = run(1.5, 36, 0);

        assertThat(ToolRun.combine(List.of(one))).isEqualTo(one);
    }
}
