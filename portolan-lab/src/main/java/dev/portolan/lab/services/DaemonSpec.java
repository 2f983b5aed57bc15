package dev.portolan.lab.services;

import dev.portolan.target.Protocol;
import java.util.List;
import java.util.Objects;

/** A daemon declared on a lab host, with the ports it gets. */
public record DaemonSpec(Daemon daemon, List<Integer> ports) {
    public DaemonSpec {
        Objects.requireNonNull(daemon, "daemon");
        ports = List.copyOf(ports);
        if (ports.size() != daemon.defaultPorts().size()) {
            throw new IllegalArgumentException(daemon.name() + " takes " + daemon.defaultPorts().size()
                    + " port(s) " + daemon.defaultPorts() + ", not " + ports);
        }
        for (int port : ports) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(daemon.name() + ": port must be in 1-65535: " + port);
            }
        }
    }

    public List<Endpoint> endpoints() {
        return daemon.endpoints(ports);
    }

    /** The ports it serves over {@code protocol}. */
    public List<Integer> ports(Protocol protocol) {
        return endpoints().stream().filter(e -> e.protocol() == protocol).map(Endpoint::port).toList();
    }

    @Override
    public String toString() {
        return daemon.name() + " " + endpoints();
    }
}
