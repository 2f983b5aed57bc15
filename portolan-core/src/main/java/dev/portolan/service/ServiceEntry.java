package dev.portolan.service;

import dev.portolan.target.Protocol;
import java.util.Objects;

/**
 * One row of the service table: a registered name for a port and protocol.
 *
 * @param name the service name, lower case ("http")
 * @param port 0..65535
 * @param protocol tcp, udp or sctp
 * @param description what the registry says about it; may be empty
 */
public record ServiceEntry(String name, int port, Protocol protocol, String description) {

    public ServiceEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(description, "description");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty service name");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
