package dev.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Reads the reports back: the port states per port, whatever the format. */
final class Reports {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path NMAP_DTD = Path.of("/usr/share/nmap/nmap.dtd");

    private Reports() {
    }

    static Document xml(String text) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return f.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + text, e);
        }
    }

    static List<Element> elements(Document doc, String tag) {
        NodeList nodes = doc.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    /** port → state of every {@code <port>} in the document. */
    static Map<Integer, String> xmlPorts(Document doc) {
        Map<Integer, String> states = new TreeMap<>();
        for (Element port : elements(doc, "port")) {
            Element state = (Element) port.getElementsByTagName("state").item(0);
            String previous = states.put(Integer.parseInt(port.getAttribute("portid")), state.getAttribute("state"));
            assertThat(previous).as("port %s listed twice", port.getAttribute("portid")).isNull();
        }
        return states;
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not valid JSON: " + e.getMessage() + "\n" + text, e);
        }
    }

    /** port → state of a JSON host object's {@code ports}. */
    static Map<Integer, String> jsonPorts(JsonNode host) {
        Map<Integer, String> states = new TreeMap<>();
        for (JsonNode port : host.get("ports")) {
            String previous = states.put(port.get("port").asInt(), port.get("state").asText());
            assertThat(previous).as("port %s listed twice", port.get("port")).isNull();
        }
        return states;
    }

    /** Validates against nmap's DTD with xmllint, when both are installed; true when it ran. */
    static boolean validateWithNmapDtd(Path file) {
        Path xmllint = Path.of("/usr/bin/xmllint");
        if (!Files.isExecutable(xmllint) || !Files.isRegularFile(NMAP_DTD)) {
            System.out.println("xmllint or " + NMAP_DTD + " missing: DTD validation skipped");
            return false;
        }
        try {
            Process p = new ProcessBuilder(xmllint.toString(), "--noout", "--nonet", "--dtdvalid", NMAP_DTD.toString(),
                    file.toString())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("xmllint finished").isTrue();
            assertThat(p.exitValue()).as("xmllint --dtdvalid nmap.dtd: %s", output).isZero();
            return true;
        } catch (IOException e) {
            throw new AssertionError("cannot run xmllint", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The expected state of each fixture port: "open" for the listening ones, "closed" for the others. */
    static Map<Integer, String> expected(Loopback ports) {
        Map<Integer, String> states = new TreeMap<>();
        ports.open().forEach(p -> states.put(p, "open"));
        ports.closed().forEach(p -> states.put(p, "closed"));
        return states;
    }
}
