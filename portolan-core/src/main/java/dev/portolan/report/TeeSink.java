package dev.portolan.report;

import dev.portolan.result.HostResult;
import dev.portolan.result.ScanMeta;
import dev.portolan.result.ScanSummary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Forwards every call to several sinks ({@code -oA}, several {@code -o} options). One sink's failure never starves
 * the others: every live sink is served, a sink that threw is released with {@link ResultSink#close()} and left out
 * of later calls, and the call then throws the first failure with the others attached as suppressed.
 */
public final class TeeSink implements ResultSink {
    private final List<ResultSink> live;

    private TeeSink(List<ResultSink> sinks) {
        this.live = new ArrayList<>(sinks);
    }

    public static TeeSink of(List<? extends ResultSink> sinks) {
        for (ResultSink s : sinks) {
            Objects.requireNonNull(s, "sink");
        }
        return new TeeSink(List.copyOf(sinks));
    }

    public static TeeSink of(ResultSink... sinks) {
        return of(List.of(sinks));
    }

    /** The sinks that have not failed so far. */
    public synchronized List<ResultSink> liveSinks() {
        return List.copyOf(live);
    }

    @Override
    public synchronized void open(ScanMeta meta) throws IOException {
        forEach(s -> s.open(meta), true);
    }

    @Override
    public synchronized void accept(HostResult host) throws IOException {
        forEach(s -> s.accept(host), true);
    }

    @Override
    public synchronized void acceptAll(List<HostResult> hosts) throws IOException {
        forEach(s -> s.acceptAll(hosts), true);
    }

    @Override
    public synchronized void close(ScanSummary summary) throws IOException {
        try {
            forEach(s -> s.close(summary), true);
        } finally {
            live.clear();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            forEach(ResultSink::close, false);
        } finally {
            live.clear();
        }
    }

    private interface Call {
        void on(ResultSink sink) throws IOException;
    }

    private void forEach(Call call, boolean releaseFailed) throws IOException {
        List<Exception> failures = new ArrayList<>();
        List<ResultSink> failed = new ArrayList<>();
        for (ResultSink sink : live) {
            try {
                call.on(sink);
            } catch (IOException | RuntimeException e) {
                failures.add(e);
                failed.add(sink);
            }
        }
        live.removeAll(failed);
        for (int i = 0; releaseFailed && i < failed.size(); i++) {
            try {
                failed.get(i).close();
            } catch (IOException | RuntimeException e) {
                failures.get(i).addSuppressed(e);
            }
        }
        if (!failures.isEmpty()) {
            rethrow(failures);
        }
    }

    /** The first IOException (else the first runtime failure), carrying every other failure as suppressed. */
    private static void rethrow(List<Exception> failures) throws IOException {
        Exception main = failures.stream().filter(e -> e instanceof IOException).findFirst()
                .orElse(failures.getFirst());
        for (Exception other : failures) {
            if (other != main) {
                main.addSuppressed(other);
            }
        }
        if (main instanceof IOException io) {
            throw io;
        }
        throw (RuntimeException) main;
    }
}
