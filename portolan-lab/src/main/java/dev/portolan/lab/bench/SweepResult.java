package dev.portolan.lab.bench;

import java.util.List;
import java.util.Objects;

/**
 * Every tool on every range of one sweep scenario and one path.
 *
 * @param scenario the scenario's name
 * @param path "clean" or "2% loss each way"
 * @param runs one per tool and range, ranges in the scenario's order
 */
public record SweepResult(String scenario, String path, List<SweepRun> runs) {
    public SweepResult {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(path, "path");
        runs = List.copyOf(runs);
    }
}
