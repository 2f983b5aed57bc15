package dev.portolan.lab.bench;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Both tools on one scenario and one path.
 *
 * @param scenario the scenario's name
 * @param path "clean" or "2% loss each way"
 * @param nmap nmap's run
 * @param portolan Portolan's run (or its stand-in's)
 */
public record PathResult(String scenario, String path, ToolRun nmap, ToolRun portolan) {
    public PathResult {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(nmap, "nmap");
        Objects.requireNonNull(portolan, "portolan");
    }

    /** Portolan's wall time over nmap's, when both finished. */
    public OptionalDouble ratio() {
        if (!nmap.finished() || !portolan.finished() || nmap.wall().isZero()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((double) portolan.wall().toNanos() / nmap.wall().toNanos());
    }
}
