package dev.portolan.service.probe;

import dev.portolan.target.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.regex.Matcher;

/**
 * Matches probe responses against a catalog's signatures with nmap's rules: the probe's own lines first, then
 * those of its fallback probes in order, then (for TCP) the NULL probe's; the first hard match wins, else the
 * first soft match is returned. Thread-safe.
 */
public final class ServiceMatcher {
    /** Reads of the response all signatures together may make: bounds the work one hostile response can cause. */
    static final long RESPONSE_STEP_BUDGET = 100_000_000;

    private final ProbeCatalog catalog;
    private final Map<String, List<Signature>> chains = new ConcurrentHashMap<>();

    public ServiceMatcher(ProbeCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * The best match for {@code response}, or empty when no signature matches (or the probe is unknown). Work per
     * response is bounded ({@link #RESPONSE_STEP_BUDGET}): signatures left when it is spent count as not matching.
     */
    public Optional<ServiceMatch> match(Response response) {
        Optional<Probe> probe = catalog.probe(response.protocol(), response.probe());
        if (probe.isEmpty()) {
            return Optional.empty();
        }
        ServiceMatch soft = null;
        long[] budget = {RESPONSE_STEP_BUDGET};
        for (Signature s : signatures(probe.get())) {
            if (soft != null && s.soft()) {
                continue;
            }
            Matcher m = s.pattern().find(response.text(), budget);
            if (m == null) {
                continue;
            }
            ServiceMatch found = expand(s, m, response);
            if (!s.soft()) {
                return Optional.of(found);
            }
            soft = found;
        }
        return Optional.ofNullable(soft);
    }

    /** The signatures a response to {@code probe} is tried against, in order. */
    public List<Signature> signatures(Probe probe) {
        return chains.computeIfAbsent(probe.protocol().label() + "/" + probe.name(), k -> chain(probe));
    }

    private List<Signature> chain(Probe probe) {
        Set<Probe> order = new LinkedHashSet<>();
        order.add(probe);
        for (String f : probe.fallbacks()) {
            catalog.fallback(probe.protocol(), f).ifPresent(order::add);
        }
        if (probe.protocol() == Protocol.TCP) {
            catalog.probe(Protocol.TCP, Probe.NULL).ifPresent(order::add);
        }
        List<Signature> all = new ArrayList<>();
        order.forEach(p -> all.addAll(p.signatures()));
        return List.copyOf(all);
    }

    private static ServiceMatch expand(Signature s, Matcher m, Response response) {
        VersionTemplate t = s.template();
        IntFunction<String> group = n -> n <= m.groupCount() ? m.group(n) : null;
        List<String> info = new ArrayList<>();
        for (String part : t.info()) {
            String value = TemplateExpander.expandPart(part, group).strip();
            if (!value.isEmpty()) {
                info.add(value);
            }
        }
        List<String> cpes = new ArrayList<>();
        for (String cpe : t.cpes()) {
            cpes.add(TemplateExpander.cpe(cpe, group));
        }
        return new ServiceMatch(s.service(), response.tls(), s.soft(), field(t.product(), group),
                field(t.version(), group), String.join(", ", info), field(t.hostname(), group),
                field(t.os(), group), field(t.device(), group), cpes, response.probe(), s.origin());
    }

    private static String field(String template, IntFunction<String> group) {
        return TemplateExpander.expandPart(template, group).strip();
    }
}
