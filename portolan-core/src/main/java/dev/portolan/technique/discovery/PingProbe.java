package dev.portolan.technique.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One discovery probe: a kind and, for TCP and UDP, the destination port.
 *
 * @param kind what is sent
 * @param port the destination port of -PS, -PA and -PU probes; 0 for the others
 */
public record PingProbe(PingKind kind, int port) {
    /** nmap's default ports: -PS443 (SYN), -PA80 (ACK), -PU40125 (UDP). */
    public static final int DEFAULT_SYN_PORT = 443;
    public static final int DEFAULT_ACK_PORT = 80;
    public static final int DEFAULT_UDP_PORT = 40125;

    public PingProbe {
        Objects.requireNonNull(kind, "kind");
        if (kind.takesPorts() ? port < 1 || port > 65535 : port != 0) {
            throw new IllegalArgumentException("-" + kind.letters() + ": port " + port + " is outside 1..65535");
        }
    }

    public static PingProbe of(PingKind kind) {
        return new PingProbe(kind, 0);
    }

    /**
     * The probes of one option: {@code kind} with {@code ports} as nmap writes them after -PS ("22,80,1000-1002"),
     * or the kind's default port when empty. Throws IllegalArgumentException with a one-line message.
     */
    public static List<PingProbe> parse(PingKind kind, String ports) {
        if (!kind.takesPorts()) {
            if (!ports.isEmpty()) {
                throw new IllegalArgumentException("-" + kind.letters() + " takes no ports: -" + kind.letters() + ports);
            }
            return List.of(of(kind));
        }
        if (ports.isEmpty()) {
            return List.of(new PingProbe(kind, defaultPort(kind)));
        }
        List<PingProbe> probes = new ArrayList<>();
        for (String part : ports.split(",", -1)) {
            int dash = part.indexOf('-');
            int low = number(kind, dash < 0 ? part : part.substring(0, dash), ports);
            int high = dash < 0 ? low : number(kind, part.substring(dash + 1), ports);
            if (high < low) {
                throw new IllegalArgumentException("-" + kind.letters() + ports + ": range " + part + " runs backwards");
            }
            for (int p = low; p <= high; p++) {
                probes.add(new PingProbe(kind, p));
            }
        }
        return probes;
    }

    private static int number(PingKind kind, String text, String all) {
        try {
            int p = Integer.parseInt(text.strip());
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below with the whole option
        }
        throw new IllegalArgumentException("-" + kind.letters() + all + ": '" + text + "' is not a port (1-65535)");
    }

    private static int defaultPort(PingKind kind) {
        return switch (kind) {
            case SYN -> DEFAULT_SYN_PORT;
            case ACK -> DEFAULT_ACK_PORT;
            default -> DEFAULT_UDP_PORT;
        };
    }

    /** As nmap names the probe: "PE", "PS443". */
    @Override
    public String toString() {
        return kind.letters() + (port == 0 ? "" : Integer.toString(port));
    }
}
