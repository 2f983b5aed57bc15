package dev.portolan.lab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How one tool's process ended.
 *
 * @param outcome finished (whatever its exit code), timed out, or could not start
 * @param wall from start to exit (the timeout when it timed out)
 * @param exitCode its exit code, -1 when it did not finish
 * @param interrupted whether the harness had to interrupt it (masscan after its wait)
 * @param peakRssKib its peak resident memory, when /usr/bin/time measured it
 * @param stderr where its standard error went
 * @param detail why it could not start, or empty
 */
record Execution(ToolRun.Outcome outcome, Duration wall, int exitCode, boolean interrupted, OptionalLong peakRssKib,
                 Path stderr, String detail) {
    Execution {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(wall, "wall");
        Objects.requireNonNull(peakRssKib, "peakRssKib");
        Objects.requireNonNull(detail, "detail");
    }

    boolean finished() {
        return outcome == ToolRun.Outcome.FINISHED;
    }

    /** ": " and the first non-blank line of standard error, or empty. */
    String firstErrorLine() {
        try {
            List<String> lines = stderr == null || !Files.exists(stderr) ? List.of()
                    : Files.readAllLines(stderr).stream().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "" : ": " + lines.getFirst().strip();
        } catch (IOException e) {
            return "";
        }
    }

    String stderrText() {
        try {
            return stderr == null || !Files.exists(stderr) ? "" : Files.readString(stderr);
        } catch (IOException e) {
            return "";
        }
    }
}
