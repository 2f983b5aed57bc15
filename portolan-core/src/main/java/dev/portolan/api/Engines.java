package dev.portolan.api;

import dev.portolan.target.Protocol;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/** Chooses the engine that runs a configuration's techniques from the providers on the class path. */
final class Engines {
    private Engines() {
    }

    static ScanEngine forConfig(ScanConfig config) {
        List<ScanConfig> parts = byProtocol(config);
        if (parts.size() > 1) {
            // no engine runs TCP and UDP at once: each protocol's engine runs its part, hosts are merged
            return new CombinedEngine(parts, Engines::single);
        }
        return single(config);
    }

    private static ScanEngine single(ScanConfig config) {
        for (ScanEngineProvider provider : ServiceLoader.load(ScanEngineProvider.class)) {
            if (provider.supports(config)) {
                return provider.create();
            }
        }
        throw new IllegalStateException("no scan engine runs " + config.scanTypes());
    }

    /** The configuration split into one part per protocol, TCP first (as nmap reports it). */
    static List<ScanConfig> byProtocol(ScanConfig config) {
        List<ScanConfig> parts = new ArrayList<>();
        for (Protocol p : Protocol.values()) {
            Set<ScanType> types = EnumSet.noneOf(ScanType.class);
            config.scanTypes().stream().filter(t -> t.protocol() == p).forEach(types::add);
            if (!types.isEmpty()) {
                // the first part finds which hosts are up; the later ones scan every host and the merge decides
                parts.add(parts.isEmpty() ? config.withScanTypes(types)
                        : config.withScanTypes(types).withSkipDiscovery(true));
            }
        }
        return parts.isEmpty() ? List.of(config) : parts;
    }
}
