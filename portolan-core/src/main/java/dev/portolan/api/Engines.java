package dev.portolan.api;

import dev.portolan.result.ScanSummary;
import dev.portolan.technique.tcp.ConnectScanner;

/** Chooses the engine that runs a configuration's techniques. */
final class Engines {
    private Engines() {
    }

    static ScanEngine forConfig(ScanConfig config) {
        return new ConnectEngine();
    }

    /** The TCP connect scanner behind the ScanEngine interface. */
    private static final class ConnectEngine implements ScanEngine {
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
