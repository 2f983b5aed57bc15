package dev.portolan.api;

import java.nio.file.Path;
import java.util.List;

/**
 * How the UDP scan (-sU) works beyond the timing template.
 *
 * @param defeatIcmpRateLimit --defeat-icmp-ratelimit: do not wait out the targets' ICMP rate limits; a port
 *         that stays silent is open|filtered, even where a later port-unreachable would have shown it closed
 * @param payloadFiles user files of UDP payloads (the project's own format, docs/udp-payloads.md), read after
 *         the built-in set
 */
public record UdpOptions(boolean defeatIcmpRateLimit, List<Path> payloadFiles) {
    public static final UdpOptions DEFAULTS = new UdpOptions(false, List.of());

    public UdpOptions {
        payloadFiles = List.copyOf(payloadFiles);
    }
}
