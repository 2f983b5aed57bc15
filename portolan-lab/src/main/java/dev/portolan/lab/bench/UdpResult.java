package dev.portolan.lab.bench;

import java.util.List;
import java.util.OptionalDouble;

/** The UDP scenario on one path: nmap's run first, then Portolan's. */
record UdpResult(String scenario, String path, List<UdpRun> runs) {
    UdpResult {
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a UDP result needs nmap's run first");
        }
    }

    UdpRun nmap() {
        return runs.getFirst();
    }

    /** {@code run}'s wall time over nmap's, when both finished. */
    OptionalDouble ratio(UdpRun run) {
        UdpRun nmap = nmap();
        return run != nmap && nmap.finished() && run.finished() && nmap.wall().toMillis() > 0
                ? OptionalDouble.of(run.wall().toMillis() / (double) nmap.wall().toMillis())
                : OptionalDouble.empty();
    }
}
