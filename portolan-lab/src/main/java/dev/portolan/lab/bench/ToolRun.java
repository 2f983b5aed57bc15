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
 * @param reportsAllStates false for a tool that lists open ports only (masscan): its wrong states are not counted
 */
public record ToolRun(String tool, Outcome outcome, Duration wall, int openFound, int openTruth, int wrongStates,
                      String detail, boolean reportsAllStates) {
    /** How a run ended. */
    public enum Outcome { FINISHED, TIMED_OUT, FAILED }

    public ToolRun {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(wall, "wall");
        Objects.requireNonNull(detail, "detail");
    }

    /** A run of a tool that reports every port's state. */
    public ToolRun(String tool, Outcome outcome, Duration wall, int openFound, int openTruth, int wrongStates,
                   String detail) {
        this(tool, outcome, wall, openFound, openTruth, wrongStates, detail, true);
    }

    public boolean finished() {
        return outcome == Outcome.FINISHED;
    }

    /**
     * Several runs of one tool as one: the median wall time, the fewest open ports found and the most wrong
     * states of any run; the first run that did not finish, if one did not.
     */
    public static ToolRun combine(java.util.List<ToolRun> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs to combine");
        }
        for (ToolRun r : runs) {
            if (!r.finished()) {
                return r;
            }
        }
        java.util.List<Duration> walls = runs.stream().map(ToolRun::wall).sorted().toList();
        int open = runs.stream().mapToInt(ToolRun::openFound).min().orElseThrow();
        int wrong = runs.stream().mapToInt(ToolRun::wrongStates).max().orElseThrow();
        ToolRun first = runs.getFirst();
        String detail = runs.size() == 1 ? first.detail() : medianDetail(walls);
        return new ToolRun(first.tool(), Outcome.FINISHED, median(walls), open, first.openTruth(), wrong, detail,
                first.reportsAllStates());
    }

    /** The median of {@code sorted} wall times (the mean of the middle two for an even count). */
    static Duration median(java.util.List<Duration> sorted) {
        return sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : sorted.get(sorted.size() / 2 - 1).plus(sorted.get(sorted.size() / 2)).dividedBy(2);
    }

    /** "median of N runs: a b c s", the {@code sorted} wall times in seconds. */
    static String medianDetail(java.util.List<Duration> sorted) {
        return "median of " + sorted.size() + " runs: " + sorted.stream()
                .map(w -> String.format(java.util.Locale.ROOT, "%.2f", w.toNanos() / 1e9))
                .collect(java.util.stream.Collectors.joining(" ")) + " s";
    }

    public boolean allCorrect() {
        return finished() && reportsAllStates && wrongStates == 0;
    }
}
