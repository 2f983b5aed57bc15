package dev.portolan.lab.bench;

import java.time.Duration;
import java.util.Objects;

/**
 * One tool's -sV run on a service scenario.
 *
 * @param tool its label
 * @param outcome finished, timed out or failed
 * @param wall from start to exit
 * @param named services named as the truth says (with the TLS tunnel)
 * @param versioned services whose reported version contains the installed one
 * @param versionsTelling services that carry a version at all in the truth
 * @param total services scanned
 * @param detail why it failed, or empty
 */
record ServiceRun(String tool, ToolRun.Outcome outcome, Duration wall, int named, int versioned, int versionsTelling,
                  int total, String detail) {
    ServiceRun {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(wall, "wall");
        Objects.requireNonNull(detail, "detail");
    }

    static ServiceRun failed(String tool, ToolRun.Outcome outcome, Duration wall, int total, String detail) {
        return new ServiceRun(tool, outcome, wall, 0, 0, 0, total, detail);
    }

    boolean finished() {
        return outcome == ToolRun.Outcome.FINISHED;
    }
}
