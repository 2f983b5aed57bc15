package dev.portolan.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
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
                | scenario | path             | tool      | wall time          | open found / truth | all states correct | wall / nmap's |
                | -------- | ---------------- | --------- | ------------------ | ------------------ | ------------------ | ------------- |
                | connect  | clean            | nmap 7.93 | 40.0 s             | 36 / 36            | yes                |               |
                | connect  | clean            | Portolan  | 5.0 s              | 36 / 36            | yes                | 0.13          |
                | connect  | 2% loss each way | nmap 7.93 | timeout (> 15 min) | n/a                | n/a                |               |
                | connect  | 2% loss each way | Portolan  | 6.3 s              | 35 / 36            | no (3 wrong)       | n/a           |
                """);
    }

    @Test
    void theServiceTableCountsNamesAndVersionsAndPutsTheRatioOnPortolansRow() {
        ServiceResult r = new ServiceResult("service", "clean",
                new ServiceRun("nmap -sV", ToolRun.Outcome.FINISHED, Duration.ofMillis(12_500), 11, 8, 11, 11, ""),
                new ServiceRun("Portolan -sV", ToolRun.Outcome.FINISHED, Duration.ofMillis(3_300), 11, 9, 11, 11, ""));
        String table = MarkdownReport.tables(new BenchResults(List.of(), List.of(), List.of(r)));
        assertThat(table.lines().toList()).hasSize(4);
        assertThat(table).contains("| nmap -sV     | 12.5 s    | 11 / 11").contains("| 9 / 11 ")
                .contains("| 0.26 ");
    }

    @Test
    void theUdpTableGradesStatesAndPutsEachPortolanRowsRatioAgainstNmap() {
        UdpResult r = new UdpResult("udp", "clean", List.of(
                new UdpRun("nmap -sU -T4", ToolRun.Outcome.FINISHED, Duration.ofSeconds(160), 159, 4, 4, 200, ""),
                new UdpRun("Portolan -sU", ToolRun.Outcome.FINISHED, Duration.ofSeconds(200), 200, 4, 4, 200, ""),
                new UdpRun("Portolan -sU -S (8 sources)", ToolRun.Outcome.FINISHED, Duration.ofSeconds(24), 200, 4,
                        4, 200, ""),
                UdpRun.failed("Portolan -sU --defeat-icmp-ratelimit", ToolRun.Outcome.FAILED, Duration.ZERO, 4, 200,
                        "exit 2")));
        String table = MarkdownReport.tables(new BenchResults(List.of(), List.of(), List.of(), List.of(),
                List.of(r)));
        assertThat(table.lines().toList()).hasSize(6);
        assertThat(table).contains("| 159 / 200 ").contains("| 1.25 ").contains("| 0.15 ")
                .contains("| failed: exit 2 ");
    }

    @Test
    void failuresShowTheirReasonAndPipesAreEscaped() {
        PathResult r = new PathResult("connect", "clean",
                new ToolRun("nmap", ToolRun.Outcome.FINISHED, Duration.ofSeconds(2), 1, 1, 0, ""),
                new ToolRun("Portolan", ToolRun.Outcome.FAILED, Duration.ZERO, 0, 1, 0, "exit 2: bad | option"));
        assertThat(MarkdownReport.table(List.of(r))).contains("| failed: exit 2: bad \\| option |")
                .contains("| n/a ");
    }

    @Test
    void masscanRowsHaveTheirRatioAndNoStateVerdict() {
        PathResult r = new PathResult("syn", "clean",
                new ToolRun("nmap 7.93", ToolRun.Outcome.FINISHED, Duration.ofSeconds(10), 36, 36, 0, ""),
                new ToolRun("Portolan", ToolRun.Outcome.FINISHED, Duration.ofSeconds(2), 36, 36, 0, ""),
                Optional.of(new ToolRun("masscan 1.3.2 --rate 50000", ToolRun.Outcome.FINISHED, Duration.ofSeconds(5),
                        30, 36, 2, "", false)));
        String table = MarkdownReport.table(List.of(r));
        assertThat(table).contains("| masscan 1.3.2 --rate 50000 | 5.0 s     | 30 / 36            |"
                + " n/a (lists open ports only; 2 false) | 0.50          |");
        assertThat(table.lines()).hasSize(5);
    }

    @Test
    void sweepTableShowsRatesHostsAndMemory() {
        SweepRun portolan = new SweepRun("Portolan", "198.18.0.0/15", ToolRun.Outcome.FINISHED, Duration.ofMillis(2800),
                131_072, 131_072, 0, OptionalDouble.of(52_012.4), "its JSON summary", OptionalLong.of(204_800),
                OptionalLong.of(8 * 1024), "");
        SweepRun masscan = new SweepRun("masscan 1.3.2 --rate 52012", "198.18.0.0/15", ToolRun.Outcome.FINISHED,
                Duration.ofMillis(13_400), 94_554, 131_072, 0, OptionalDouble.of(51_780), "status line",
                OptionalLong.of(45_196), OptionalLong.empty(), "");
        SweepRun nmap = SweepRun.failed("nmap 7.93", "198.18.0.0/15", 131_072, ToolRun.Outcome.TIMED_OUT,
                Duration.ofMinutes(15), "");
        String table = MarkdownReport.tables(new BenchResults(List.of(),
                List.of(new SweepResult("sweep", "clean", List.of(portolan, masscan, nmap)))));
        assertThat(table).isEqualTo("""
                | scenario | path  | range         | tool                       | wall time          | probes/s (own figure) | hosts found / truth | peak RSS | heap after GC (max) |
                | -------- | ----- | ------------- | -------------------------- | ------------------ | --------------------- | ------------------- | -------- | ------------------- |
                | sweep    | clean | 198.18.0.0/15 | Portolan                   | 2.8 s              | 52,012                | 131072 / 131072     | 200 MiB  | 8 MiB               |
                | sweep    | clean | 198.18.0.0/15 | masscan 1.3.2 --rate 52012 | 13.4 s             | 51,780                | 94554 / 131072      | 44 MiB   | n/a                 |
                | sweep    | clean | 198.18.0.0/15 | nmap 7.93                  | timeout (> 15 min) | n/a                   | n/a                 | n/a      | n/a                 |
                """);
    }
}
