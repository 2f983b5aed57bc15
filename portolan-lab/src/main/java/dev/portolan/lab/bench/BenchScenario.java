package dev.portolan.lab.bench;

/**
 * What {@code ./bench} can run by name: a port scan of one host, a sweep of one port over many, -sV on daemons, a
 * ping sweep, or a UDP scan.
 */
public sealed interface BenchScenario permits Scenario, SweepScenario, ServiceScenario, DiscoveryScenario,
        UdpScenario {
    String name();

    String description();
}
