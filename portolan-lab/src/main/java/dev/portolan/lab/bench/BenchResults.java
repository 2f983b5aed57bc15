package dev.portolan.lab.bench;

import java.util.List;

/**
 * What one {@code ./bench} run measured.
 *
 * @param scans the port-scan scenarios, one per scenario and path
 * @param sweeps the sweep scenarios, one per scenario and path
 * @param services the version-detection scenarios, one per scenario and path
 * @param discoveries the ping-sweep scenarios, one per scenario and path
 * @param udp the UDP scenarios, one per scenario and path
 */
public record BenchResults(List<PathResult> scans, List<SweepResult> sweeps, List<ServiceResult> services,
                           List<DiscoveryResult> discoveries, List<UdpResult> udp) {
    public BenchResults {
        udp = List.copyOf(udp);
        scans = List.copyOf(scans);
        sweeps = List.copyOf(sweeps);
        services = List.copyOf(services);
        discoveries = List.copyOf(discoveries);
    }

    public BenchResults(List<PathResult> scans, List<SweepResult> sweeps, List<ServiceResult> services,
                        List<DiscoveryResult> discoveries) {
        this(scans, sweeps, services, discoveries, List.of());
    }

    public BenchResults(List<PathResult> scans, List<SweepResult> sweeps, List<ServiceResult> services) {
        this(scans, sweeps, services, List.of(), List.of());
    }

    public BenchResults(List<PathResult> scans, List<SweepResult> sweeps) {
        this(scans, sweeps, List.of(), List.of(), List.of());
    }
}
