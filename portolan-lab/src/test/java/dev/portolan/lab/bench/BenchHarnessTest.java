package dev.portolan.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portolan.lab.Lab;
import dev.portolan.lab.Shell;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole harness on the small scenario, with nmap standing in for Portolan until the CLI exists. */
class BenchHarnessTest {
    @TempDir
    Path out;

    @Test
    void nmapStandingInForPortolanGetsEveryStateRight() throws Exception {
        String why = Lab.unavailableReason().orElse("");
        assumeTrue(why.isEmpty(), "bench harness test skipped: " + why);
        assumeTrue(Shell.onPath("nmap"), "bench harness test skipped: nmap is not installed");
        BenchOptions options = BenchOptions.parse(List.of("--nmap-as-portolan", "--paths", "clean",
                "--out", out.toString(), "connect-small"), Path.of("."), null);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        BenchResults all = new Bench(options, new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        assertThat(all.sweeps()).isEmpty();
        List<PathResult> results = all.scans();

        assertThat(results).hasSize(1);
        PathResult r = results.getFirst();
        assertThat(r.path()).isEqualTo("clean");
        for (ToolRun run : List.of(r.nmap(), r.portolan())) {
            assertThat(run.outcome()).as(run.tool() + " " + run.detail()).isEqualTo(ToolRun.Outcome.FINISHED);
            assertThat(run.openFound()).isEqualTo(7);
            assertThat(run.openTruth()).isEqualTo(7);
            assertThat(run.wrongStates()).isZero();
        }
        assertThat(r.portolan().tool()).isEqualTo("nmap as Portolan (stand-in)");
        assertThat(r.ratio()).isPresent();
        assertThat(out.resolve("connect-small-clean-nmap.xml")).exists();
        assertThat(out.resolve("connect-small-clean-portolan.xml")).exists();
        assertThat(MarkdownReport.table(results)).contains("| connect-small | clean | nmap as Portolan (stand-in) |");
    }
}
