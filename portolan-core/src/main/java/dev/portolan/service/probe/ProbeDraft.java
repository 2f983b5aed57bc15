package dev.portolan.service.probe;

import dev.portolan.service.ServiceNames;
import dev.portolan.target.PortList;
import dev.portolan.target.Protocol;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/** A probe being read, line by line, by either signature parser; each setter refuses a second value. */
final class ProbeDraft {
    private static final ServiceNames NO_NAMES = ServiceNames.of(List.of());

    final Protocol protocol;
    final String name;
    private byte[] payload;
    private boolean noPayload;
    private PortList ports;
    private PortList sslPorts;
    private Integer rarity;
    private Integer totalWaitMs;
    private Integer tcpWrappedMs;
    private List<String> fallbacks;
    final List<Signature> signatures = new ArrayList<>();

    ProbeDraft(Protocol protocol, String name, byte[] payload, boolean noPayload) {
        this.protocol = protocol;
        this.name = name;
        this.payload = payload;
        this.noPayload = noPayload;
    }

    void payload(byte[] bytes) {
        if (payload.length > 0) {
            throw new IllegalArgumentException("payload given twice for probe " + name);
        }
        payload = bytes;
    }

    void noPayload() {
        noPayload = true;
    }

    /** Ports as nmap lists them: numbers and ranges, of this probe's protocol. */
    static PortList ports(String spec, Protocol protocol) {
        return PortList.parse(spec, NO_NAMES, EnumSet.of(protocol));
    }

    /** Ports of an Exclude: unqualified ones belong to TCP and UDP. */
    static PortList excluded(String spec) {
        return PortList.parse(spec, NO_NAMES, EnumSet.of(Protocol.TCP, Protocol.UDP));
    }

    void ports(String spec) {
        once(ports, "ports");
        ports = ports(spec, protocol);
    }

    void sslPorts(String spec) {
        once(sslPorts, "sslports");
        sslPorts = ports(spec, protocol);
    }

    void rarity(String value) {
        once(rarity, "rarity");
        rarity = number(value, 1, 9, "rarity");
    }

    void totalWaitMs(String value) {
        once(totalWaitMs, "totalwaitms");
        totalWaitMs = number(value, 1, 3_600_000, "totalwaitms");
    }

    void tcpWrappedMs(String value) {
        once(tcpWrappedMs, "tcpwrappedms");
        tcpWrappedMs = number(value, 1, 3_600_000, "tcpwrappedms");
    }

    void fallbacks(String value) {
        once(fallbacks, "fallback");
        fallbacks = new ArrayList<>();
        for (String f : value.split(",")) {
            if (f.isBlank()) {
                throw new IllegalArgumentException("empty name in fallback list");
            }
            fallbacks.add(f.strip());
        }
    }

    private void once(Object value, String directive) {
        if (value != null) {
            throw new IllegalArgumentException(directive + " given twice for probe " + name);
        }
    }

    private static int number(String text, int min, int max, String what) {
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(what + " must be a number from " + min + " to " + max + ", got \""
                + text.strip() + "\"");
    }

    Probe build(Probe.Source source) {
        return new Probe(protocol, name, payload, ports == null ? PortList.empty() : ports,
                sslPorts == null ? PortList.empty() : sslPorts, rarity == null ? Probe.DEFAULT_RARITY : rarity,
                totalWaitMs == null ? Probe.DEFAULT_TOTAL_WAIT_MS : totalWaitMs,
                tcpWrappedMs == null ? Probe.DEFAULT_TCP_WRAPPED_MS : tcpWrappedMs,
                fallbacks == null ? List.of() : fallbacks, noPayload, signatures, source);
    }
}
