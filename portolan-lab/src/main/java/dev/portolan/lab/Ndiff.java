package dev.portolan.lab;

import dev.portolan.result.PortState;
import dev.portolan.target.Protocol;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Runs nmap's {@code ndiff} on two reports and says whether it finds a port whose state changed. ndiff compares
 * listed ports and extraports counts only, so a port moving between two folded groups escapes it; use
 * {@link NmapXml#differences} for the exact answer.
 */
public final class Ndiff {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private Ndiff() {
    }

    /**
     * What ndiff found.
     *
     * @param portStatesDiffer whether some port has a different state, or some host is in one report only
     * @param changes one line per such difference, like "198.51.100.2 22/tcp: filtered -> open"
     */
    public record Result(boolean portStatesDiffer, List<String> changes) {
        public Result {
            changes = List.copyOf(changes);
        }
    }

    public static boolean available() {
        return Shell.onPath("ndiff");
    }

    /** Runs {@code ndiff --xml a b}; a port that one side folds into extraports gets its state from that file. */
    public static Result compare(Path a, Path b) {
        Shell.Result r = Shell.run(TIMEOUT, null, List.of("ndiff", "--xml", a.toString(), b.toString()));
        if (r.exitCode() != 0 && r.exitCode() != 1) {
            r.orThrow();
        }
        return interpret(parse(r.stdout()), new States(a), new States(b));
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new NmapXmlException("cannot read ndiff's output: " + e.getMessage(), e);
        }
    }

    private static Result interpret(Document doc, States a, States b) {
        List<String> changes = new ArrayList<>();
        NodeList hostdiffs = doc.getElementsByTagName("hostdiff");
        for (int i = 0; i < hostdiffs.getLength(); i++) {
            Element hostdiff = (Element) hostdiffs.item(i);
            Element host = child(hostdiff, "host");
            if (host == null) {
                Element side = child(hostdiff, "a") != null ? child(hostdiff, "a") : child(hostdiff, "b");
                Element only = side == null ? null : child(side, "host");
                if (only != null) {
                    changes.add(address(only) + ": only in " + side.getTagName());
                }
                continue;
            }
            String addr = address(host);
            NodeList portdiffs = host.getElementsByTagName("portdiff");
            for (int j = 0; j < portdiffs.getLength(); j++) {
                Element portdiff = (Element) portdiffs.item(j);
                Element portA = port(portdiff, "a");
                Element portB = port(portdiff, "b");
                Element any = portA != null ? portA : portB;
                if (any == null) {
                    continue;
                }
                int portId = Integer.parseInt(any.getAttribute("portid"));
                Protocol protocol = protocol(any.getAttribute("protocol"));
                PortState sa = state(portA).orElseGet(() -> a.of(addr, protocol, portId));
                PortState sb = state(portB).orElseGet(() -> b.of(addr, protocol, portId));
                if (sa != sb) {
                    changes.add(addr + " " + portId + "/" + protocol + ": " + name(sa) + " -> " + name(sb));
                }
            }
        }
        return new Result(!changes.isEmpty(), changes);
    }

    private static String name(PortState s) {
        return s == null ? "not scanned" : s.label();
    }

    private static Protocol protocol(String label) {
        for (Protocol p : Protocol.values()) {
            if (p.label().equals(label)) {
                return p;
            }
        }
        throw new NmapXmlException("ndiff names an unknown protocol: '" + label + "'");
    }

    private static Element port(Element portdiff, String side) {
        Element s = child(portdiff, side);
        return s == null ? null : child(s, "port");
    }

    private static Optional<PortState> state(Element port) {
        Element state = port == null ? null : child(port, "state");
        return state == null ? Optional.empty()
                : Optional.of(PortState.fromLabel(state.getAttribute("state")));
    }

    private static String address(Element host) {
        NodeList addresses = host.getElementsByTagName("address");
        for (int i = 0; i < addresses.getLength(); i++) {
            Element a = (Element) addresses.item(i);
            String type = a.getAttribute("addrtype");
            if (type.equals("ipv4") || type.equals("ipv6")) {
                return a.getAttribute("addr");
            }
        }
        throw new NmapXmlException("ndiff output has a host without an IP address");
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** One report's full port states, read once per protocol when ndiff leaves a state out. */
    private static final class States {
        private final Path file;
        private final Map<Protocol, Map<String, SortedMap<Integer, PortState>>> byProtocol =
                new EnumMap<>(Protocol.class);

        States(Path file) {
            this.file = file;
        }

        PortState of(String host, Protocol protocol, int port) {
            Map<Integer, PortState> ports = byProtocol.computeIfAbsent(protocol, p -> NmapXml.read(file, p))
                    .get(host);
            return ports == null ? null : ports.get(port);
        }
    }
}
