package dev.portolan.lab.bench;

import dev.portolan.lab.LabHost;
import dev.portolan.lab.PortSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One benchmark: the lab host to scan, the ports to scan, and how those ports are written on nmap's and Portolan's
 * command lines.
 *
 * @param name what {@code ./bench} calls it
 * @param description one line for the report
 * @param host the target, without loss (each path adds its own)
 * @param scanned every port both tools scan
 * @param portArgs the port option tokens for both command lines ({@code -p-} for all ports)
 * @param technique the scan option both tools get ({@code -sT}, {@code -sS})
 * @param masscanPorts masscan's {@code -p} value when masscan runs beside them (it scans with SYNs only), or empty
 */
public record Scenario(String name, String description, LabHost host, PortSet scanned, List<String> portArgs,
                       String technique, Optional<String> masscanPorts) implements BenchScenario {
    public Scenario {
        portArgs = List.copyOf(portArgs);
        Objects.requireNonNull(technique, "technique");
        Objects.requireNonNull(masscanPorts, "masscanPorts");
    }

    /** A connect-scan scenario, nmap and Portolan only. */
    public Scenario(String name, String description, LabHost host, PortSet scanned, List<String> portArgs) {
        this(name, description, host, scanned, portArgs, "-sT", Optional.empty());
    }
}
