package dev.portolan.result;

import dev.portolan.target.Protocol;
import dev.portolan.target.Target;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything learned about one host. Ports are sorted by protocol then number and hold each port once.
 *
 * @param target the address scanned and the name the user gave, if any
 * @param status up, down or unknown
 * @param statusReason what showed the status
 * @param ptrNames names from reverse DNS, empty when not resolved
 * @param ports every port scanned on the host, each with its final state
 * @param start when the host's scan began
 * @param end when it ended
 * @param times the round-trip estimate, if any reply was timed
 * @param timedOut true when {@code --host-timeout} cut the host short (its ports are then incomplete)
 * @param inventory what discovery learned beyond up or down: MAC, vendor, TTL, round trips
 */
public record HostResult(Target target, HostStatus status, Reason statusReason, List<String> ptrNames,
                         List<PortResult> ports, Instant start, Instant end, Optional<HostTimes> times,
                         boolean timedOut, HostInventory inventory) {

    /** A host about which discovery learned nothing beyond its status. */
    public HostResult(Target target, HostStatus status, Reason statusReason, List<String> ptrNames,
                      List<PortResult> ports, Instant start, Instant end, Optional<HostTimes> times,
                      boolean timedOut) {
        this(target, status, statusReason, ptrNames, ports, start, end, times, timedOut, HostInventory.NONE);
    }

    public HostResult {
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(statusReason, "statusReason");
        ptrNames = List.copyOf(ptrNames);
        ports = List.copyOf(ports);
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(times, "times");
    }

    /** A host needs at least this many open TCP ports to be taken for a SYN proxy or tarpit. */
    public static final int EVERY_PORT_MIN_OPEN = 256;

    /** The ports in {@code state}. */
    public List<PortResult> portsIn(PortState state) {
        return ports.stream().filter(p -> p.state() == state).toList();
    }

    /** The same host with {@code names} from reverse DNS; every other field kept, the inventory too. */
    public HostResult withPtrNames(List<String> names) {
        return new HostResult(target, status, statusReason, names, ports, start, end, times, timedOut, inventory);
    }

    /** The same host with {@code newInventory}; every other field kept. */
    public HostResult withInventory(HostInventory newInventory) {
        return new HostResult(target, status, statusReason, ptrNames, ports, start, end, times, timedOut,
                newInventory);
    }

    /** The same host with {@code newPorts} (version detection's details added); every other field kept. */
    public HostResult withPorts(List<PortResult> newPorts) {
        return new HostResult(target, status, statusReason, ptrNames, newPorts, start, end, times, timedOut,
                inventory);
    }

    /**
     * True when the host answered "open" on at least 95 % of a large TCP port scan (at least
     * {@link #EVERY_PORT_MIN_OPEN} ports): a SYN proxy or tarpit answers for every port, so its "open" ports say
     * nothing about services and reports collapse them instead of listing them.
     */
    public boolean answersEveryPort() {
        if (ports.size() < EVERY_PORT_MIN_OPEN) {
            return false;
        }
        int tcp = 0;
        int open = 0;
        for (PortResult p : ports) {
            if (p.protocol() == Protocol.TCP) {
                tcp++;
                if (p.state() == PortState.OPEN) {
                    open++;
                }
            }
        }
        // a few probes lost on the way may leave some ports filtered; 95 % still tells the pattern
        return open >= EVERY_PORT_MIN_OPEN && open * 20L >= tcp * 19L;
    }
}
