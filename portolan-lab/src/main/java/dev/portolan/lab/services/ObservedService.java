package dev.portolan.lab.services;

import dev.portolan.target.Protocol;
import java.util.Objects;

/**
 * What a scanner reported for one port, as nmap's XML {@code <service>} element holds it (empty strings where an
 * attribute is absent).
 */
public record ObservedService(int port, Protocol protocol, String state, String name, String product,
                              String version, String extrainfo, String tunnel, String method, String conf) {
    public ObservedService {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(extrainfo, "extrainfo");
        Objects.requireNonNull(tunnel, "tunnel");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(conf, "conf");
    }

    /** The service as nmap's normal output shows it ("ssl/http"). */
    public String shownName() {
        return (tunnel.isEmpty() ? "" : tunnel + "/") + name;
    }
}
