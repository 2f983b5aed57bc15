package dev.portolan.lab.services;

import java.util.Arrays;

/** What a hostile test service does to whoever connects; each one is a trap a banner grabber must survive. */
public enum Behaviour {
    /** Sends a banner one byte a second, forever. */
    DRIP("drip", 9901, ""),
    /** Sends banner lines as fast as the peer reads, without end (megabytes in seconds). */
    ENDLESS("endless", 9902, ""),
    /** Waits for the client's first bytes (a TLS ClientHello, say), answers with random bytes, closes. */
    TLS_GARBAGE("tls-garbage", 9903, ""),
    /** Closes every connection at once, as a TCP wrapper that refuses the client does (nmap: tcpwrapped). */
    TCPWRAPPED("tcpwrapped", 9904, "tcpwrapped"),
    /** Accepts and never says anything, reading until the peer closes. */
    SILENT("silent", 9905, "");

    private final String label;
    private final int defaultPort;
    private final String service;

    Behaviour(String label, int defaultPort, String service) {
        this.label = label;
        this.defaultPort = defaultPort;
        this.service = service;
    }

    public String label() {
        return label;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The service name a scanner should give it ("" when nothing can be identified). */
    public String service() {
        return service;
    }

    public static Behaviour parse(String label) {
        return Arrays.stream(values()).filter(b -> b.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown behaviour '" + label + "', expected one of "
                        + Arrays.stream(values()).map(Behaviour::label).toList()));
    }
}
