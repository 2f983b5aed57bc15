package dev.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress bar on a real terminal (a pseudo-terminal from util-linux's {@code script}): it is drawn, and the
 * host reports, discoveries and warnings printed while it runs come out whole, with no trace of the bar left.
 */
class TerminalTest {
    private static final Path SCRIPT = Path.of("/usr/bin/script");

    @TempDir
    Path dir;

    @Test
    void theBarNeverGarblesWhatIsPrintedWhileItRuns() throws Exception {
        assumeTrue(Files.isExecutable(SCRIPT), "script (util-linux) is not installed: no pseudo-terminal test");
        try (Loopback target = Loopback.on("127.0.0.1", 1, 0)) {
            int open = target.open().getFirst();
            Path normal = dir.resolve("scan.nmap");
            // Ports in order around the open one, slowly enough that the bar is drawn many times.
            List<String> java = Cli.process("scan", "-v", "-r", "-n", "-Pn", "--scan-delay", "4ms",
                    "-p", (open - 150) + "-" + (open + 150), "-oN", normal.toString(), "nothere.test", "127.0.0.1")
                    .command();
            String command = "stty cols 100 rows 50; exec " + String.join(" ", java.stream().map(TerminalTest::quote)
                    .toList());
            Process p = new ProcessBuilder(SCRIPT.toString(), "-qfec", command, "/dev/null")
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true).start();
            CompletableFuture<String> raw = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            });
            try {
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the scan finished").isTrue();
            } finally {
                p.destroyForcibly();
            }
            String stream = raw.get(10, TimeUnit.SECONDS);
            assertThat(p.exitValue()).as(stream).isEqualTo(ExitCode.SOME_TARGETS_FAILED);

            assertThat(stream).as("the bar was drawn").contains("Scanning").contains("probes/s");
            List<String> screen = VirtualTerminal.render(stream).stream().filter(l -> !l.isEmpty()).toList();
            assertThat(screen).noneMatch(l -> l.contains("Scanning") || l.contains("probes/s"));
            // Other processes may listen in the range too: each discovery must be a whole line, ours among them.
            assertThat(screen).filteredOn(l -> l.contains("Discovered"))
                    .allMatch(l -> l.matches("Discovered open port \\d+/tcp on 127\\.0\\.0\\.1"))
                    .contains("Discovered open port " + open + "/tcp on 127.0.0.1");
            List<String> expected = new ArrayList<>();
            expected.add("Warning: Failed to resolve name \"nothere.test\"");
            Files.readAllLines(normal).stream().filter(l -> !l.startsWith("#") && !l.isEmpty())
                    .forEach(expected::add);
            assertThat(screen).filteredOn(l -> !l.startsWith("Starting Portolan") && !l.startsWith("Portolan done:")
                            && !l.startsWith("Discovered open port"))
                    .containsExactlyElementsOf(expected);
            assertThat(ReportsTest.tableStates(String.join("\n", screen) + "\n")).containsEntry(open, "open");
            assertThat(screen.getFirst()).startsWith("Warning: ");
            assertThat(screen.get(1)).startsWith("Starting Portolan ");
            assertThat(screen.getLast()).startsWith("Portolan done: 1 IP address (1 host up) scanned in ");
        }
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
