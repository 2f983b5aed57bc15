package dev.portolan.report;

import dev.portolan.result.HostResult;
import dev.portolan.result.ScanMeta;
import dev.portolan.result.ScanSummary;
import java.io.IOException;
import java.util.List;

/**
 * A streaming report: opened once, fed each host as it completes, closed once. After {@link #close} the
 * output is a complete, valid document, also when the scan was interrupted.
 */
public interface ResultSink extends AutoCloseable {

    void open(ScanMeta meta) throws IOException;

    void accept(HostResult host) throws IOException;

    /**
     * Hosts that finished together, in order, as if each were {@linkplain #accept accepted}; a streaming format
     * writes them all and then flushes once.
     */
    default void acceptAll(List<HostResult> hosts) throws IOException {
        for (HostResult host : hosts) {
            accept(host);
        }
    }

    /** Writes the trailer (run statistics) and releases the output. */
    void close(ScanSummary summary) throws IOException;

    /** Releases the output without a trailer; only for failures before {@link #open}. */
    @Override
    default void close() throws IOException {
    }
}
