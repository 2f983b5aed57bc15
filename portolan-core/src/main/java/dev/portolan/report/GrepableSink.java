package dev.portolan.report;

import dev.portolan.result.HostResult;
import dev.portolan.result.HostStatus;
import dev.portolan.result.PortResult;
import dev.portolan.result.ScanInfo;
import dev.portolan.result.ScanMeta;
import dev.portolan.result.ScanSummary;
import dev.portolan.target.Protocol;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/** nmap's grepable output ({@code -oG}): one "Host:" line for the status and one for the ports, tab-separated fields. */
final class GrepableSink extends StreamingSink {
    private String scanner;

    GrepableSink(OutputStream stream, ReportOptions options) {
        super(stream, options);
    }

    @Override
    void writeHeader(ScanMeta meta) throws IOException {
        scanner = NmapText.title(meta.scanner());
        out.write("# " + scanner + " " + meta.version() + " scan initiated " + time.ctime(meta.start()) + " as: "
                + NmapText.printable(meta.args()) + "\n");
        if (options.verbosity() >= 1) {
            out.write("# Ports scanned: " + scanned(meta, Protocol.TCP, "TCP") + " " + scanned(meta, Protocol.UDP, "UDP")
                    + " " + scanned(meta, Protocol.SCTP, "SCTP") + " PROTOCOLS(0;)\n");
        }
    }

    private static String scanned(ScanMeta meta, Protocol protocol, String name) {
        return meta.scanInfos().stream().filter(i -> i.protocol() == protocol).findFirst()
                .map((ScanInfo i) -> name + "(" + i.numServices() + ";" + i.services() + ")")
                .orElse(name + "(0;)");
    }

    @Override
    void writeHost(HostResult host) throws IOException {
        String prefix = "Host: " + host.target().ip() + " (" + NmapText.printable(NmapText.ptrName(host)) + ")\t";
        StringBuilder sb = new StringBuilder();
        sb.append(prefix).append("Status: ").append(switch (host.status()) {
            case UP -> "Up";
            case DOWN -> "Down";
            case UNKNOWN -> "Unknown";
        }).append('\n');
        if (host.status() == HostStatus.UP) {
            if (host.timedOut()) {
                sb.append(prefix).append("Status: Timeout\n");
            } else if (!host.ports().isEmpty()) {
                appendPorts(sb, prefix, rule.ports(host));
            }
        }
        out.write(sb.toString());
    }

    private static void appendPorts(StringBuilder sb, String prefix, PortListing listing) {
        List<String> entries = new ArrayList<>(listing.shown().size());
        for (PortResult p : listing.shown()) {
            // '/' separates the fields, so nmap turns it into '|' inside a value
            String service = NmapText.printable(p.details().isPresent() ? ServiceText.name(p) : p.service().orElse(""))
                    .replace('/', '|');
            String version = NmapText.printable(ServiceText.version(p)).replace('/', '|');
            entries.add(p.port() + "/" + p.state().label() + "/" + p.protocol().label() + "//" + service + "//"
                    + version + "/");
        }
        sb.append(prefix).append("Ports: ").append(String.join(", ", entries));
        // the format has room for one collapsed state only
        if (listing.ignored().size() == 1) {
            PortListing.IgnoredState state = listing.ignored().getFirst();
            sb.append("\tIgnored State: ").append(state.state().label()).append(" (").append(state.count()).append(')');
        }
        sb.append('\n');
    }

    @Override
    void writeTrailer(ScanSummary summary) throws IOException {
        if (summary.errorMessage().isPresent()) {
            out.write("# Scan ended on an error: " + NmapText.printable(summary.errorMessage().get())
                    + "; the results are incomplete.\n");
        } else if (summary.interrupted()) {
            out.write("# Scan interrupted by user; the results are incomplete.\n");
        }
        out.write("# " + scanner + " done at " + time.ctime(summary.end()) + " -- " + NmapText.doneCounts(summary)
                + "\n");
    }
}
