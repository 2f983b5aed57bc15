package dev.portolan.report;

import dev.portolan.report.PortListing.IgnoredState;
import dev.portolan.report.PortListing.ReasonGroup;
import dev.portolan.result.HostResult;
import dev.portolan.result.HostStatus;
import dev.portolan.result.PortResult;
import dev.portolan.result.ScanMeta;
import dev.portolan.result.ScanSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * nmap's normal output ({@code -oN}) and, with {@code terminal}, its interactive screen output: the same host
 * reports, framed by "Starting ..." / "... done:" lines instead of '#' comment lines.
 */
final class NormalSink extends StreamingSink {
    private final boolean terminal;
    private String scanner;

    NormalSink(OutputStream stream, ReportOptions options, boolean terminal) {
        super(stream, options);
        this.terminal = terminal;
    }

    @Override
    void writeHeader(ScanMeta meta) throws IOException {
        scanner = NmapText.title(meta.scanner());
        if (terminal) {
            out.write("Starting " + scanner + " " + meta.version() + " at " + time.minute(meta.start()) + "\n");
        } else {
            out.write("# " + scanner + " " + meta.version() + " scan initiated " + time.ctime(meta.start())
                    + " as: " + NmapText.printable(meta.args()) + "\n");
        }
    }

    @Override
    void writeHost(HostResult host) throws IOException {
        String nameIp = NmapText.nameIp(host);
        StringBuilder sb = new StringBuilder();
        sb.append(scanner).append(" scan report for ").append(nameIp);
        if (host.status() == HostStatus.DOWN) {
            sb.append(" [host down");
            if (options.reasons()) {
                sb.append(", received ").append(host.statusReason().label());
            }
            out.write(sb.append("]\n").toString());
            return;
        }
        sb.append('\n');
        if (host.status() == HostStatus.UP) {
            sb.append("Host is up");
            if (options.reasons()) {
                sb.append(", received ").append(host.statusReason().label());
                // as nmap: the TTL of the answer that showed it up, where one did
                if (host.inventory().replyTtl() != 0) {
                    sb.append(" ttl ").append(host.inventory().replyTtl());
                }
            }
            host.times().ifPresent(t -> sb.append(" (").append(NmapText.latency(t.srttMicros())).append("s latency)"));
            sb.append(".\n");
        }
        appendRdns(sb, host);
        if (host.timedOut()) {
            sb.append("Skipping host ").append(nameIp).append(" due to host timeout\n");
        } else if (host.status() == HostStatus.UP && !(host.ports().isEmpty() && meta.scanInfos().isEmpty())) {
            appendPorts(sb, host, nameIp);
            appendMac(sb, host);
            appendNetbios(sb, host);
            sb.append('\n');
        } else {
            appendMac(sb, host);
            appendNetbios(sb, host);
        }
        out.write(sb.toString());
    }

    /** nmap's line for a MAC found on a directly connected segment, with the vendor or "Unknown". */
    private static void appendMac(StringBuilder sb, HostResult host) {
        host.inventory().mac().ifPresent(mac -> sb.append("MAC Address: ").append(mac).append(" (")
                .append(host.inventory().vendor().orElse("Unknown")).append(")\n"));
    }

    /** nmap's host script block, as its nbstat script prints it. */
    private static void appendNetbios(StringBuilder sb, HostResult host) {
        host.inventory().netbios().ifPresent(nb -> sb.append("\nHost script results:\n|_nbstat: ")
                .append(NmapText.printable(nb.summary())).append('\n'));
    }

    /** nmap names the reverse-DNS record when it differs from the name the user gave. */
    private static void appendRdns(StringBuilder sb, HostResult host) {
        String ptr = NmapText.ptrName(host);
        host.target().userName()
                .filter(user -> !ptr.isEmpty() && !user.equals(ptr))
                .ifPresent(user -> sb.append("rDNS record for ").append(host.target().ip()).append(": ")
                        .append(NmapText.printable(ptr)).append('\n'));
    }

    private void appendPorts(StringBuilder sb, HostResult host, String nameIp) {
        PortListing listing = rule.ports(host);
        if (listing.total() == 0) {
            sb.append("0 ports scanned on ").append(nameIp).append('\n');
            return;
        }
        if (host.answersEveryPort()) {
            sb.append("Warning: ").append(NmapText.everyPortNote(host)).append('\n');
        }
        if (listing.allIgnored()) {
            boolean one = listing.total() == 1;
            sb.append(one ? "The " : "All ").append(listing.total()).append(one ? " scanned port on " : " scanned ports on ")
                    .append(nameIp).append(one ? " is" : " are").append(" in ignored states.\n");
            sb.append(notShown(listing)).append('\n');
            return;
        }
        if (options.verbosity() >= 2) {
            long seconds = host.end().getEpochSecond() - host.start().getEpochSecond();
            sb.append("Scanned at ").append(time.second(host.start())).append(" for ").append(seconds).append("s\n");
        }
        // nmap leaves the line empty when nothing is collapsed
        sb.append(listing.ignored().isEmpty() ? "" : notShown(listing)).append('\n');
        sb.append(table(listing.shown()));
        ServiceText.serviceInfo(host).ifPresent(line -> sb.append(line).append('\n'));
    }

    /** "Not shown: 997 closed tcp ports (reset), 2 filtered tcp ports (no-response)". */
    private static String notShown(PortListing listing) {
        List<String> parts = new ArrayList<>();
        for (IgnoredState state : listing.ignored()) {
            String noun = state.count() == 1 ? "port" : "ports";
            for (ReasonGroup g : state.reasons()) {
                parts.add(g.count() + " " + state.state().label() + " " + g.protocol().label() + " " + noun
                        + " (" + g.reason().label() + ")");
            }
        }
        return "Not shown: " + String.join(", ", parts);
    }

    private String table(List<PortResult> ports) {
        boolean reasons = options.reasons();
        // nmap adds the VERSION column when version detection ran
        boolean versions = ports.stream().anyMatch(p -> p.details().isPresent());
        List<String> header = new ArrayList<>(List.of("PORT", "STATE", "SERVICE"));
        if (reasons) {
            header.add("REASON");
        }
        if (versions) {
            header.add("VERSION");
        }
        TextTable table = new TextTable(header.toArray(String[]::new));
        for (PortResult p : ports) {
            List<String> row = new ArrayList<>(List.of(p.port() + "/" + p.protocol().label(), p.state().label(),
                    NmapText.printable(ServiceText.name(p))));
            if (reasons) {
                row.add(p.reason().label() + (p.reasonTtl() != 0 ? " ttl " + p.reasonTtl() : ""));
            }
            if (versions) {
                row.add(NmapText.printable(ServiceText.version(p)));
            }
            table.add(row.toArray(String[]::new));
            ServiceText.notes(p).forEach(table::note);
        }
        return table.render();
    }

    @Override
    void writeTrailer(ScanSummary summary) throws IOException {
        String prefix = terminal ? "" : "# ";
        StringBuilder sb = new StringBuilder();
        if (summary.errorMessage().isPresent()) {
            sb.append(prefix).append("Scan ended on an error: ").append(NmapText.printable(summary.errorMessage().get()))
                    .append("; the results are incomplete.\n");
        } else if (summary.interrupted()) {
            sb.append(prefix).append("Scan interrupted by user; the results are incomplete.\n");
        }
        if (options.verbosity() >= 1) {
            sb.append("Probes sent: ").append(summary.probesSent()).append(" (").append(summary.probesRetried())
                    .append(" retried, ").append(summary.probesUnanswered()).append(" unanswered)\n");
        }
        if (terminal) {
            sb.append(scanner).append(" done: ").append(NmapText.doneCounts(summary)).append('\n');
        } else {
            sb.append("# ").append(scanner).append(" done at ").append(time.ctime(summary.end())).append(" -- ")
                    .append(NmapText.doneCounts(summary)).append('\n');
        }
        out.write(sb.toString());
    }
}
