package dev.portolan.api;

import java.util.ServiceLoader;

/** Chooses the engine that runs a configuration's techniques from the providers on the class path. */
final class Engines {
    private Engines() {
    }

    static ScanEngine forConfig(ScanConfig config) {
        for (ScanEngineProvider provider : ServiceLoader.load(ScanEngineProvider.class)) {
            if (provider.supports(config)) {
                return provider.create();
            }
        }
        throw new IllegalStateException("no scan engine runs " + config.scanTypes());
    }
}
