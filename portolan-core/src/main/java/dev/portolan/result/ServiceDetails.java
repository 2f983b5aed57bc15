package dev.portolan.result;

import dev.portolan.service.tls.TlsInspection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What version detection ({@code -sV}) learned about one open port; empty strings for what it could not tell.
 *
 * @param name the service ("http", "ssh", "tcpwrapped"); for a service inside TLS the inner one ("http")
 * @param product vendor and product ("nginx")
 * @param version "1.22.1"
 * @param extraInfo anything else the service said ("protocol 2.0", "Debian")
 * @param hostname the host name the service gave for itself
 * @param osType the operating system it revealed ("Linux")
 * @param deviceType "router", "printer", …
 * @param cpes CPE names for product and OS
 * @param method {@link Method#PROBED} when a probe's answer named it, {@link Method#TABLE} when only the port number did
 * @param confidence 0-10 as nmap gives it: 10 for a signature match, 8 for tcpwrapped, 3 for the port table
 * @param tls the TLS the service spoke, when it did: versions, suite, certificate chain
 * @param banner the first bytes an unrecognised service sent, printable (empty when recognised or silent)
 */
public record ServiceDetails(String name, String product, String version, String extraInfo, String hostname,
                             String osType, String deviceType, List<String> cpes, Method method, int confidence,
                             Optional<TlsInspection.Tls> tls, String banner) {

    /** How the service was told. */
    public enum Method {
        PROBED("probed"),
        TABLE("table");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        /** nmap's XML name. */
        public String label() {
            return label;
        }
    }

    public ServiceDetails {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(extraInfo, "extraInfo");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(osType, "osType");
        Objects.requireNonNull(deviceType, "deviceType");
        cpes = List.copyOf(cpes);
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(banner, "banner");
        if (confidence < 0 || confidence > 10) {
            throw new IllegalArgumentException("confidence is 0-10: " + confidence);
        }
    }

    /** Only the name, as the port table gives it (an unidentified service). */
    public static ServiceDetails fromTable(String name, Optional<TlsInspection.Tls> tls, String banner) {
        return new ServiceDetails(name, "", "", "", "", "", "", List.of(), Method.TABLE, 3, tls, banner);
    }

    /** Whether it spoke TLS (nmap's tunnel="ssl"). */
    public boolean overTls() {
        return tls.isPresent();
    }

    /** nmap's VERSION column: product, version and extra info in parentheses ("nginx 1.22.1 (Debian)"). */
    public String versionLine() {
        StringBuilder sb = new StringBuilder(product);
        if (!version.isEmpty()) {
            sb.append(sb.isEmpty() ? "" : " ").append(version);
        }
        if (!extraInfo.isEmpty()) {
            sb.append(sb.isEmpty() ? "" : " ").append('(').append(extraInfo).append(')');
        }
        return sb.toString();
    }
}
