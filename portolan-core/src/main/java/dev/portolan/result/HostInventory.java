package dev.portolan.result;

import java.util.Optional;

/**
 * What host discovery learned about a host besides up or down (Angry IP Scanner's and fping's columns).
 *
 * @param mac the hardware address, from ARP or neighbour discovery on a directly connected segment
 * @param vendor the organisation the MAC's OUI is registered to (IEEE list), if known
 * @param replyTtl the TTL (hop limit) of the reply that proved the host up; 0 when none was read (ARP)
 * @param probe the probe that proved it up, in nmap's letters ("PE", "PS443", "PR"), empty when none did
 * @param pings round-trip statistics of repeated probes ({@code -c N}), if asked for
 * @param netbios the host's NetBIOS node status answer (UDP 137), if it gave one
 */
public record HostInventory(Optional<String> mac, Optional<String> vendor, int replyTtl, Optional<String> probe,
                            Optional<PingStats> pings, Optional<NetbiosInfo> netbios) {
    public static final HostInventory NONE = new HostInventory(Optional.empty(), Optional.empty(), 0,
            Optional.empty(), Optional.empty());

    /** What discovery itself learned, before any NetBIOS question. */
    public HostInventory(Optional<String> mac, Optional<String> vendor, int replyTtl, Optional<String> probe,
                         Optional<PingStats> pings) {
        this(mac, vendor, replyTtl, probe, pings, Optional.empty());
    }

    /** The same inventory with the host's NetBIOS answer. */
    public HostInventory withNetbios(NetbiosInfo info) {
        return new HostInventory(mac, vendor, replyTtl, probe, pings, Optional.of(info));
    }

    public HostInventory {
        java.util.Objects.requireNonNull(netbios, "netbios");
        if (replyTtl < 0 || replyTtl > 255) {
            throw new IllegalArgumentException("TTL " + replyTtl + " is outside 0..255");
        }
        mac.ifPresent(m -> {
            if (!m.matches("[0-9A-F]{2}(:[0-9A-F]{2}){5}")) {
                throw new IllegalArgumentException("MAC " + m + " is not six upper-case hex octets");
            }
        });
    }

    /** Round-trip figures of {@code sent} probes of which {@code received} were answered, fping's -c summary. */
    public record PingStats(int sent, int received, long minMicros, long avgMicros, long maxMicros) {
        public PingStats {
            if (sent < 0 || received < 0 || received > sent) {
                throw new IllegalArgumentException("received " + received + " of " + sent);
            }
        }

        /** Lost probes in percent, rounded down as fping prints it. */
        public int lossPercent() {
            return sent == 0 ? 0 : (sent - received) * 100 / sent;
        }
    }
}
