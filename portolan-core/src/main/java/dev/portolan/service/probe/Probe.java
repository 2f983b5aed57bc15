package dev.portolan.service.probe;

import dev.portolan.target.PortList;
import dev.portolan.target.Protocol;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One probe: what to send over TCP or UDP and the signatures its responses are matched against.
 *
 * @param protocol TCP or UDP
 * @param name unique per protocol within a catalog ("GetRequest"); "NULL" sends nothing and reads the banner
 * @param payload the bytes to send (copied in and out)
 * @param ports ports where this probe is likely to succeed: tried first there, whatever the intensity
 * @param sslPorts the same, for services inside TLS
 * @param rarity 1 (common) to 9 (rare): sent when rarity is at most the version intensity
 * @param totalWaitMs how long to wait for a response
 * @param tcpWrappedMs a TCP close before this many ms means "tcpwrapped"
 * @param fallbacks names of probes whose signatures also apply to this probe's responses, in order
 * @param noPayload nmap's "no-payload": the probe is not a payload for UDP port scanning
 * @param signatures the match and softmatch lines, in file order
 * @param source which signature set the probe came from
 */
public record Probe(Protocol protocol, String name, byte[] payload, PortList ports, PortList sslPorts, int rarity,
        int totalWaitMs, int tcpWrappedMs, List<String> fallbacks, boolean noPayload, List<Signature> signatures,
        Source source) {

    /** The probe that sends nothing and waits for a banner. */
    public static final String NULL = "NULL";
    /** nmap's rarity when a probe gives none. */
    public static final int DEFAULT_RARITY = 5;
    /** nmap's response wait when a probe gives none. */
    public static final int DEFAULT_TOTAL_WAIT_MS = 5000;
    /** nmap's tcpwrapped window when a probe gives none. */
    public static final int DEFAULT_TCP_WRAPPED_MS = 2000;

    /** Where a probe or signature was read from. */
    public enum Source { PORTOLAN, NMAP }

    public Probe {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(sslPorts, "sslPorts");
        Objects.requireNonNull(source, "source");
        if (protocol != Protocol.TCP && protocol != Protocol.UDP) {
            throw new IllegalArgumentException("probes are TCP or UDP, not " + protocol);
        }
        if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("bad probe name \"" + name + "\"");
        }
        if (rarity < 1 || rarity > 9) {
            throw new IllegalArgumentException("rarity must be 1-9, got " + rarity);
        }
        if (totalWaitMs < 0 || tcpWrappedMs < 0) {
            throw new IllegalArgumentException("negative wait");
        }
        payload = payload.clone();
        fallbacks = List.copyOf(fallbacks);
        signatures = List.copyOf(signatures);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload's length, without copying it. */
    public int payloadLength() {
        return payload.length;
    }

    /** True for the NULL probe: connect and listen. */
    public boolean isNull() {
        return NULL.equals(name) && payload.length == 0;
    }

    /** True when the payload opens a TLS (or SSL 3) handshake record: pointless inside a TLS tunnel. */
    public boolean startsTlsHandshake() {
        return payload.length >= 3 && payload[0] == 0x16 && payload[1] == 3 && payload[2] <= 4;
    }

    /** True when this probe lists {@code port} for the tunnel in use (sslports over TLS, ports otherwise). */
    public boolean lists(int port, boolean tls) {
        return (tls ? sslPorts : ports).contains(protocol, port);
    }

    /** True when one of this probe's own signatures names {@code service}. */
    public boolean detects(String service) {
        return signatures.stream().anyMatch(s -> s.service().equals(service));
    }

    /** The same probe with {@code more} signatures after its own (the catalog merges sources this way). */
    Probe withMoreSignatures(List<Signature> more) {
        List<Signature> all = new ArrayList<>(signatures);
        all.addAll(more);
        return new Probe(protocol, name, payload, ports, sslPorts, rarity, totalWaitMs, tcpWrappedMs, fallbacks,
                noPayload, all, source);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Probe p && protocol == p.protocol && name.equals(p.name)
                && Arrays.equals(payload, p.payload) && ports.equals(p.ports) && sslPorts.equals(p.sslPorts)
                && rarity == p.rarity && totalWaitMs == p.totalWaitMs && tcpWrappedMs == p.tcpWrappedMs
                && fallbacks.equals(p.fallbacks) && noPayload == p.noPayload && signatures.equals(p.signatures)
                && source == p.source;
    }

    @Override
    public int hashCode() {
        return Objects.hash(protocol, name, Arrays.hashCode(payload), rarity, source);
    }

    @Override
    public String toString() {
        return "Probe[" + protocol + " " + name + " payload=" + HexFormat.of().formatHex(payload) + " rarity="
                + rarity + " signatures=" + signatures.size() + " source=" + source + "]";
    }
}
