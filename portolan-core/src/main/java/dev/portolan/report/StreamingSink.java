package dev.portolan.report;

import dev.portolan.result.HostResult;
import dev.portolan.result.ScanMeta;
import dev.portolan.result.ScanSummary;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;

/**
 * The lifecycle every format shares: open once, hosts deduplicated and filtered by nmap's listing rule, a flush
 * after every host (so {@code tail -f} shows progress), the trailer once, then the output released. Thread-safe.
 */
abstract class StreamingSink implements ResultSink {
    private enum Phase { NEW, OPEN, CLOSED }

    protected final Utf8Writer out;
    protected final ReportOptions options;
    protected final ListingRule rule;
    protected final NmapTime time;
    private final SeenHosts seen = new SeenHosts();
    private Phase phase = Phase.NEW;
    protected ScanMeta meta;

    StreamingSink(OutputStream stream, ReportOptions options) {
        Objects.requireNonNull(stream, "stream");
        this.options = Objects.requireNonNull(options, "options");
        this.out = new Utf8Writer(shielded(stream));
        this.rule = new ListingRule(options);
        this.time = new NmapTime(options.zone());
    }

    @Override
    public final synchronized void open(ScanMeta meta) throws IOException {
        Objects.requireNonNull(meta, "meta");
        if (phase != Phase.NEW) {
            throw new IllegalStateException("report already opened");
        }
        this.meta = meta;
        phase = Phase.OPEN;
        writeHeader(meta);
        flush();
    }

    @Override
    public final synchronized void accept(HostResult host) throws IOException {
        Objects.requireNonNull(host, "host");
        if (phase != Phase.OPEN) {
            throw new IllegalStateException(phase == Phase.NEW ? "report not opened yet" : "report already closed");
        }
        if (writeIfNew(host)) {
            flush();
        }
    }

    @Override
    public final synchronized void acceptAll(List<HostResult> hosts) throws IOException {
        Objects.requireNonNull(hosts, "hosts");
        if (phase != Phase.OPEN) {
            throw new IllegalStateException(phase == Phase.NEW ? "report not opened yet" : "report already closed");
        }
        boolean wrote = false;
        for (HostResult host : hosts) {
            wrote |= writeIfNew(Objects.requireNonNull(host, "host"));
        }
        if (wrote) {
            flush();
        }
    }

    private boolean writeIfNew(HostResult host) throws IOException {
        if (!seen.add(host.target()) || !rule.listsHost(host)) {
            return false;
        }
        writeHost(host);
        return true;
    }

    @Override
    public final synchronized void close(ScanSummary summary) throws IOException {
        Objects.requireNonNull(summary, "summary");
        if (phase == Phase.CLOSED) {
            return;
        }
        if (phase == Phase.NEW) {
            throw new IllegalStateException("report closed before it was opened");
        }
        phase = Phase.CLOSED;
        try {
            writeTrailer(summary);
            flush();
        } finally {
            release();
        }
    }

    @Override
    public final synchronized void close() throws IOException {
        if (phase != Phase.CLOSED) {
            phase = Phase.CLOSED;
            release();
        }
    }

    abstract void writeHeader(ScanMeta meta) throws IOException;

    abstract void writeHost(HostResult host) throws IOException;

    abstract void writeTrailer(ScanSummary summary) throws IOException;

    /** Pushes everything written so far to the stream. */
    void flush() throws IOException {
        out.flush();
    }

    /** Releases the output; the stream is closed unless it is the process's stdout or stderr. */
    void release() throws IOException {
        out.close();
    }

    /** Standard output and error are flushed but never closed by a report. */
    private static OutputStream shielded(OutputStream stream) {
        if (stream != System.out && stream != System.err) {
            return stream;
        }
        return new FilterOutputStream(stream) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
