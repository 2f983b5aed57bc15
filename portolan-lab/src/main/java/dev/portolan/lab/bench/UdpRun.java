package dev.portolan.lab.bench;

import java.time.Duration;
import java.util.Objects;

/**
 * One tool's UDP run on a UDP scenario.
 *
 * @param tool its label
 * @param outcome finished, timed out or failed
 * @param wall from start to exit
 * @param right ports whose state is the truth
 * @param openFound open ports reported open
 * @param openTruth open ports in the truth
 * @param total ports scanned
 * @param detail why it failed, or empty
 */
record UdpRun(String tool, ToolRun.Outcome outcome, Duration wall, int right, int openFound, int openTruth, int total,
              String detail) {
    UdpRun {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(wall, "wall");
        Objects.requireNonNull(detail, "detail");
    }

    static UdpRun failed(String tool, ToolRun.Outcome outcome, Duration wall, int openTruth, int total,
                         String detail) {
        return new UdpRun(tool, outcome, wall, 0, 0, openTruth, total, detail);
    }

    boolean finished() {
        return outcome == ToolRun.Outcome.FINISHED;
    }
}
