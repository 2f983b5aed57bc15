package dev.portolan.lab.bench;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Both tools on one scenario and one path.
 *
 * @param scenario the scenario's name
 * @param path "clean" or "2% loss each way"
 * @param nmap nmap's run
 * @param portolan Portolan's run (or its stand-in's)
 * @param masscan masscan's run at Portolan's rate, when the scenario has one and masscan is installed
 */
public record PathResult(String scenario, String path, ToolRun nmap, ToolRun portolan, Optional<ToolRun> masscan) {
    public PathResult {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(nmap, "nmap");
        Objects.requireNonNull(portolan, "portolan");
        Objects.requireNonNull(masscan, "masscan");
    }

    /** nmap and Portolan only. */
    public PathResult(String scenario, String path, ToolRun nmap, ToolRun portolan) {
        this(scenario, path, nmap, portolan, Optional.empty());
    }

    /** Portolan's wall time over nmap's, when both finished. */
    public OptionalDouble ratio() {
        return ratio(portolan);
    }

    /** {@code run}'s wall time over nmap's, when both finished. */
    public OptionalDouble ratio(ToolRun run) {
        if (!nmap.finished() || !run.finished() || nmap.wall().isZero()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((double) run.wall().toNanos() / nmap.wall().toNanos());
    }
}
