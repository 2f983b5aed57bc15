package dev.portolan.technique.tcp;

import dev.portolan.api.EngineStats;
import dev.portolan.api.ScanConfig;
import dev.portolan.api.ScanEngine;
import dev.portolan.api.ScanListener;
import dev.portolan.result.ScanSummary;
import java.util.function.BiFunction;

/** A {@link ConnectScanner} made per run as a scan engine; a cancel before the scanner exists still stops it. */
final class ScannerEngine implements ScanEngine {
    private final BiFunction<ScanConfig, ScanListener, ConnectScanner> scanners;
    private volatile ConnectScanner scanner;
    private volatile boolean cancelled;

    ScannerEngine(BiFunction<ScanConfig, ScanListener, ConnectScanner> scanners) {
        this.scanners = scanners;
    }

    @Override
    public EngineStats run(ScanConfig config, ScanListener listener) {
        ConnectScanner s = scanners.apply(config, listener);
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
