package dev.portolan.lab;

import dev.portolan.result.PortState;
import dev.portolan.target.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the port states out of an nmap XML report (nmap's own or Portolan's, which writes the same format):
 * listed ports and the ports folded into {@code <extraports>}, so that every scanned port has its state.
 */
public final class NmapXml {
    private NmapXml() {
    }

    /** Host address → TCP port → state, for every scanned TCP port of every host in the report. */
    public static Map<String, SortedMap<Integer, PortState>> read(Path file) {
        return read(file, Protocol.TCP);
    }

    /** Host address → port → state for {@code protocol}, hosts in report order, ports ascending. */
    public static Map<String, SortedMap<Integer, PortState>> read(Path file, Protocol protocol) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, protocol, file.toString());
        } catch (IOException e) {
            throw new NmapXmlException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** As {@link #read(Path, Protocol)}, from a stream; {@code source} names it in messages. */
    public static Map<String, SortedMap<Integer, PortState>> read(InputStream in, Protocol protocol, String source) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        // the report names a DTD it does not ship; nothing outside the file is ever loaded
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            try {
                return new Reader(xml, protocol, source).read();
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            throw new NmapXmlException(source + ": not well-formed XML: " + e.getMessage(), e);
        }
    }

    /**
     * The ports whose states differ between two reports ("198.51.100.2 22/tcp: open vs closed"), hosts present in
     * only one of them included; empty when both say the same for every port of every host.
     */
    public static List<String> differences(Map<String, ? extends Map<Integer, PortState>> a,
                                           Map<String, ? extends Map<Integer, PortState>> b) {
        List<String> out = new ArrayList<>();
        Set<String> hosts = new TreeSet<>(a.keySet());
        hosts.addAll(b.keySet());
        for (String host : hosts) {
            Map<Integer, PortState> pa = a.get(host);
            Map<Integer, PortState> pb = b.get(host);
            if (pa == null || pb == null) {
                out.add(host + ": only in " + (pa == null ? "second" : "first") + " report");
                continue;
            }
            Set<Integer> ports = new TreeSet<>(pa.keySet());
            ports.addAll(pb.keySet());
            for (int port : ports) {
                PortState sa = pa.get(port);
                PortState sb = pb.get(port);
                if (sa != sb) {
                    out.add(host + " " + port + ": " + (sa == null ? "not scanned" : sa) + " vs "
                            + (sb == null ? "not scanned" : sb));
                }
            }
        }
        return out;
    }

    /** One pass over the report; the state of one host is collected, then completed when its element ends. */
    private static final class Reader {
        private final XMLStreamReader xml;
        private final Protocol protocol;
        private final String source;
        private final Map<String, SortedMap<Integer, PortState>> hosts = new LinkedHashMap<>();
        private final Map<Protocol, PortSet> scanned = new HashMap<>();

        private String address;
        private SortedMap<Integer, PortState> ports;
        private List<PortState> unlistedGroups;
        private PortState extraState;
        private int extraCount;
        private int extraListed;
        private boolean extraHasList;
        private String portProtocol;
        private int portId;

        Reader(XMLStreamReader xml, Protocol protocol, String source) {
            this.xml = xml;
            this.protocol = protocol;
            this.source = source;
        }

        Map<String, SortedMap<Integer, PortState>> read() throws XMLStreamException {
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    start(xml.getLocalName());
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    end(xml.getLocalName());
                }
            }
            return hosts;
        }

        private void start(String element) {
            switch (element) {
                case "scaninfo" -> {
                    String proto = attribute("protocol");
                    String services = attribute("services");
                    if (proto != null && services != null && proto.equals(protocol.label())) {
                        scanned.merge(protocol, ports(services, "scaninfo services"), PortSet::union);
                    }
                }
                case "host" -> {
                    address = null;
                    ports = new TreeMap<>();
                    unlistedGroups = new ArrayList<>();
                }
                case "address" -> {
                    String type = attribute("addrtype");
                    if (ports != null && address == null && ("ipv4".equals(type) || "ipv6".equals(type))) {
                        address = required("addr");
                    }
                }
                case "port" -> {
                    portProtocol = required("protocol");
                    portId = number(required("portid"), "portid");
                }
                case "state" -> {
                    if (ports != null && portProtocol != null && portProtocol.equals(protocol.label())) {
                        ports.put(portId, state(required("state")));
                    }
                }
                case "extraports" -> {
                    if (ports != null) {
                        extraState = state(required("state"));
                        extraCount = number(required("count"), "extraports count");
                        extraListed = 0;
                        extraHasList = false;
                    }
                }
                case "extrareasons" -> {
                    String list = attribute("ports");
                    if (ports != null && extraState != null && list != null) {
                        extraHasList = true;
                        String proto = attribute("proto");
                        PortSet set = ports(list, "extrareasons ports");
                        extraListed += set.size();
                        if (proto == null || proto.equals(protocol.label())) {
                            set.stream().forEach(p -> ports.put(p, extraState));
                        }
                    }
                }
                default -> {
                }
            }
        }

        private void end(String element) {
            switch (element) {
                case "port" -> portProtocol = null;
                case "extraports" -> {
                    if (ports == null || extraState == null) {
                        return;
                    }
                    if (!extraHasList) {
                        unlistedGroups.add(extraState);
                    } else if (extraListed != extraCount) {
                        throw new NmapXmlException(source + ": extraports " + extraState + " counts " + extraCount
                                + " ports but lists " + extraListed);
                    }
                    extraState = null;
                }
                case "host" -> {
                    if (address == null) {
                        throw new NmapXmlException(source + ": a host without an IPv4 or IPv6 address");
                    }
                    completeUnlisted();
                    hosts.put(address, ports);
                    ports = null;
                }
                default -> {
                }
            }
        }

        /** Older reports give only a count for extraports: one such group can still be placed, two cannot. */
        private void completeUnlisted() {
            if (unlistedGroups.isEmpty()) {
                return;
            }
            if (unlistedGroups.size() > 1) {
                throw new NmapXmlException(source + ": host " + address + " folds ports into several extraports "
                        + unlistedGroups + " without port lists; their states cannot be told apart");
            }
            PortSet all = scanned.get(protocol);
            if (all == null) {
                throw new NmapXmlException(source + ": extraports without a port list and no scaninfo for "
                        + protocol);
            }
            PortState state = unlistedGroups.getFirst();
            all.stream().filter(p -> !ports.containsKey(p)).forEach(p -> ports.put(p, state));
        }

        private String attribute(String name) {
            return xml.getAttributeValue(null, name);
        }

        private String required(String name) {
            String value = attribute(name);
            if (value == null) {
                throw new NmapXmlException(source + " line " + xml.getLocation().getLineNumber() + ": <"
                        + xml.getLocalName() + "> without " + name);
            }
            return value;
        }

        private int number(String text, String what) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new NmapXmlException(source + " line " + xml.getLocation().getLineNumber() + ": " + what
                        + " is not a number: '" + text + "'");
            }
        }

        private PortState state(String label) {
            try {
                return PortState.fromLabel(label);
            } catch (IllegalArgumentException e) {
                throw new NmapXmlException(source + " line " + xml.getLocation().getLineNumber()
                        + ": unknown port state '" + label + "'");
            }
        }

        private PortSet ports(String list, String what) {
            try {
                // nmap writes "1-99,103-199"; scaninfo may carry a protocol prefix ("T:1-100") in mixed scans
                return PortSet.parse(list.replaceAll("[A-Z]:", ""));
            } catch (IllegalArgumentException e) {
                throw new NmapXmlException(source + " line " + xml.getLocation().getLineNumber() + ": " + what
                        + ": " + e.getMessage());
            }
        }
    }
}
