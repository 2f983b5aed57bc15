package dev.portolan.lab.bench;

import dev.portolan.lab.LabHost;
import dev.portolan.lab.PortSet;
import java.util.List;

/**
 * One benchmark: the lab host to scan, the ports to scan, and how those ports are written on nmap's and Portolan's
 * command lines.
 *
 * @param name what {@code ./bench} calls it
 * @param description one line for the report
 * @param host the target, without loss (each path adds its own)
 * @param scanned every port both tools scan
 * @param portArgs the port option tokens for both command lines ({@code -p-} for all ports)
 */
public record Scenario(String name, String description, LabHost host, PortSet scanned, List<String> portArgs) {
    public Scenario {
        portArgs = List.copyOf(portArgs);
    }
}
