package dev.portolan.technique.tcp;

import dev.portolan.api.EngineStats;
import dev.portolan.api.ScanConfig;
import dev.portolan.api.ScanEngine;
import dev.portolan.api.ScanEngineProvider;
import dev.portolan.api.ScanListener;
import dev.portolan.api.ScanType;
import dev.portolan.result.ScanSummary;
import java.util.Set;

/** The TCP connect scan (-sT) as a scan engine. */
public final class ConnectEngineProvider implements ScanEngineProvider {

    @Override
    public boolean supports(ScanConfig config) {
        return Set.of(ScanType.CONNECT).containsAll(config.scanTypes());
    }

    @Override
    public ScanEngine create() {
        return new Engine();
    }

    private static final class Engine implements ScanEngine {
        private volatile ConnectScanner scanner;
        private volatile boolean cancelled;

        @Override
        public EngineStats run(ScanConfig config, ScanListener listener) {
            ConnectScanner s = new ConnectScanner(config, listener);
            scanner = s;
            if (cancelled) {
                s.cancel();
            }
            ScanSummary summary = s.run();
            return new EngineStats(summary.probesSent(), summary.probesRetried(), summary.probesUnanswered());
        }

        @Override
        public void cancel() {
            cancelled = true;
            ConnectScanner s = scanner;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
