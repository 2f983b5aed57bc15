package dev.portolan.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portolan.result.PortState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Reads Portolan's JSON report (-oJ) into every host's status and every TCP port's state and reason. */
final class PortolanJson {
    private PortolanJson() {
    }

    /** One port as the report gives it: its state and nmap's reason name ("syn-ack", "no-response"). */
    record Port(PortState state, String reason) {
    }

    /** One host: "up" or "down", the reason for it, and its ports, listed and folded alike. */
    record Host(String address, String status, String reason, SortedMap<Integer, Port> ports) {
        SortedMap<Integer, PortState> states() {
            SortedMap<Integer, PortState> out = new TreeMap<>();
            ports.forEach((port, p) -> out.put(port, p.state()));
            return out;
        }
    }

    /** The whole report: hosts by address in report order, and the summary's host counts. */
    record Report(Map<String, Host> hosts, int hostsUp, int hostsDown, int hostsTotal) {
        Host host(String address) {
            Host h = hosts.get(address);
            if (h == null) {
                throw new AssertionError("no host " + address + " in the report; it has " + hosts.keySet());
            }
            return h;
        }
    }

    static Report read(Path file) {
        return read(file, "tcp");
    }

    /** The report's hosts with their ports of {@code protocol} ("tcp", "udp"). */
    static Report read(Path file, String protocol) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new AssertionError("cannot read Portolan's JSON report " + file + ": " + e.getMessage(), e);
        }
        Map<String, Host> hosts = new LinkedHashMap<>();
        for (JsonNode h : root.path("hosts")) {
            SortedMap<Integer, Port> ports = new TreeMap<>();
            for (JsonNode p : h.path("ports")) {
                if (p.path("protocol").asText().equals(protocol)) {
                    put(ports, p.path("port").asInt(), new Port(state(p), p.path("reason").asText()), file);
                }
            }
            // folded ports carry their list per reason: every scanned port has its state and reason
            for (JsonNode extra : h.path("extraports")) {
                PortState state = state(extra);
                for (JsonNode r : extra.path("reasons")) {
                    if (r.path("protocol").asText().equals(protocol)) {
                        Port port = new Port(state, r.path("reason").asText());
                        PortSet.parse(r.path("ports").asText()).stream().forEach(n -> put(ports, n, port, file));
                    }
                }
            }
            String address = h.path("address").asText();
            if (hosts.put(address, new Host(address, h.path("status").asText(), h.path("reason").asText(),
                    Collections.unmodifiableSortedMap(ports))) != null) {
                throw new AssertionError(file + " reports host " + address + " twice");
            }
        }
        JsonNode summary = root.path("summary");
        return new Report(hosts, summary.path("hosts_up").asInt(-1), summary.path("hosts_down").asInt(-1),
                summary.path("hosts_total").asInt(-1));
    }

    private static PortState state(JsonNode node) {
        return PortState.fromLabel(node.path("state").asText());
    }

    private static void put(Map<Integer, Port> ports, int number, Port port, Path file) {
        if (ports.put(number, port) != null) {
            throw new AssertionError(file + " reports port " + number + " twice");
        }
    }
}
