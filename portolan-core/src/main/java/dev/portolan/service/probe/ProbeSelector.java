package dev.portolan.service.probe;

import dev.portolan.target.Protocol;
import java.util.ArrayList;
import java.util.List;

/**
 * Which probes to send to a port, in order, with nmap's rules: the NULL probe first (TCP), then every probe that
 * lists the port (sslports through TLS) whatever its rarity, then the other probes of rarity up to the intensity,
 * each group in catalog order. After a soft match only probes with a signature for that service remain. Inside
 * TLS, probes that open a TLS handshake themselves are left out: the tunnel already answered that question.
 */
public final class ProbeSelector {
    private final ProbeCatalog catalog;

    public ProbeSelector(ProbeCatalog catalog) {
        this.catalog = catalog;
    }

    /** The probes for {@code port}, in sending order; Exclude directives are the caller's ({@link #excluded}). */
    public List<Probe> plan(Protocol protocol, int port, boolean tls, VersionIntensity intensity) {
        List<Probe> nulls = new ArrayList<>();
        List<Probe> listing = new ArrayList<>();
        List<Probe> rest = new ArrayList<>();
        for (Probe p : catalog.probes()) {
            if (p.protocol() != protocol || tls && p.startsTlsHandshake()) {
                continue;
            }
            if (p.isNull()) {
                if (protocol == Protocol.TCP) {
                    nulls.add(p);
                }
            } else if (p.lists(port, tls)) {
                listing.add(p);
            } else if (intensity.admits(p.rarity())) {
                rest.add(p);
            }
        }
        List<Probe> plan = new ArrayList<>(nulls);
        plan.addAll(listing);
        plan.addAll(rest);
        return List.copyOf(plan);
    }

    /** The probes of {@code remaining} still worth sending once {@code service} soft-matched. */
    public static List<Probe> afterSoftMatch(List<Probe> remaining, String service) {
        return remaining.stream().filter(p -> p.detects(service)).toList();
    }

    /** True when Exclude directives leave {@code port} alone (nmap's --allports overrides this). */
    public boolean excluded(Protocol protocol, int port) {
        return catalog.excluded(protocol, port);
    }
}
