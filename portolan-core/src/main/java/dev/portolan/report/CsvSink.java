package dev.portolan.report;

import dev.portolan.result.HostResult;
import dev.portolan.result.PortResult;
import dev.portolan.result.ScanMeta;
import dev.portolan.result.ScanSummary;
import dev.portolan.result.ServiceDetails;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * RFC 4180 CSV ({@code -oC}): a header row, then one row per listed port. A host with no listed port gets one row
 * whose protocol and port are empty and whose state and reason are the host's status ("up", "down") and its reason.
 */
final class CsvSink extends StreamingSink {
    static final List<String> HEADER =
            List.of("host", "hostname", "protocol", "port", "state", "reason", "reason_ttl", "service", "product",
                    "version", "extra_info", "mac", "vendor", "netbios_name",
                    "netbios_workgroup");

    CsvSink(OutputStream stream, ReportOptions options) {
        super(stream, options);
    }

    @Override
    void writeHeader(ScanMeta meta) throws IOException {
        row(HEADER);
    }

    @Override
    void writeHost(HostResult host) throws IOException {
        String ip = host.target().ip();
        String name = NmapText.displayName(host);
        List<PortResult> ports = rule.ports(host).shown();
        String mac = host.inventory().mac().orElse("");
        String vendor = host.inventory().vendor().orElse("");
        String nbName = host.inventory().netbios().map(n -> n.name()).orElse("");
        String nbGroup = host.inventory().netbios().flatMap(n -> n.workgroup()).orElse("");
        if (ports.isEmpty()) {
            String ttl = host.inventory().replyTtl() == 0 ? "" : Integer.toString(host.inventory().replyTtl());
            row(List.of(ip, name, "", "", host.status().label(), host.statusReason().label(), ttl, "", "", "", "",
                    mac, vendor, nbName, nbGroup));
            return;
        }
        for (PortResult p : ports) {
            row(List.of(ip, name, p.protocol().label(), Integer.toString(p.port()), p.state().label(),
                    p.reason().label(), Integer.toString(p.reasonTtl()),
                    p.details().isPresent() ? ServiceText.name(p) : p.service().orElse(""),
                    p.details().map(ServiceDetails::product).orElse(""),
                    p.details().map(ServiceDetails::version).orElse(""),
                    p.details().map(ServiceDetails::extraInfo).orElse(""), mac, vendor, nbName, nbGroup));
        }
    }

    @Override
    void writeTrailer(ScanSummary summary) {
        // CSV has no trailer: the last row already completes the document
    }

    private void row(List<String> fields) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(field(fields.get(i)));
        }
        out.write(sb.append("\r\n").toString());
    }

    /** RFC 4180: quoted when it holds a comma, quote, CR or LF; inner quotes doubled. */
    static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
