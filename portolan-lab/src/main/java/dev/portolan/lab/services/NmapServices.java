package dev.portolan.lab.services;

import dev.portolan.lab.NmapXmlException;
import dev.portolan.target.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Reads the service answers of every listed port from an nmap (or Portolan) XML report. */
public final class NmapServices {
    private NmapServices() {
    }

    public static List<ObservedService> read(Path xml) {
        try (InputStream in = Files.newInputStream(xml)) {
            return read(in, xml.toString());
        } catch (IOException e) {
            throw new NmapXmlException("cannot read " + xml + ": " + e.getMessage(), e);
        }
    }

    /** Every {@code <port>} of every host, with its {@code <state>} and {@code <service>} (if any). */
    public static List<ObservedService> read(InputStream in, String source) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        List<ObservedService> out = new ArrayList<>();
        try {
            XMLStreamReader r = factory.createXMLStreamReader(in);
            int port = -1;
            Protocol protocol = null;
            String state = "";
            String[] service = null;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "port" -> {
                            port = Integer.parseInt(attr(r, "portid"));
                            protocol = Protocol.valueOf(attr(r, "protocol").toUpperCase(Locale.ROOT));
                            state = "";
                            service = null;
                        }
                        case "state" -> state = attr(r, "state");
                        case "service" -> service = new String[] {attr(r, "name"), attr(r, "product"),
                                attr(r, "version"), attr(r, "extrainfo"), attr(r, "tunnel"), attr(r, "method"),
                                attr(r, "conf")};
                        default -> {
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("port")) {
                    String[] v = service == null ? new String[] {"", "", "", "", "", "", ""} : service;
                    out.add(new ObservedService(port, protocol, state, v[0], v[1], v[2], v[3], v[4], v[5], v[6]));
                }
            }
            return out;
        } catch (XMLStreamException | IllegalArgumentException e) {
            throw new NmapXmlException(source + ": not a readable nmap XML report: " + e.getMessage(), e);
        }
    }

    private static String attr(XMLStreamReader r, String name) {
        String v = r.getAttributeValue(null, name);
        return v == null ? "" : v;
    }
}
