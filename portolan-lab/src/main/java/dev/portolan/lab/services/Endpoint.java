package dev.portolan.lab.services;

import dev.portolan.target.Protocol;
import java.util.Objects;

/**
 * One port a daemon serves.
 *
 * @param port 1-65535
 * @param protocol TCP or UDP
 * @param service the service name nmap gives it ("ssh", "http", "domain")
 * @param tls whether the service speaks TLS on this port (nmap: tunnel "ssl")
 */
public record Endpoint(int port, Protocol protocol, String service, boolean tls) {
    public Endpoint {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(service, "service");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be in 1-65535: " + port);
        }
    }

    public static Endpoint tcp(int port, String service) {
        return new Endpoint(port, Protocol.TCP, service, false);
    }

    public static Endpoint udp(int port, String service) {
        return new Endpoint(port, Protocol.UDP, service, false);
    }

    @Override
    public String toString() {
        return port + "/" + protocol.label() + " " + (tls ? "ssl/" : "") + service;
    }
}
