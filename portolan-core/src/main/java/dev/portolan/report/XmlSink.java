package dev.portolan.report;

import dev.portolan.report.PortListing.IgnoredState;
import dev.portolan.report.PortListing.ReasonGroup;
import dev.portolan.result.HostResult;
import dev.portolan.result.HostStatus;
import dev.portolan.result.HostTimes;
import dev.portolan.result.PortResult;
import dev.portolan.result.ScanInfo;
import dev.portolan.result.ScanMeta;
import dev.portolan.result.ScanSummary;
import dev.portolan.result.ServiceDetails;
import dev.portolan.service.tls.TlsSession;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * nmap's XML output ({@code -oX}), element for element as nmap 7.93 writes it and valid against
 * {@code nmap.dtd}. The root says {@code scanner="nmap"} because the DTD allows no other value; the leading comment,
 * {@code args} and {@code version} say that Portolan wrote it.
 */
final class XmlSink extends StreamingSink {
    /** The only value nmap.dtd allows for {@code <nmaprun scanner>}. */
    static final String DTD_SCANNER = "nmap";
    static final String STYLESHEET = "file:///usr/share/nmap/nmap.xsl";
    static final String XML_OUTPUT_VERSION = "1.05";

    /** A host's text is built here, reused from host to host (a large one is not kept). */
    private static final int INITIAL_CAPACITY = 512;
    private static final int KEPT_CAPACITY = 1 << 16;

    private static final byte[] HOST = TextBytes.ascii("<host");
    private static final byte[] STATUS = TextBytes.ascii("><status state=\"");
    private static final byte[] REASON = TextBytes.ascii("\" reason=\"");
    private static final byte[] REASON_TTL = TextBytes.ascii("\" reason_ttl=\"");
    private static final byte[] END_EMPTY = TextBytes.ascii("\"/>\n");
    private static final byte[] ADDRESS = TextBytes.ascii("<address addr=\"");
    private static final byte[] ADDRTYPE_IPV4 = TextBytes.ascii("\" addrtype=\"ipv4\"/>\n");
    private static final byte[] ADDRTYPE_IPV6 = TextBytes.ascii("\" addrtype=\"ipv6\"/>\n");
    private static final byte[] HOSTNAMES = TextBytes.ascii("<hostnames>\n");
    private static final byte[] HOSTNAMES_END = TextBytes.ascii("</hostnames>\n");
    private static final byte[] TIMES = TextBytes.ascii("<times srtt=\"");
    private static final byte[] RTTVAR = TextBytes.ascii("\" rttvar=\"");
    private static final byte[] TO = TextBytes.ascii("\" to=\"");
    private static final byte[] HOST_END = TextBytes.ascii("</host>\n");

    private String scanner;
    private TextBytes text = new TextBytes(INITIAL_CAPACITY);

    XmlSink(OutputStream stream, ReportOptions options) {
        super(stream, options);
    }

    @Override
    void writeHeader(ScanMeta meta) throws IOException {
        scanner = NmapText.title(meta.scanner());
        String startstr = time.ctime(meta.start());
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<!DOCTYPE nmaprun>\n");
        sb.append("<?xml-stylesheet href=\"").append(STYLESHEET).append("\" type=\"text/xsl\"?>\n");
        sb.append("<!-- ").append(XmlText.comment(scanner + " " + meta.version() + " scan initiated " + startstr
                + " as: " + meta.args())).append(" -->\n");
        sb.append("<nmaprun scanner=\"").append(DTD_SCANNER).append("\" args=\"").append(XmlText.attr(meta.args()))
                .append("\" start=\"").append(meta.start().getEpochSecond())
                .append("\" startstr=\"").append(XmlText.attr(startstr))
                .append("\" version=\"").append(XmlText.attr(meta.version()))
                .append("\" xmloutputversion=\"").append(XML_OUTPUT_VERSION).append("\">\n");
        for (ScanInfo info : meta.scanInfos()) {
            sb.append("<scaninfo type=\"").append(XmlText.attr(info.type()));
            info.scanFlags().ifPresent(f -> sb.append("\" scanflags=\"").append(XmlText.attr(f)));
            sb.append("\" protocol=\"").append(info.protocol().label())
                    .append("\" numservices=\"").append(info.numServices())
                    .append("\" services=\"").append(XmlText.attr(info.services())).append("\"/>\n");
        }
        sb.append("<verbose level=\"").append(meta.verbosity()).append("\"/>\n");
        sb.append("<debugging level=\"0\"/>\n");
        out.write(sb.toString());
    }

    @Override
    void writeHost(HostResult host) throws IOException {
        boolean up = host.status() == HostStatus.UP;
        boolean portScan = !meta.scanInfos().isEmpty() || !host.ports().isEmpty();
        TextBytes sb = text;
        sb.clear();
        sb.append(HOST);
        // nmap gives times only to hosts it port-scanned, and none to the down hosts it lists with -v
        if (up && portScan) {
            sb.append(" starttime=\"").append(host.start().getEpochSecond())
                    .append("\" endtime=\"").append(host.end().getEpochSecond()).append('"');
            if (host.timedOut()) {
                sb.append(" timedout=\"true\"");
            }
        }
        sb.append(STATUS).append(host.status().label()).append(REASON).append(host.statusReason().label())
                .append(REASON_TTL).append(host.inventory().replyTtl()).append(END_EMPTY);
        sb.append(ADDRESS).appendIp(host.target().address())
                .append(host.target().isIpv6() ? ADDRTYPE_IPV6 : ADDRTYPE_IPV4);
        if (host.inventory().mac().isPresent()) {
            sb.append("<address addr=\"").append(host.inventory().mac().get()).append("\" addrtype=\"mac\"");
            host.inventory().vendor().ifPresent(v -> sb.append(" vendor=\"").append(XmlText.attr(v)).append('"'));
            sb.append("/>\n");
        }
        appendHostnames(sb, host);
        // nmap 7.93 drops the ports and times of a host cut short by --host-timeout
        if (up && !host.timedOut()) {
            if (portScan) {
                appendPorts(sb, rule.ports(host));
            }
            appendHostScripts(sb, host);
            if (host.times().isPresent()) {
                appendTimes(sb, host.times().get());
            }
        }
        sb.append(HOST_END);
        out.write(sb);
        if (sb.capacity() > KEPT_CAPACITY) {
            text = new TextBytes(INITIAL_CAPACITY);
        }
    }

    /** Findings about the host as a whole, the DTD's place for them: a port-answering tarpit, NetBIOS names. */
    private static void appendHostScripts(TextBytes sb, HostResult host) {
        boolean everyPort = host.answersEveryPort();
        var netbios = host.inventory().netbios();
        if (!everyPort && netbios.isEmpty()) {
            return;
        }
        sb.append("<hostscript>");
        if (everyPort) {
            sb.append("<script id=\"portolan-every-port\" output=\"")
                    .append(XmlText.attr(NmapText.everyPortNote(host))).append("\"/>");
        }
        netbios.ifPresent(nb -> {
            // nmap's nbstat script: its output line and its keys
            sb.append("<script id=\"nbstat\" output=\"").append(XmlText.attr(nb.summary())).append("\">");
            elem(sb, "server_name", nb.name());
            nb.workgroup().ifPresent(w -> elem(sb, "workgroup", w));
            elem(sb, "user", nb.user().orElse("<unknown>"));
            nb.mac().ifPresent(m -> elem(sb, "mac", m));
            sb.append("<table key=\"names\">");
            for (String n : nb.names()) {
                sb.append("<elem>").append(XmlText.attr(n)).append("</elem>");
            }
            sb.append("</table></script>");
        });
        sb.append("</hostscript>\n");
    }

    private static void elem(TextBytes sb, String key, String value) {
        sb.append("<elem key=\"").append(key).append("\">").append(XmlText.attr(value)).append("</elem>");
    }

    /** Written for an up host even when empty, and for other hosts only when there is a name. */
    private static void appendHostnames(TextBytes sb, HostResult host) {
        if (host.status() != HostStatus.UP && host.target().userName().isEmpty() && host.ptrNames().isEmpty()) {
            return;
        }
        sb.append(HOSTNAMES);
        if (host.target().userName().isPresent()) {
            sb.append("<hostname name=\"").append(XmlText.attr(host.target().userName().get()))
                    .append("\" type=\"user\"/>\n");
        }
        List<String> ptrNames = host.ptrNames();
        for (int i = 0; i < ptrNames.size(); i++) {
            sb.append("<hostname name=\"").append(XmlText.attr(ptrNames.get(i))).append("\" type=\"PTR\"/>\n");
        }
        sb.append(HOSTNAMES_END);
    }

    private static void appendPorts(TextBytes sb, PortListing listing) {
        sb.append("<ports>");
        for (IgnoredState state : listing.ignored()) {
            sb.append("<extraports state=\"").append(state.state().label()).append("\" count=\"").append(state.count())
                    .append("\">\n");
            for (ReasonGroup g : state.reasons()) {
                sb.append("<extrareasons reason=\"").append(g.reason().label()).append("\" count=\"").append(g.count())
                        .append("\" proto=\"").append(g.protocol().label()).append("\" ports=\"").append(g.ports())
                        .append("\"/>\n");
            }
            sb.append("</extraports>\n");
        }
        for (PortResult p : listing.shown()) {
            sb.append("<port protocol=\"").append(p.protocol().label()).append("\" portid=\"").append(p.port())
                    .append("\"><state state=\"").append(p.state().label()).append("\" reason=\"")
                    .append(p.reason().label()).append("\" reason_ttl=\"").append(p.reasonTtl()).append("\"/>");
            if (p.details().isPresent()) {
                appendService(sb, p.details().get());
            } else {
                p.service().ifPresent(s -> sb.append("<service name=\"").append(XmlText.attr(s))
                        .append("\" method=\"table\" conf=\"3\"/>"));
            }
            sb.append("</port>\n");
        }
        sb.append("</ports>\n");
    }

    /** nmap's {@code <service>} with its CPEs, then the TLS findings as nmap's ssl-cert script would give them. */
    private static void appendService(TextBytes sb, ServiceDetails d) {
        sb.append("<service name=\"").append(XmlText.attr(d.name())).append('"');
        attribute(sb, "product", d.product());
        attribute(sb, "version", d.version());
        attribute(sb, "extrainfo", d.extraInfo());
        attribute(sb, "hostname", d.hostname());
        attribute(sb, "ostype", d.osType());
        attribute(sb, "devicetype", d.deviceType());
        if (d.overTls()) {
            sb.append(" tunnel=\"ssl\"");
        }
        sb.append(" method=\"").append(d.method().label()).append("\" conf=\"").append(d.confidence()).append('"');
        if (d.cpes().isEmpty()) {
            sb.append("/>");
        } else {
            sb.append('>');
            for (String cpe : d.cpes()) {
                sb.append("<cpe>").append(XmlText.attr(cpe)).append("</cpe>");
            }
            sb.append("</service>");
        }
        d.tls().ifPresent(tls -> {
            List<String> lines = new ArrayList<>();
            tls.session().flatMap(TlsSession::leaf).ifPresent(c -> lines.addAll(ServiceText.certificate(c)));
            if (!lines.isEmpty()) {
                // nmap's script output starts with the script's own name removed
                lines.set(0, lines.getFirst().substring("ssl-cert: ".length()));
                sb.append("<script id=\"ssl-cert\" output=\"").append(XmlText.attr(String.join("\n", lines)))
                        .append("\"/>");
            }
            sb.append("<script id=\"tls-versions\" output=\"").append(XmlText.attr(ServiceText.tlsLine(tls)))
                    .append("\"/>");
        });
        if (!d.banner().isEmpty()) {
            sb.append("<script id=\"banner\" output=\"").append(XmlText.attr(d.banner())).append("\"/>");
        }
    }

    private static void attribute(TextBytes sb, String name, String value) {
        if (!value.isEmpty()) {
            sb.append(' ').append(name).append("=\"").append(XmlText.attr(value)).append('"');
        }
    }

    private static void appendTimes(TextBytes sb, HostTimes t) {
        sb.append(TIMES).append(t.srttMicros()).append(RTTVAR).append(t.rttvarMicros())
                .append(TO).append(t.timeoutMicros()).append(END_EMPTY);
    }

    @Override
    void writeTrailer(ScanSummary summary) throws IOException {
        String timestr = time.ctime(summary.end());
        String elapsed = NmapText.seconds(summary.elapsedMillis());
        String verb = summary.errorMessage().isPresent() ? " aborted at " : summary.interrupted() ? " interrupted at "
                : " done at ";
        StringBuilder sb = new StringBuilder();
        sb.append("<runstats><finished time=\"").append(summary.end().getEpochSecond())
                .append("\" timestr=\"").append(XmlText.attr(timestr))
                .append("\" summary=\"").append(XmlText.attr(scanner + verb + timestr + "; " + NmapText.doneCounts(summary)))
                .append("\" elapsed=\"").append(elapsed)
                .append("\" exit=\"").append(summary.exitLabel()).append('"');
        if (summary.errorMessage().isPresent()) {
            sb.append(" errormsg=\"").append(XmlText.attr(summary.errorMessage().get())).append('"');
        } else if (summary.interrupted()) {
            sb.append(" errormsg=\"Scan interrupted by user\"");
        }
        sb.append("/><hosts up=\"").append(summary.hostsUp()).append("\" down=\"").append(summary.hostsDown())
                .append("\" total=\"").append(summary.hostsTotal()).append("\"/>\n");
        sb.append("</runstats>\n");
        sb.append("</nmaprun>\n");
        out.write(sb.toString());
    }
}
