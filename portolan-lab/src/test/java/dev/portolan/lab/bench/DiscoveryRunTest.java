package dev.portolan.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiscoveryRunTest {

    private static DiscoveryRun run(double seconds, long found) {
        return new DiscoveryRun("Portolan discover", ToolRun.Outcome.FINISHED,
                Duration.ofMillis(Math.round(seconds * 1000)), found, 65536, "");
    }

    @Test
    void repeatedRunsCombineToTheMedianWallAndTheFewestFound() {
        DiscoveryRun c = DiscoveryRun.combine(List.of(run(1.3, 65536), run(0.9, 65530), run(1.1, 65536)));
        assertThat(c.wall()).isEqualTo(Duration.ofMillis(1100));
        assertThat(c.found()).isEqualTo(65530);
        assertThat(c.truth()).isEqualTo(65536);
        assertThat(c.detail()).isEqualTo("median of 3 runs: 0.90 1.10 1.30 s");
    }

    @Test
    void oneRunStaysAsItWasAndAnUnfinishedOneWins() {
        DiscoveryRun one = run(1.0, 65536);
        assertThat(DiscoveryRun.combine(List.of(one))).isSameAs(one);
        DiscoveryRun late = new DiscoveryRun("nmap -sn", ToolRun.Outcome.TIMED_OUT, Duration.ofMinutes(15), 0, 65536,
                "timed out");
        assertThat(DiscoveryRun.combine(List.of(run(1.0, 65536), late))).isSameAs(late);
    }
}
