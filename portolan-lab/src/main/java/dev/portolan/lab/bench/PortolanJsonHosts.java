package dev.portolan.lab.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.portolan.result.PortState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The listed TCP ports of every host in Portolan's JSON report, read as a stream (a sweep's report holds 131 072
 * hosts). Ports folded into {@code extraports} are not read: a sweep lists the one port it scans.
 */
final class PortolanJsonHosts {
    private PortolanJsonHosts() {
    }

    /** Address → listed TCP port → state; throws IOException when the file is not a complete report. */
    static Map<String, Map<Integer, PortState>> read(Path json) throws IOException {
        Map<String, Map<Integer, PortState>> hosts = new HashMap<>();
        try (JsonParser p = new JsonFactory().createParser(json.toFile())) {
            expect(p.nextToken(), JsonToken.START_OBJECT, json);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("hosts") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        host(p, hosts);
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return hosts;
    }

    private static void host(JsonParser p, Map<String, Map<Integer, PortState>> hosts) throws IOException {
        String address = null;
        Map<Integer, PortState> ports = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("address")) {
                address = p.getText();
            } else if (field.equals("ports") && value == JsonToken.START_ARRAY) {
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    port(p, ports);
                }
            } else {
                p.skipChildren();
            }
        }
        if (address == null) {
            throw new IOException("a host without an address in Portolan's JSON report");
        }
        hosts.put(address, ports);
    }

    private static void port(JsonParser p, Map<Integer, PortState> ports) throws IOException {
        String protocol = null;
        int port = -1;
        String state = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "protocol" -> protocol = p.getText();
                case "port" -> port = p.getIntValue();
                case "state" -> state = p.getText();
                default -> p.skipChildren();
            }
        }
        if ("tcp".equals(protocol) && port >= 0 && state != null) {
            try {
                ports.put(port, PortState.fromLabel(state));
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
    }

    private static void expect(JsonToken actual, JsonToken wanted, Path file) throws IOException {
        if (actual != wanted) {
            throw new IOException(file + ": not a Portolan JSON report");
        }
    }
}
