package dev.portolan.lab.bench;

/** What {@code ./bench} can run by name: a port scan of one host, a sweep of one port over many, or -sV on daemons. */
public sealed interface BenchScenario permits Scenario, SweepScenario, ServiceScenario {
    String name();

    String description();
}
