package dev.portolan.lab.bench;

/** What {@code ./bench} can run by name: a port scan of one host, a sweep of one port over many, -sV on daemons, or a ping sweep. */
public sealed interface BenchScenario permits Scenario, SweepScenario, ServiceScenario, DiscoveryScenario {
    String name();

    String description();
}
