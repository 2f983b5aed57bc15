package dev.portolan.api;

import dev.portolan.craft.ProbeCrafting;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How the UDP scan (-sU) works beyond the timing template.
 *
 * @param defeatIcmpRateLimit --defeat-icmp-ratelimit: do not wait out the targets' ICMP rate limits; a port
 *         that stays silent is open|filtered, even where a later port-unreachable would have shown it closed
 * @param payloadFiles user files of UDP payloads (the project's own format, docs/udp-payloads.md), read after
 *         the built-in set
 * @param sources -S: addresses of this machine to send from, one socket bound to each, probes to a host spread
 *         across them (a target limits its unreachables per source address); empty for the kernel's choice
 * @param dataLength --data-length, as nmap: every probe carries this many random bytes (0 to {@link
 *         ProbeCrafting#MAX_DATA_LENGTH}) instead of the protocol payloads of its port; empty for those payloads
 */
public record UdpOptions(boolean defeatIcmpRateLimit, List<Path> payloadFiles, List<InetAddress> sources,
                         OptionalInt dataLength) {
    public static final UdpOptions DEFAULTS = new UdpOptions(false, List.of(), List.of());

    public UdpOptions {
        payloadFiles = List.copyOf(payloadFiles);
        sources = List.copyOf(sources);
        Objects.requireNonNull(dataLength, "dataLength");
        if (new HashSet<>(sources).size() != sources.size()) {
            throw new IllegalArgumentException("-S: a source address is given twice");
        }
        dataLength.ifPresent(ProbeCrafting::checkDataLength);
    }

    public UdpOptions(boolean defeatIcmpRateLimit, List<Path> payloadFiles, List<InetAddress> sources) {
        this(defeatIcmpRateLimit, payloadFiles, sources, OptionalInt.empty());
    }

    public UdpOptions(boolean defeatIcmpRateLimit, List<Path> payloadFiles) {
        this(defeatIcmpRateLimit, payloadFiles, List.of());
    }
}
