package dev.portolan.technique.discovery;

import java.util.Optional;
import java.util.ServiceLoader;

/** Picks the discovery plug-in for a scan among those on the class path. */
public final class HostDiscoveries {
    private HostDiscoveries() {
    }

    /** The highest-priority plug-in that supports {@code options}; empty leaves discovery to the scan engine. */
    public static Optional<HostDiscovery> forOptions(DiscoveryOptions options, boolean rawRights) {
        return provider(options, rawRights).map(p -> p.create(options));
    }

    /** Whether some plug-in supports {@code options}, without making one. */
    public static boolean supported(DiscoveryOptions options, boolean rawRights) {
        return provider(options, rawRights).isPresent();
    }

    private static Optional<HostDiscoveryProvider> provider(DiscoveryOptions options, boolean rawRights) {
        return ServiceLoader.load(HostDiscoveryProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.supports(options, rawRights))
                .max((a, b) -> Integer.compare(a.priority(), b.priority())); // not comparingInt: see PortResult.ORDER
    }
}
