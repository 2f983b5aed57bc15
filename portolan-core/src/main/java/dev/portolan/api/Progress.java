package dev.portolan.api;

/**
 * A snapshot of how far a scan is.
 *
 * @param done port probes with a final answer (retries count once)
 * @param total port probes the whole scan needs
 * @param hostsDone hosts finished
 * @param hostsTotal hosts in the scan
 * @param probesPerSecond send rate over the last second
 * @param elapsedNanos time since the scan started
 */
public record Progress(long done, long total, long hostsDone, long hostsTotal, double probesPerSecond,
                       long elapsedNanos) {

    /** 0.0 to 1.0. */
    public double fraction() {
        return total == 0 ? 1.0 : Math.min(1.0, (double) done / total);
    }
}
