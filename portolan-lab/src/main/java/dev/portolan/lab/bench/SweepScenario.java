package dev.portolan.lab.bench;

import dev.portolan.lab.Ipv4Prefix;
import dev.portolan.lab.LabHost;
import java.util.List;
import java.util.Objects;

/**
 * One port over many hosts: a lab host that answers for a whole range (every address its own, the port listening
 * on all of them), scanned over ranges of growing size so that memory can be compared between them.
 *
 * @param name what {@code ./bench} calls it
 * @param description one line for the report
 * @param host the target; its sweep ranges hold every range scanned
 * @param ranges the ranges scanned, one run of each tool per range, smallest first
 * @param port the one port scanned, open on every address
 */
public record SweepScenario(String name, String description, LabHost host, List<String> ranges, int port)
        implements BenchScenario {
    public SweepScenario {
        Objects.requireNonNull(host, "host");
        ranges = List.copyOf(ranges);
        if (!host.listening().contains(port)) {
            throw new IllegalArgumentException("sweep port " + port + " does not listen on " + host.name());
        }
        for (String range : ranges) {
            Ipv4Prefix p = Ipv4Prefix.parse(range);
            if (host.sweepRanges().stream().map(Ipv4Prefix::parse).noneMatch(r -> r.contains(p))) {
                throw new IllegalArgumentException("host " + host.name() + " does not answer for " + range);
            }
        }
    }
}
