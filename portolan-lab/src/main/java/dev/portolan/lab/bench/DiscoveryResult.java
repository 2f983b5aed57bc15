package dev.portolan.lab.bench;

import java.util.List;
import java.util.OptionalDouble;

/** The discovery scenario on one path: nmap first, then Portolan, then fping when installed. */
record DiscoveryResult(String scenario, String path, List<DiscoveryRun> runs) {
    DiscoveryResult {
        runs = List.copyOf(runs);
    }

    /** {@code run}'s wall time over nmap's (the first run), when both finished. */
    OptionalDouble ratio(DiscoveryRun run) {
        DiscoveryRun nmap = runs.getFirst();
        return run != nmap && run.finished() && nmap.finished() && nmap.wall().toMillis() > 0
                ? OptionalDouble.of(run.wall().toMillis() / (double) nmap.wall().toMillis()) : OptionalDouble.empty();
    }
}
