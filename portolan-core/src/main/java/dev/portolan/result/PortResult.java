package dev.portolan.result;

import dev.portolan.target.Protocol;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * The final answer for one port of one host.
 *
 * @param protocol tcp, udp or sctp
 * @param port 0..65535
 * @param state one of nmap's six states
 * @param reason why it has that state
 * @param reasonTtl the IP TTL of the reply that decided it, or 0 when unknown (connect scans)
 * @param service the registered service name for the port, if the table knows one
 * @param details what version detection ({@code -sV}) found, when it ran on this port
 */
public record PortResult(Protocol protocol, int port, PortState state, Reason reason, int reasonTtl,
                         Optional<String> service, Optional<ServiceDetails> details) {

    /**
     * The reports' order: by protocol, then port. Written out rather than with Comparator.comparing, whose lambdas
     * are serializable: the AOT cache keeps no such lambda, so each would be made again at every start.
     */
    public static final Comparator<PortResult> ORDER = (a, b) -> {
        int byProtocol = a.protocol.compareTo(b.protocol);
        return byProtocol != 0 ? byProtocol : Integer.compare(a.port, b.port);
    };

    public PortResult {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(details, "details");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** A port scan's answer, before any version detection. */
    public PortResult(Protocol protocol, int port, PortState state, Reason reason, int reasonTtl,
                      Optional<String> service) {
        this(protocol, port, state, reason, reasonTtl, service, Optional.empty());
    }

    /** The same port with what version detection found. */
    public PortResult withDetails(ServiceDetails found) {
        return new PortResult(protocol, port, state, reason, reasonTtl, service, Optional.of(found));
    }

    public static PortResult of(Protocol protocol, int port, PortState state, Reason reason, String service) {
        return new PortResult(protocol, port, state, reason, 0, Optional.ofNullable(service));
    }
}
