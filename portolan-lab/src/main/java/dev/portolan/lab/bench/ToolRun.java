package dev.portolan.lab.bench;

import java.time.Duration;
import java.util.Objects;

/**
 * How one tool did on one path.
 *
 * @param tool the tool's label ("nmap 7.93", "Portolan")
 * @param outcome whether it finished, timed out or failed
 * @param wall wall-clock time from start to exit (the timeout when it timed out)
 * @param openFound truly open ports it reported open
 * @param openTruth truly open ports
 * @param wrongStates scanned ports whose reported state is not the true one (missing ones included)
 * @param detail why it failed, or empty
 */
public record ToolRun(String tool, Outcome outcome, Duration wall, int openFound, int openTruth, int wrongStates,
                      String detail) {
    /** How a run ended. */
    public enum Outcome { FINISHED, TIMED_OUT, FAILED }

    public ToolRun {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(wall, "wall");
        Objects.requireNonNull(detail, "detail");
    }

    public boolean finished() {
        return outcome == Outcome.FINISHED;
    }

    public boolean allCorrect() {
        return finished() && wrongStates == 0;
    }
}
