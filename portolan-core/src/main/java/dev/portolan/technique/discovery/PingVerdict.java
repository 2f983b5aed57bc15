package dev.portolan.technique.discovery;

import dev.portolan.result.HostInventory;
import dev.portolan.result.Reason;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What discovery concluded about one host.
 *
 * @param up whether any probe was answered
 * @param reason nmap's reason: the first answer's kind, or no-response
 * @param rttMicros the round trip of the first answer
 * @param inventory MAC, vendor, TTL, the probe that proved the host up and -c statistics
 */
public record PingVerdict(boolean up, Reason reason, OptionalLong rttMicros, HostInventory inventory) {
    public static final PingVerdict DOWN = new PingVerdict(false, Reason.NO_RESPONSE, OptionalLong.empty(),
            HostInventory.NONE);

    public PingVerdict {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(rttMicros, "rttMicros");
        Objects.requireNonNull(inventory, "inventory");
    }
}
