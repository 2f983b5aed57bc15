package dev.portolan.lab.bench;

/** What {@code ./bench} can run by name: a port scan of one host, or a sweep of one port over many. */
public sealed interface BenchScenario permits Scenario, SweepScenario {
    String name();

    String description();
}
