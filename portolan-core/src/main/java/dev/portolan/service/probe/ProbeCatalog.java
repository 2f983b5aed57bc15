package dev.portolan.service.probe;

import dev.portolan.target.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Probes and Exclude directives from one or more signature files, in order. Probe names are unique per protocol.
 *
 * @param probes in file order (the order probes are tried in among equals)
 * @param excludes ports version detection leaves alone
 */
public record ProbeCatalog(List<Probe> probes, List<Exclude> excludes) {

    /** Refuses a probe name repeated within one protocol, and a fallback naming no probe. */
    public ProbeCatalog {
        probes = List.copyOf(probes);
        excludes = List.copyOf(excludes);
        Map<String, Probe> byKey = new LinkedHashMap<>();
        for (Probe p : probes) {
            if (byKey.putIfAbsent(key(p.protocol(), p.name()), p) != null) {
                throw new IllegalArgumentException("probe " + p.protocol() + " " + p.name() + " is defined twice");
            }
        }
        for (Probe p : probes) {
            for (String f : p.fallbacks()) {
                if (!byKey.containsKey(key(p.protocol(), f)) && !byKey.containsKey(key(other(p.protocol()), f))) {
                    throw new IllegalArgumentException("probe " + p.name() + " falls back to unknown probe " + f);
                }
            }
        }
    }

    static ProbeCatalog of(List<Probe> probes, List<Exclude> excludes) {
        return new ProbeCatalog(probes, excludes);
    }

    /** No probes at all. */
    public static ProbeCatalog empty() {
        return new ProbeCatalog(List.of(), List.of());
    }

    private static String key(Protocol protocol, String name) {
        return protocol.label() + "/" + name;
    }

    private static Protocol other(Protocol protocol) {
        return protocol == Protocol.TCP ? Protocol.UDP : Protocol.TCP;
    }

    /** The probe {@code name} of {@code protocol}. */
    public Optional<Probe> probe(Protocol protocol, String name) {
        for (Probe p : probes) {
            if (p.protocol() == protocol && p.name().equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * A fallback target: the probe of the same protocol, else of the other one (nmap lets a TCP probe fall back
     * to a UDP probe's signatures, as DNSVersionBindReqTCP does).
     */
    Optional<Probe> fallback(Protocol protocol, String name) {
        Optional<Probe> same = probe(protocol, name);
        return same.isPresent() ? same : probe(other(protocol), name);
    }

    /** True when an Exclude directive covers {@code port}. */
    public boolean excluded(Protocol protocol, int port) {
        return excludes.stream().anyMatch(e -> e.ports().contains(protocol, port));
    }

    /** Every match and softmatch line, for counts. */
    public int signatureCount() {
        return probes.stream().mapToInt(p -> p.signatures().size()).sum();
    }

    /**
     * This catalog followed by {@code more}: a probe of {@code more} with the name of one here adds its signatures
     * after this one's (this one's payload, ports and timing win); new probes are added at the end.
     */
    public ProbeCatalog merge(ProbeCatalog more) {
        List<Probe> merged = new ArrayList<>(probes);
        for (Probe p : more.probes) {
            int at = -1;
            for (int i = 0; i < merged.size(); i++) {
                if (merged.get(i).protocol() == p.protocol() && merged.get(i).name().equals(p.name())) {
                    at = i;
                }
            }
            if (at >= 0) {
                merged.set(at, merged.get(at).withMoreSignatures(p.signatures()));
            } else {
                merged.add(p);
            }
        }
        List<Exclude> allExcludes = new ArrayList<>(excludes);
        allExcludes.addAll(more.excludes);
        return new ProbeCatalog(merged, allExcludes);
    }
}
