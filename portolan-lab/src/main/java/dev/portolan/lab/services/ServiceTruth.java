package dev.portolan.lab.services;

import dev.portolan.target.Protocol;
import java.util.Objects;

/**
 * What one port of a lab target really runs, for comparing a scanner's service and version answer with.
 *
 * @param daemon the lab's label for the daemon ("nginx", "drip")
 * @param port the port it serves
 * @param protocol TCP or UDP
 * @param service the service name nmap gives it ("ssh", "http", "domain"; "" for a hostile service nothing names)
 * @param tls whether it speaks TLS there (nmap: tunnel "ssl", shown as "ssl/http")
 * @param product the product as its makers name it ("OpenSSH", "nginx", "MariaDB"; "" for hostile services)
 * @param version the upstream version it announces, read from this machine ("9.2p1"; "" for hostile services)
 * @param packageName the Debian package it comes from ("openssh-server")
 * @param packageVersion that package's installed version ("1:9.2p1-2+deb12u10")
 */
public record ServiceTruth(String daemon, int port, Protocol protocol, String service, boolean tls, String product,
                           String version, String packageName, String packageVersion) {
    public ServiceTruth {
        Objects.requireNonNull(daemon, "daemon");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(packageVersion, "packageVersion");
    }

    /** The truth for every endpoint of {@code spec}, with versions read from this machine now. */
    public static java.util.List<ServiceTruth> of(DaemonSpec spec) {
        Daemon d = spec.daemon();
        String pkgVersion = d.packageName().isEmpty() ? "" : Packages.version(d.packageName());
        String version = d.version();
        return spec.endpoints().stream()
                .map(e -> new ServiceTruth(d.name(), e.port(), e.protocol(), e.service(), e.tls(), d.product(),
                        version, d.packageName(), pkgVersion))
                .toList();
    }

    @Override
    public String toString() {
        return port + "/" + protocol.label() + " " + (tls ? "ssl/" : "") + service + " " + product + " " + version;
    }
}
