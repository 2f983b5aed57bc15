package dev.portolan.lab.bench;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * How one tool did on one sweep range.
 *
 * @param tool the tool's label
 * @param range the range scanned ("198.18.0.0/15")
 * @param outcome whether it finished, timed out or failed
 * @param wall from start to exit, the JVM's start and masscan's final wait included
 * @param hostsFound addresses of the range reported open on the port
 * @param hostsTruth addresses in the range (all of them answer)
 * @param wrong hosts reported outside the range or on the port in another state
 * @param rate probes per second as the tool itself reports its sending
 * @param rateSource where {@code rate} comes from, for the report
 * @param peakRssKib peak resident memory of the process
 * @param heapAfterGcKib Portolan only: the most heap any collection left in use
 * @param detail why it failed, or a note
 */
public record SweepRun(String tool, String range, ToolRun.Outcome outcome, Duration wall, long hostsFound,
                       long hostsTruth, long wrong, OptionalDouble rate, String rateSource, OptionalLong peakRssKib,
                       OptionalLong heapAfterGcKib, String detail) {
    public SweepRun {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(wall, "wall");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(rateSource, "rateSource");
        Objects.requireNonNull(peakRssKib, "peakRssKib");
        Objects.requireNonNull(heapAfterGcKib, "heapAfterGcKib");
        Objects.requireNonNull(detail, "detail");
    }

    public boolean finished() {
        return outcome == ToolRun.Outcome.FINISHED;
    }

    static SweepRun failed(String tool, String range, long truth, ToolRun.Outcome outcome, Duration wall,
                           String detail) {
        return new SweepRun(tool, range, outcome, wall, 0, truth, 0, OptionalDouble.empty(), "", OptionalLong.empty(),
                OptionalLong.empty(), detail);
    }
}
