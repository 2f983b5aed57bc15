package dev.portolan.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {

    @Test
    void tableHasOneRowPerToolAndTheRatioOnPortolansRow() {
        PathResult clean = new PathResult("connect", "clean",
                new ToolRun("nmap 7.93", ToolRun.Outcome.FINISHED, Duration.ofMillis(40_000), 36, 36, 0, ""),
                new ToolRun("Portolan", ToolRun.Outcome.FINISHED, Duration.ofMillis(5_000), 36, 36, 0, ""));
        PathResult lossy = new PathResult("connect", "2% loss each way",
                new ToolRun("nmap 7.93", ToolRun.Outcome.TIMED_OUT, Duration.ofMinutes(15), 0, 36, 0, ""),
                new ToolRun("Portolan", ToolRun.Outcome.FINISHED, Duration.ofMillis(6_250), 35, 36, 3, ""));
        assertThat(MarkdownReport.table(List.of(clean, lossy))).isEqualTo("""
                | scenario | path             | tool      | wall time          | open found / truth | all states correct | Portolan / nmap |
                | -------- | ---------------- | --------- | ------------------ | ------------------ | ------------------ | --------------- |
                | connect  | clean            | nmap 7.93 | 40.0 s             | 36 / 36            | yes                |                 |
                | connect  | clean            | Portolan  | 5.0 s              | 36 / 36            | yes                | 0.13            |
                | connect  | 2% loss each way | nmap 7.93 | timeout (> 15 min) | n/a                | n/a                |                 |
                | connect  | 2% loss each way | Portolan  | 6.3 s              | 35 / 36            | no (3 wrong)       | n/a             |
                """);
    }

    @Test
    void failuresShowTheirReasonAndPipesAreEscaped() {
        PathResult r = new PathResult("connect", "clean",
                new ToolRun("nmap", ToolRun.Outcome.FINISHED, Duration.ofSeconds(2), 1, 1, 0, ""),
                new ToolRun("Portolan", ToolRun.Outcome.FAILED, Duration.ZERO, 0, 1, 0, "exit 2: bad | option"));
        assertThat(MarkdownReport.table(List.of(r))).contains("| failed: exit 2: bad \\| option |")
                .contains("| n/a ");
    }
}
