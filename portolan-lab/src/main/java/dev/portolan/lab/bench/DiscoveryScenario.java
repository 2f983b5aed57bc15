package dev.portolan.lab.bench;

import dev.portolan.lab.Ipv4Prefix;
import dev.portolan.lab.LabHost;
import java.util.Objects;

/**
 * A ping sweep of a range where every address is a live host (a lab host answering for the whole range): Portolan's
 * {@code discover} beside {@code nmap -sn} and {@code fping -g}, graded by hosts found out of every address.
 *
 * @param name what {@code ./bench} calls it
 * @param description one line for the report
 * @param host the target; its sweep ranges hold {@code range}
 * @param range the range swept
 */
public record DiscoveryScenario(String name, String description, LabHost host, String range) implements BenchScenario {
    public DiscoveryScenario {
        Objects.requireNonNull(host, "host");
        Ipv4Prefix p = Ipv4Prefix.parse(range);
        if (host.sweepRanges().stream().map(Ipv4Prefix::parse).noneMatch(r -> r.contains(p))) {
            throw new IllegalArgumentException("host " + host.name() + " does not answer for " + range);
        }
    }
}
