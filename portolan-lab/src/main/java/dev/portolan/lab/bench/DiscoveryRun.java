package dev.portolan.lab.bench;

import java.time.Duration;
import java.util.Objects;

/** One tool's sweep: how it ended, its wall time, and live hosts found out of the truth. */
record DiscoveryRun(String tool, ToolRun.Outcome outcome, Duration wall, long found, long truth, String detail) {
    DiscoveryRun {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(wall, "wall");
        Objects.requireNonNull(detail, "detail");
    }

    boolean finished() {
        return outcome == ToolRun.Outcome.FINISHED;
    }
}
