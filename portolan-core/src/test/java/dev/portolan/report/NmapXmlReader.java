package dev.portolan.report;

import dev.portolan.result.HostResult;
import dev.portolan.result.HostStatus;
import dev.portolan.result.HostTimes;
import dev.portolan.result.PortResult;
import dev.portolan.result.PortState;
import dev.portolan.result.Reason;
import dev.portolan.result.ScanInfo;
import dev.portolan.result.ScanMeta;
import dev.portolan.result.ScanSummary;
import dev.portolan.target.Protocol;
import dev.portolan.target.Target;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Test-only: turns an nmap XML file back into Portolan's result types, extraports expanded port by port. */
final class NmapXmlReader {
    record Scan(ScanMeta meta, List<HostResult> hosts, ScanSummary summary) {
    }

    private NmapXmlReader() {
    }

    static Scan read(Path file) throws IOException {
        Document doc = parse(file);
        Element root = doc.getDocumentElement();
        List<ScanInfo> infos = new ArrayList<>();
        for (Element si : children(root, "scaninfo")) {
            infos.add(new ScanInfo(si.getAttribute("type"), protocol(si.getAttribute("protocol")),
                    Integer.parseInt(si.getAttribute("numservices")), si.getAttribute("services"),
                    si.hasAttribute("scanflags") ? java.util.Optional.of(si.getAttribute("scanflags"))
                            : java.util.Optional.empty()));
        }
        ScanMeta meta = new ScanMeta("portolan", "0.1.0", root.getAttribute("args"),
                Instant.ofEpochSecond(Long.parseLong(root.getAttribute("start"))), infos, 0);
        List<HostResult> hosts = new ArrayList<>();
        for (Element h : children(root, "host")) {
            hosts.add(host(h));
        }
        Element runstats = children(root, "runstats").getFirst();
        Element finished = children(runstats, "finished").getFirst();
        Element counts = children(runstats, "hosts").getFirst();
        long elapsedMillis = new BigDecimal(finished.getAttribute("elapsed")).movePointRight(3).longValueExact();
        ScanSummary summary = new ScanSummary(Instant.ofEpochSecond(Long.parseLong(finished.getAttribute("time"))),
                elapsedMillis, Integer.parseInt(counts.getAttribute("up")), Integer.parseInt(counts.getAttribute("down")),
                Integer.parseInt(counts.getAttribute("total")), false, Optional.empty(), 0, 0, 0);
        return new Scan(meta, hosts, summary);
    }

    private static HostResult host(Element h) throws IOException {
        Element status = children(h, "status").getFirst();
        Element address = children(h, "address").getFirst();
        String user = null;
        List<String> ptr = new ArrayList<>();
        for (Element names : children(h, "hostnames")) {
            for (Element n : children(names, "hostname")) {
                if (n.getAttribute("type").equals("user")) {
                    user = n.getAttribute("name");
                } else {
                    ptr.add(n.getAttribute("name"));
                }
            }
        }
        var ip = ReportFixtures.address(address.getAttribute("addr"));
        Target target = user == null ? Target.of(ip) : Target.named(ip, user);
        List<PortResult> ports = new ArrayList<>();
        for (Element ps : children(h, "ports")) {
            for (Element extra : children(ps, "extraports")) {
                PortState state = PortState.fromLabel(extra.getAttribute("state"));
                for (Element r : children(extra, "extrareasons")) {
                    for (int port : expand(r.getAttribute("ports"))) {
                        ports.add(new PortResult(protocol(r.getAttribute("proto")), port, state,
                                reason(r.getAttribute("reason")), 0, Optional.empty()));
                    }
                }
            }
            for (Element p : children(ps, "port")) {
                Element st = children(p, "state").getFirst();
                Optional<String> service = children(p, "service").stream().map(s -> s.getAttribute("name")).findFirst();
                ports.add(new PortResult(protocol(p.getAttribute("protocol")), Integer.parseInt(p.getAttribute("portid")),
                        PortState.fromLabel(st.getAttribute("state")), reason(st.getAttribute("reason")),
                        Integer.parseInt(st.getAttribute("reason_ttl")), service));
            }
        }
        ports.sort(Comparator.comparing(PortResult::protocol).thenComparingInt(PortResult::port));
        Optional<HostTimes> times = children(h, "times").stream().findFirst().map(t -> new HostTimes(
                Long.parseLong(t.getAttribute("srtt")), Long.parseLong(t.getAttribute("rttvar")),
                Long.parseLong(t.getAttribute("to"))));
        Instant start = Instant.ofEpochSecond(h.hasAttribute("starttime") ? Long.parseLong(h.getAttribute("starttime")) : 0);
        Instant end = Instant.ofEpochSecond(h.hasAttribute("endtime") ? Long.parseLong(h.getAttribute("endtime")) : 0);
        return new HostResult(target, HostStatus.valueOf(status.getAttribute("state").toUpperCase(Locale.ROOT)),
                reason(status.getAttribute("reason")), ptr, ports, start, end, times,
                "true".equals(h.getAttribute("timedout")));
    }

    static List<Integer> expand(String ranges) {
        List<Integer> ports = new ArrayList<>();
        for (String part : ranges.split(",")) {
            String[] ends = part.split("-");
            int from = Integer.parseInt(ends[0]);
            int to = ends.length == 2 ? Integer.parseInt(ends[1]) : from;
            for (int p = from; p <= to; p++) {
                ports.add(p);
            }
        }
        return ports;
    }

    private static Reason reason(String label) {
        for (Reason r : Reason.values()) {
            if (r.label().equals(label)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown reason: " + label);
    }

    private static Protocol protocol(String label) {
        return Protocol.valueOf(label.toUpperCase(Locale.ROOT));
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> result = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && e.getTagName().equals(name)) {
                result.add(e);
            }
        }
        return result;
    }

    private static Document parse(Path file) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return f.newDocumentBuilder().parse(file.toFile());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("cannot parse " + file + ": " + e.getMessage(), e);
        }
    }
}
