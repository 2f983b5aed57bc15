package dev.portolan.technique.discovery;

import java.util.List;

/**
 * How hosts are found up (nmap's -P* options, fping's -c).
 *
 * @param probes the probes the user asked for; empty means nmap's defaults (ICMP echo, SYN 443, ACK 80, timestamp)
 * @param arpOnLink ARP (IPv4) and neighbour discovery (IPv6) replace the IP probes on a directly connected
 *                  Ethernet segment, as nmap does; false is nmap's --disable-arp-ping
 * @param count how many rounds of probes each host gets (fping's -c); 1 stops at the first answer
 * @param retries how many times an unanswered probe is sent again within a round
 * @param rawSockets whether raw sockets may be used where the rights allow (false: nmap's --unprivileged)
 */
public record DiscoveryOptions(List<PingProbe> probes, boolean arpOnLink, int count, int retries,
                               boolean rawSockets) {
    public static final int DEFAULT_RETRIES = 2;
    public static final DiscoveryOptions DEFAULT = new DiscoveryOptions(List.of(), true, 1, DEFAULT_RETRIES, true);
    /** nmap's probes as root when none is named. */
    public static final List<PingProbe> NMAP_DEFAULT = List.of(PingProbe.of(PingKind.ECHO),
            new PingProbe(PingKind.SYN, PingProbe.DEFAULT_SYN_PORT),
            new PingProbe(PingKind.ACK, PingProbe.DEFAULT_ACK_PORT), PingProbe.of(PingKind.TIMESTAMP));

    public DiscoveryOptions {
        probes = List.copyOf(probes);
        if (count < 1 || count > 255) {
            throw new IllegalArgumentException("-c " + count + ": must be 1 to 255");
        }
        if (retries < 0 || retries > 50) {
            throw new IllegalArgumentException("retries " + retries + ": must be 0 to 50");
        }
    }

    /** The IP probes to send: those asked for without -PR, or nmap's defaults. */
    public List<PingProbe> ipProbes() {
        List<PingProbe> ip = probes.stream().filter(p -> p.kind() != PingKind.ARP).toList();
        return probes.isEmpty() ? NMAP_DEFAULT : ip;
    }

    /** Whether ARP / ND is used on a directly connected segment: by default, or when -PR is named. */
    public boolean usesArp() {
        return arpOnLink || probes.stream().anyMatch(p -> p.kind() == PingKind.ARP);
    }

    /** True when the user named no probe: nmap's defaults apply. */
    public boolean isDefault() {
        return probes.isEmpty();
    }

    /** Whether ICMP echo is among the probes (named, or by default). */
    public boolean sendsEcho() {
        return ipProbes().stream().anyMatch(p -> p.kind() == PingKind.ECHO);
    }
}
