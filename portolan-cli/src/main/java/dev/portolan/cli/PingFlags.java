package dev.portolan.cli;

import dev.portolan.net.NativeAccess;
import dev.portolan.net.PingSocket;
import dev.portolan.technique.discovery.DiscoveryOptions;
import dev.portolan.technique.discovery.PingKind;
import dev.portolan.technique.discovery.PingProbe;
import java.util.ArrayList;
import java.util.List;

/** nmap's -P probe options ("-PE", "-PS22,80", "-PR"), as picocli hands them over after the "-P". */
final class PingFlags {
    private PingFlags() {
    }

    /** The probes named by -P values ("E", "S22,80", "U"); a bad one is a usage error in one line. */
    static List<PingProbe> parse(List<String> values) {
        List<PingProbe> probes = new ArrayList<>();
        for (String v : values) {
            if (v.isEmpty()) {
                throw new UsageException("-P needs a probe type: -PE -PP -PM -PS[ports] -PA[ports] -PU[ports] -PR");
            }
            PingKind kind = switch (v.charAt(0)) {
                case 'E' -> PingKind.ECHO;
                case 'P' -> PingKind.TIMESTAMP;
                case 'M' -> PingKind.MASK;
                case 'S' -> PingKind.SYN;
                case 'A' -> PingKind.ACK;
                case 'U' -> PingKind.UDP;
                case 'R' -> PingKind.ARP;
                default -> throw new UsageException("-P" + v + ": unknown probe type; use -PE -PP -PM -PS[ports] "
                        + "-PA[ports] -PU[ports] -PR (or -Pn to skip discovery)");
            };
            try {
                probes.addAll(PingProbe.parse(kind, v.substring(1)));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return probes;
    }

    /** The discovery options of a command line; {@code raw}: raw sockets may be used. */
    static DiscoveryOptions options(List<String> values, boolean disableArp, int count, Integer maxRetries,
                                   boolean raw) {
        int retries = maxRetries == null ? DiscoveryOptions.DEFAULT_RETRIES : maxRetries;
        try {
            return new DiscoveryOptions(parse(values), !disableArp, count, Math.min(retries, 50), raw);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * Whether the discovery plug-ins take over from the engine's TCP connect "ping": with raw sockets, or without
     * them when ICMP echo is asked for and ping sockets are allowed (said in one line); a user who named probes
     * that cannot be sent hears that the connect "ping" runs instead.
     */
    static boolean usePlugins(DiscoveryOptions d, boolean raw, Warnings warnings) {
        if (raw) {
            return true;
        }
        boolean pingSockets = d.sendsEcho() && NativeAccess.available() && PingSocket.allowedForThisProcess();
        if (pingSockets) {
            warnings.warn(PING_SOCKETS);
        } else {
            warnings.warn(ScanRun.PING_FALLBACK);
        }
        return pingSockets;
    }

    static final String PING_SOCKETS = "raw sockets need root or CAP_NET_RAW: finding hosts with unprivileged "
            + "ICMP echo (ping sockets) instead";
}
