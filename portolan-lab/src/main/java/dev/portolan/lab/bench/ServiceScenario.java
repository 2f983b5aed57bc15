package dev.portolan.lab.bench;

import dev.portolan.lab.LabHost;
import java.util.Objects;

/**
 * Version detection on one host running real daemons ({@code -sV} beside {@code nmap -sV}), graded against the
 * daemons' truth records: services named right, versions right, wall time.
 *
 * @param name what {@code ./bench} calls it
 * @param description one line for the report
 * @param host the target; its TCP daemons are the ports scanned
 */
public record ServiceScenario(String name, String description, LabHost host) implements BenchScenario {
    public ServiceScenario {
        Objects.requireNonNull(host, "host");
        if (host.daemons().isEmpty()) {
            throw new IllegalArgumentException("a service scenario needs daemons on " + host.name());
        }
    }
}
