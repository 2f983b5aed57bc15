package dev.portolan.technique.tcp;

import dev.portolan.api.ScanConfig;
import dev.portolan.api.ScanEngine;
import dev.portolan.api.ScanEngineProvider;
import dev.portolan.api.ScanType;
import java.util.Set;

/** The TCP connect scan (-sT) as a scan engine. */
public final class ConnectEngineProvider implements ScanEngineProvider {

    @Override
    public boolean supports(ScanConfig config) {
        return Set.of(ScanType.CONNECT).containsAll(config.scanTypes());
    }

    @Override
    public ScanEngine create() {
        return new ScannerEngine(ConnectScanner::new);
    }
}
