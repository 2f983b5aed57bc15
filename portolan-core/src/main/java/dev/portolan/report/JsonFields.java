package dev.portolan.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.portolan.report.PortListing.IgnoredState;
import dev.portolan.report.PortListing.ReasonGroup;
import dev.portolan.result.HostInventory;
import dev.portolan.result.HostResult;
import dev.portolan.result.HostTimes;
import dev.portolan.result.NetbiosInfo;
import dev.portolan.result.PortResult;
import dev.portolan.result.ScanInfo;
import dev.portolan.result.ScanMeta;
import dev.portolan.result.ScanSummary;
import dev.portolan.result.ServiceDetails;
import dev.portolan.service.tls.CertificateInfo;
import dev.portolan.service.tls.TlsInspection;
import dev.portolan.service.tls.TlsSession;
import dev.portolan.service.tls.TlsVersion;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** The fields of Portolan's JSON schema, shared by the JSON document and NDJSON lines (docs/output-formats.md). */
final class JsonFields {
    private JsonFields() {
    }

    /** scanner, version, args, start, scaninfo. */
    static void meta(JsonGenerator g, ScanMeta meta) throws IOException {
        g.writeStringField("scanner", meta.scanner());
        g.writeStringField("version", meta.version());
        g.writeStringField("args", meta.args());
        g.writeStringField("start", meta.start().toString());
        g.writeArrayFieldStart("scaninfo");
        for (ScanInfo info : meta.scanInfos()) {
            g.writeStartObject();
            g.writeStringField("type", info.type());
            if (info.scanFlags().isPresent()) {
                g.writeStringField("scanflags", info.scanFlags().get());
            }
            g.writeStringField("protocol", info.protocol().label());
            g.writeNumberField("numservices", info.numServices());
            g.writeStringField("services", info.services());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** What discovery learned: null fields where nothing was learned, so every record has the same keys. */
    private static void inventory(JsonGenerator g, HostInventory inv) throws IOException {
        g.writeNumberField("reason_ttl", inv.replyTtl());
        g.writeStringField("mac", inv.mac().orElse(null));
        g.writeStringField("vendor", inv.vendor().orElse(null));
        g.writeStringField("probe", inv.probe().orElse(null));
        if (inv.netbios().isPresent()) {
            NetbiosInfo nb = inv.netbios().get();
            g.writeObjectFieldStart("netbios");
            g.writeStringField("name", nb.name());
            g.writeStringField("workgroup", nb.workgroup().orElse(null));
            g.writeStringField("user", nb.user().orElse(null));
            g.writeStringField("mac", nb.mac().orElse(null));
            g.writeArrayFieldStart("names");
            for (String n : nb.names()) {
                g.writeString(n);
            }
            g.writeEndArray();
            g.writeEndObject();
        } else {
            g.writeNullField("netbios");
        }
        if (inv.pings().isPresent()) {
            HostInventory.PingStats p = inv.pings().get();
            g.writeObjectFieldStart("pings");
            g.writeNumberField("sent", p.sent());
            g.writeNumberField("received", p.received());
            g.writeNumberField("loss_percent", p.lossPercent());
            g.writeNumberField("rtt_min_us", p.minMicros());
            g.writeNumberField("rtt_avg_us", p.avgMicros());
            g.writeNumberField("rtt_max_us", p.maxMicros());
            g.writeEndObject();
        } else {
            g.writeNullField("pings");
        }
    }

    /** Every field of one host; {@code listing} decides which ports are listed and which are summarised. */
    static void host(JsonGenerator g, HostResult host, PortListing listing) throws IOException {
        g.writeStringField("address", host.target().ip());
        g.writeStringField("family", host.target().isIpv6() ? "ipv6" : "ipv4");
        g.writeArrayFieldStart("names");
        if (host.target().userName().isPresent()) {
            name(g, host.target().userName().get(), "user");
        }
        for (String ptr : host.ptrNames()) {
            name(g, ptr, "PTR");
        }
        g.writeEndArray();
        g.writeStringField("status", host.status().label());
        g.writeStringField("reason", host.statusReason().label());
        inventory(g, host.inventory());
        g.writeStringField("start", host.start().toString());
        g.writeStringField("end", host.end().toString());
        times(g, host.times());
        g.writeBooleanField("timed_out", host.timedOut());
        g.writeBooleanField("answers_every_port", host.answersEveryPort());
        g.writeArrayFieldStart("ports");
        for (PortResult p : listing.shown()) {
            port(g, p);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("extraports");
        for (IgnoredState state : listing.ignored()) {
            g.writeStartObject();
            g.writeStringField("state", state.state().label());
            g.writeNumberField("count", state.count());
            g.writeArrayFieldStart("reasons");
            for (ReasonGroup r : state.reasons()) {
                g.writeStartObject();
                g.writeStringField("reason", r.reason().label());
                g.writeStringField("protocol", r.protocol().label());
                g.writeNumberField("count", r.count());
                g.writeStringField("ports", r.ports());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void name(JsonGenerator g, String name, String type) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("type", type);
        g.writeEndObject();
    }

    private static void times(JsonGenerator g, Optional<HostTimes> times) throws IOException {
        if (times.isEmpty()) {
            g.writeNullField("times");
            return;
        }
        HostTimes t = times.get();
        g.writeObjectFieldStart("times");
        g.writeNumberField("srtt_us", t.srttMicros());
        g.writeNumberField("rttvar_us", t.rttvarMicros());
        g.writeNumberField("timeout_us", t.timeoutMicros());
        g.writeEndObject();
    }

    private static void port(JsonGenerator g, PortResult p) throws IOException {
        g.writeStartObject();
        g.writeStringField("protocol", p.protocol().label());
        g.writeNumberField("port", p.port());
        g.writeStringField("state", p.state().label());
        g.writeStringField("reason", p.reason().label());
        g.writeNumberField("reason_ttl", p.reasonTtl());
        if (p.service().isPresent()) {
            g.writeStringField("service", p.service().get());
        } else {
            g.writeNullField("service");
        }
        if (p.details().isPresent()) {
            serviceInfo(g, p.details().get());
        } else {
            g.writeNullField("service_info");
        }
        g.writeEndObject();
    }

    /** What -sV found: nmap's service fields, the TLS findings and an unknown service's banner. */
    private static void serviceInfo(JsonGenerator g, ServiceDetails d) throws IOException {
        g.writeObjectFieldStart("service_info");
        g.writeStringField("name", d.name());
        g.writeStringField("product", d.product());
        g.writeStringField("version", d.version());
        g.writeStringField("extrainfo", d.extraInfo());
        g.writeStringField("hostname", d.hostname());
        g.writeStringField("ostype", d.osType());
        g.writeStringField("devicetype", d.deviceType());
        g.writeArrayFieldStart("cpe");
        for (String cpe : d.cpes()) {
            g.writeString(cpe);
        }
        g.writeEndArray();
        g.writeStringField("method", d.method().label());
        g.writeNumberField("conf", d.confidence());
        g.writeStringField("banner", d.banner());
        if (d.tls().isPresent()) {
            tls(g, d.tls().get());
        } else {
            g.writeNullField("tls");
        }
        g.writeEndObject();
    }

    private static void tls(JsonGenerator g, TlsInspection.Tls tls) throws IOException {
        g.writeObjectFieldStart("tls");
        g.writeArrayFieldStart("versions");
        for (TlsVersion v : tls.versions()) {
            g.writeString(v.label());
        }
        g.writeEndArray();
        TlsSession s = tls.session().orElse(null);
        g.writeStringField("protocol", s == null ? null : s.protocol());
        g.writeStringField("cipher_suite", s == null ? null : s.cipherSuite());
        g.writeStringField("alpn", s == null ? null : s.alpn().orElse(null));
        g.writeStringField("error", tls.error().orElse(null));
        g.writeArrayFieldStart("certificates");
        for (CertificateInfo c : s == null ? List.<CertificateInfo>of() : s.chain()) {
            g.writeStartObject();
            g.writeStringField("subject", c.subject());
            g.writeStringField("issuer", c.issuer());
            g.writeArrayFieldStart("subject_alt_names");
            for (String san : c.subjectAltNames()) {
                g.writeString(san);
            }
            g.writeEndArray();
            g.writeStringField("not_before", c.notBefore().toString());
            g.writeStringField("not_after", c.notAfter().toString());
            g.writeStringField("key_type", c.keyType());
            g.writeNumberField("key_bits", c.keyBits());
            g.writeStringField("signature_algorithm", c.signatureAlgorithm());
            g.writeBooleanField("self_signed", c.selfSigned());
            g.writeStringField("sha256", c.sha256());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** end, elapsed_ms, host counts, interrupted, error and the probe accounting. */
    static void summary(JsonGenerator g, ScanSummary s) throws IOException {
        g.writeStringField("end", s.end().toString());
        g.writeNumberField("elapsed_ms", s.elapsedMillis());
        g.writeNumberField("hosts_up", s.hostsUp());
        g.writeNumberField("hosts_down", s.hostsDown());
        g.writeNumberField("hosts_total", s.hostsTotal());
        g.writeBooleanField("interrupted", s.interrupted());
        if (s.errorMessage().isPresent()) {
            g.writeStringField("error", s.errorMessage().get());
        } else {
            g.writeNullField("error");
        }
        g.writeNumberField("probes_sent", s.probesSent());
        g.writeNumberField("probes_retried", s.probesRetried());
        g.writeNumberField("probes_unanswered", s.probesUnanswered());
    }
}
