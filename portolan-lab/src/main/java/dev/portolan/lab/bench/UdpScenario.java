package dev.portolan.lab.bench;

import dev.portolan.lab.LabHost;
import dev.portolan.lab.PortSet;
import java.util.Objects;

/**
 * A UDP scan of one host with the kernel's ICMP rate limit on: nmap -sU beside Portolan -sU alone, from several
 * source addresses (-S) and with --defeat-icmp-ratelimit, graded by UDP states right and wall time.
 *
 * @param name what {@code ./bench} calls it
 * @param description one line for the report
 * @param host the target; its UDP listeners, drops and rejects are the truth, every other port closed
 * @param ports the UDP ports scanned
 * @param sources how many scanner addresses the multi-source run sends from
 */
public record UdpScenario(String name, String description, LabHost host, PortSet ports, int sources)
        implements BenchScenario {
    public UdpScenario {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(ports, "ports");
        if (sources < 2) {
            throw new IllegalArgumentException("the multi-source run needs at least two sources, not " + sources);
        }
    }
}
