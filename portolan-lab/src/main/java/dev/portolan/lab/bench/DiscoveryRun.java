package dev.portolan.lab.bench;

import java.time.Duration;
import java.util.List;
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

    /** One tool's repeated runs as one: the first that did not finish, else the median wall and the fewest found. */
    static DiscoveryRun combine(List<DiscoveryRun> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs to combine");
        }
        for (DiscoveryRun r : runs) {
            if (!r.finished()) {
                return r;
            }
        }
        DiscoveryRun first = runs.getFirst();
        if (runs.size() == 1) {
            return first;
        }
        List<Duration> walls = runs.stream().map(DiscoveryRun::wall).sorted().toList();
        long found = runs.stream().mapToLong(DiscoveryRun::found).min().orElseThrow();
        return new DiscoveryRun(first.tool(), ToolRun.Outcome.FINISHED, ToolRun.median(walls), found, first.truth(),
                ToolRun.medianDetail(walls));
    }
}
