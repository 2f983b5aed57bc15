package dev.portolan.api;

import dev.portolan.result.HostResult;
import dev.portolan.result.ScanMeta;
import dev.portolan.result.ScanSummary;
import java.util.List;

/**
 * A whole scan held in memory: for library users with small scans. Large scans stream through sinks instead.
 *
 * @param meta how the scan was run
 * @param hosts every host, in the order they finished
 * @param summary how it ended
 */
public record ScanReport(ScanMeta meta, List<HostResult> hosts, ScanSummary summary) {
    public ScanReport {
        hosts = List.copyOf(hosts);
    }
}
