package dev.portolan.lab.bench;

import dev.portolan.lab.LabHost;
import dev.portolan.lab.PortSet;
import java.util.List;
import java.util.Objects;

/**
 * A UDP scan of one or more hosts with the kernel's ICMP rate limit on: nmap -sU beside Portolan -sU alone, from
 * several source addresses (-S) and with --defeat-icmp-ratelimit, graded by UDP states right and wall time. Each
 * host is a namespace of its own, so each limits its unreachables on its own, as separate machines do.
 *
 * @param name what {@code ./bench} calls it
 * @param description one line for the report
 * @param hosts the targets; their UDP listeners, drops and rejects are the truth, every other port closed
 * @param ports the UDP ports scanned on each host
 * @param sources how many scanner addresses the multi-source run sends from
 */
public record UdpScenario(String name, String description, List<LabHost> hosts, PortSet ports, int sources)
        implements BenchScenario {
    public UdpScenario {
        hosts = List.copyOf(hosts);
        Objects.requireNonNull(ports, "ports");
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("a UDP scenario needs at least one host");
        }
        if (sources < 2) {
            throw new IllegalArgumentException("the multi-source run needs at least two sources, not " + sources);
        }
    }

    /** Port-host pairs scanned. */
    int pairs() {
        return hosts.size() * ports.size();
    }
}
