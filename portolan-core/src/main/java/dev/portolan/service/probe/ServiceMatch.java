package dev.portolan.service.probe;

import java.util.List;
import java.util.Objects;

/**
 * What a response was matched to, with the template's fields expanded; empty strings for fields the signature
 * does not give.
 *
 * @param service the service name ("http")
 * @param tls true when the response came through TLS (nmap's "ssl/" tunnel)
 * @param soft true when only a softmatch matched: the service is known but probing may go on for a version
 * @param product vendor and product ("nginx")
 * @param version "1.22.1"
 * @param info extra information
 * @param hostname host name the service reported
 * @param os operating system type
 * @param device device type
 * @param cpes CPE names ("cpe:/a:igor_sysoev:nginx:1.22.1")
 * @param probe the probe whose response matched
 * @param signature the line that matched ("nmap-service-probes:1234")
 */
public record ServiceMatch(String service, boolean tls, boolean soft, String product, String version, String info,
        String hostname, String os, String device, List<String> cpes, String probe, String signature) {

    public ServiceMatch {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(signature, "signature");
        cpes = List.copyOf(cpes);
    }

    /** True when a plain connection found TLS ("ssl"): the probes should run again inside a TLS tunnel. */
    public boolean asksForTls() {
        return !tls && service.equals("ssl");
    }
}
