package dev.portolan.report;

import dev.portolan.result.HostResult;
import dev.portolan.result.PortResult;
import dev.portolan.result.ServiceDetails;
import dev.portolan.service.tls.CertificateInfo;
import dev.portolan.service.tls.TlsInspection;
import dev.portolan.service.tls.TlsSession;
import dev.portolan.service.tls.TlsVersion;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Version detection results as nmap's text formats show them: service names, the VERSION column, script lines. */
final class ServiceText {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private ServiceText() {
    }

    /** "ssh", "ssl/http", or the table's name with "?" when probing could not confirm it (nmap's habit). */
    static String name(PortResult p) {
        if (p.details().isEmpty()) {
            return p.service().orElse("unknown");
        }
        ServiceDetails d = p.details().get();
        String name = (d.overTls() ? "ssl/" : "") + d.name();
        return d.method() == ServiceDetails.Method.TABLE ? name + "?" : name;
    }

    /** The VERSION column. */
    static String version(PortResult p) {
        return p.details().map(ServiceDetails::versionLine).orElse("");
    }

    /** The lines nmap's scripts would print under the port: the certificate, TLS versions, an unknown banner. */
    static List<String> notes(PortResult p) {
        List<String> lines = new ArrayList<>();
        if (p.details().isEmpty()) {
            return lines;
        }
        ServiceDetails d = p.details().get();
        d.tls().ifPresent(tls -> {
            tls.session().flatMap(TlsSession::leaf).ifPresent(c -> lines.addAll(certificate(c)));
            lines.add("tls: " + tlsLine(tls));
        });
        if (!d.banner().isEmpty()) {
            lines.add("banner: " + d.banner());
        }
        List<String> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            out.add((i == lines.size() - 1 ? "|_" : "| ") + NmapText.printable(lines.get(i)));
        }
        return out;
    }

    /** "TLSv1.3, TLSv1.2; TLS_AES_256_GCM_SHA384; ALPN http/1.1", or why the handshake failed. */
    static String tlsLine(TlsInspection.Tls tls) {
        List<String> parts = new ArrayList<>();
        if (!tls.versions().isEmpty()) {
            parts.add(tls.versions().stream().map(TlsVersion::label).collect(Collectors.joining(", ")));
        }
        tls.session().ifPresent(s -> {
            parts.add(s.cipherSuite());
            s.alpn().ifPresent(a -> parts.add("ALPN " + a));
        });
        tls.error().ifPresent(e -> parts.add("handshake failed: " + e));
        return String.join("; ", parts);
    }

    /** nmap's ssl-cert lines for the server's own certificate. */
    static List<String> certificate(CertificateInfo c) {
        List<String> lines = new ArrayList<>();
        lines.add("ssl-cert: Subject: " + c.subject());
        if (!c.subjectAltNames().isEmpty()) {
            lines.add("Subject Alternative Name: " + String.join(", ", c.subjectAltNames()));
        }
        lines.add("Issuer: " + c.issuer() + (c.selfSigned() ? " (self-signed)" : ""));
        lines.add("Public Key: " + c.keyType() + " " + c.keyBits() + " bits; signed " + c.signatureAlgorithm());
        lines.add("Not valid before: " + SECONDS.format(c.notBefore()));
        lines.add("Not valid after:  " + SECONDS.format(c.notAfter()));
        lines.add("SHA-256: " + c.sha256());
        return lines;
    }

    /** nmap's "Service Info: Host: x; OS: Linux; Device: router; CPE: cpe:/o:…" line, if the ports told any. */
    static Optional<String> serviceInfo(HostResult host) {
        Set<String> hosts = new LinkedHashSet<>();
        Set<String> oses = new LinkedHashSet<>();
        Set<String> devices = new LinkedHashSet<>();
        Set<String> cpes = new LinkedHashSet<>();
        for (PortResult p : host.ports()) {
            p.details().ifPresent(d -> {
                add(hosts, d.hostname());
                add(oses, d.osType());
                add(devices, d.deviceType());
                d.cpes().stream().filter(c -> c.startsWith("cpe:/o") || c.startsWith("cpe:/h")).forEach(cpes::add);
            });
        }
        List<String> parts = new ArrayList<>();
        part(parts, hosts.size() > 1 ? "Hosts" : "Host", hosts);
        part(parts, oses.size() > 1 ? "OSs" : "OS", oses);
        part(parts, devices.size() > 1 ? "Devices" : "Device", devices);
        part(parts, "CPE", cpes);
        return parts.isEmpty() ? Optional.empty()
                : Optional.of("Service Info: " + NmapText.printable(String.join("; ", parts)));
    }

    private static void add(Set<String> set, String value) {
        if (!value.isEmpty()) {
            set.add(value);
        }
    }

    private static void part(List<String> parts, String label, Set<String> values) {
        if (!values.isEmpty()) {
            parts.add(label + ": " + String.join(", ", values));
        }
    }
}
