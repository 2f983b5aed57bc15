package dev.portolan.net;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * The kernel's choice for packets to one destination: the interface they leave by, the source address they get,
 * and the next hop when it is a gateway rather than the destination itself.
 */
public record Route(Interface iface, InetAddress source, Optional<InetAddress> gateway) {
    public Route {
        Objects.requireNonNull(iface, "iface");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(gateway, "gateway");
    }
}
