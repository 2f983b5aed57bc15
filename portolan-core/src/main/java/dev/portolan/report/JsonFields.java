package dev.portolan.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.portolan.report.PortListing.IgnoredState;
import dev.portolan.report.PortListing.ReasonGroup;
import dev.portolan.result.HostResult;
import dev.portolan.result.HostTimes;
import dev.portolan.result.PortResult;
import dev.portolan.result.ScanInfo;
import dev.portolan.result.ScanMeta;
import dev.portolan.result.ScanSummary;
import java.io.IOException;
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
            g.writeStringField("protocol", info.protocol().label());
            g.writeNumberField("numservices", info.numServices());
            g.writeStringField("services", info.services());
            g.writeEndObject();
        }
        g.writeEndArray();
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
