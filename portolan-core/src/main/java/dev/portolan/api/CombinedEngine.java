package dev.portolan.api;

import dev.portolan.result.HostResult;
import dev.portolan.result.PortResult;
import dev.portolan.target.Target;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs a scan that mixes protocols (-sS -sU) as one engine per protocol, one after the other, and reports each
 * host once with the ports of every part: a host's earlier parts wait in memory until its last part is done.
 * Merging here, not in {@link Scan}, keeps the facade's rule that an engine reports each host once.
 */
final class CombinedEngine implements ScanEngine {
    private final List<ScanConfig> parts;
    private final Function<ScanConfig, ScanEngine> engines;
    private volatile ScanEngine current;
    private volatile boolean cancelled;

    CombinedEngine(List<ScanConfig> parts, Function<ScanConfig, ScanEngine> engines) {
        this.parts = List.copyOf(parts);
        this.engines = engines;
    }

    @Override
    public EngineStats run(ScanConfig config, ScanListener listener) {
        Map<InetAddress, HostResult> earlier = new HashMap<>();
        long sent = 0;
        long retried = 0;
        long unanswered = 0;
        for (int i = 0; i < parts.size() && !cancelled; i++) {
            boolean last = i == parts.size() - 1;
            ScanEngine engine = engines.apply(parts.get(i));
            current = engine;
            if (cancelled) {
                engine.cancel();
            }
            EngineStats stats = engine.run(parts.get(i), new PartListener(listener, earlier, last));
            sent += stats.probesSent();
            retried += stats.probesRetried();
            unanswered += stats.probesUnanswered();
        }
        current = null;
        return new EngineStats(sent, retried, unanswered);
    }

    @Override
    public void cancel() {
        cancelled = true;
        ScanEngine e = current;
        if (e != null) {
            e.cancel();
        }
    }

    /** Forwards one part's events; holds its hosts back unless it is the last part, which merges and reports. */
    private record PartListener(ScanListener next, Map<InetAddress, HostResult> earlier, boolean last)
            implements ScanListener {

        @Override
        public void portDone(Target target, PortResult result) {
            next.portDone(target, result);
        }

        @Override
        public void hostDone(HostResult host) {
            InetAddress address = host.target().address();
            HostResult before;
            synchronized (earlier) {
                before = earlier.remove(address);
                if (!last) {
                    earlier.put(address, before == null ? host : HostMerge.of(before, host));
                    return;
                }
            }
            next.hostDone(before == null ? host : HostMerge.of(before, host));
        }

        @Override
        public void progress(Progress progress) {
            next.progress(progress);
        }

        @Override
        public void warning(String message) {
            next.warning(message);
        }
    }
}
