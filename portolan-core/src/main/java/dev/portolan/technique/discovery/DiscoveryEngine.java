package dev.portolan.technique.discovery;

import dev.portolan.api.EngineStats;
import dev.portolan.api.Progress;
import dev.portolan.api.ScanConfig;
import dev.portolan.api.ScanEngine;
import dev.portolan.api.ScanListener;
import dev.portolan.engine.HostGroups;
import dev.portolan.engine.RttEstimator;
import dev.portolan.result.HostInventory;
import dev.portolan.result.HostResult;
import dev.portolan.result.HostStatus;
import dev.portolan.result.HostTimes;
import dev.portolan.result.Reason;
import dev.portolan.target.Target;
import dev.portolan.target.TargetSet;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A ping scan by the discovery plug-in: this machine's own addresses are up at once, every other host is reported
 * the moment its verdict is final (up hosts in the order they answer, the silent ones when the sweep ends), so the
 * reports are written while the sweep still runs. Listener calls come from the thread that runs it, never at once.
 */
final class DiscoveryEngine implements ScanEngine {
    private static final long PROGRESS_NANOS = 200_000_000L;
    /** Hosts per method call of a loop over a group (see RawPinger's chunks). */
    private static final int CHUNK = 64;

    private final LocalAddresses isLocal;
    private volatile HostDiscovery discovery;
    private volatile boolean cancelled;

    DiscoveryEngine() {
        this(LocalAddresses.ofThisMachine());
    }

    DiscoveryEngine(LocalAddresses isLocal) {
        this.isLocal = isLocal;
    }

    @Override
    public void cancel() {
        cancelled = true;
        HostDiscovery d = discovery;
        if (d != null) {
            d.cancel();
        }
    }

    @Override
    public EngineStats run(ScanConfig config, ScanListener listener) {
        DiscoveryOptions options = config.discovery().orElseThrow();
        HostDiscovery d = HostDiscoveries.forOptions(options, DiscoveryEngineProvider.rawRights(options))
                .orElseThrow(() -> new IllegalStateException("no discovery plug-in runs these probes here"));
        discovery = d;
        if (cancelled) {
            d.cancel();
        }
        new Run(config, listener, d).run();
        return new EngineStats(0, 0, 0);
    }

    /** One scan: the targets in groups of at most {@link HostGroups#MAX_PAIRS}, each one sweep. */
    private final class Run {
        final ScanConfig config;
        final ScanListener listener;
        final HostDiscovery discovery;
        final TargetSet targets;
        final Instant startInstant = Instant.now();
        final long startNanos = System.nanoTime();
        long hostsDone;
        long nextProgress = startNanos + PROGRESS_NANOS;

        Run(ScanConfig config, ScanListener listener, HostDiscovery discovery) {
            this.config = config;
            this.listener = listener;
            this.discovery = discovery;
            this.targets = config.targets();
        }

        void run() {
            long count = targets.size();
            try {
                for (long first = 0; first < count && !cancelled; first += HostGroups.MAX_PAIRS) {
                    group(first, (int) Math.min(HostGroups.MAX_PAIRS, count - first));
                }
            } catch (IOException e) {
                listener.warning("host discovery failed: " + e.getMessage());
            }
            progress(System.nanoTime());
        }

        private void group(long first, int count) throws IOException {
            Instant created = Instant.now();
            int[] pinged = new int[count];
            int n = 0;
            // a call per chunk of hosts: a method called a hundred times is compiled, a loop run once in a method
            // only when on-stack replacement comes, near the end of a /16
            for (int from = 0; from < count; from += CHUNK) {
                n = notLocal(first, from, Math.min(count, from + CHUNK), created, pinged, n);
            }
            if (n == 0) {
                return;
            }
            // the pinged hosts are made as the pinger and the reports need them, not all before the first probe
            TargetHosts hosts = new TargetHosts(targets, first, pinged, n);
            discovery.discover(hosts, config.timing(), config.maxRate(), listener::warning, (j, v) -> {
                // one clock reading per host, for its end time and the progress line
                long t = System.nanoTime();
                if (v.up()) {
                    report(up(hosts.target(j), v, created, t), t);
                } else if (!cancelled) {
                    report(new HostResult(hosts.target(j), HostStatus.DOWN, Reason.NO_RESPONSE, List.of(), List.of(),
                            created, at(t), Optional.empty(), false, v.inventory()), t);
                }
            });
        }

        /** Adds to {@code pinged} the hosts {@code from} to {@code to} (of the group at {@code first}) to ping. */
        private int notLocal(long first, int from, int to, Instant created, int[] pinged, int n) {
            for (int i = from; i < to; i++) {
                if (!reportedLocal(first + i, created)) {
                    pinged[n++] = i;
                }
            }
            return n;
        }

        /** Reports the host at {@code index} up at once when it is this machine's own address: true then. */
        private boolean reportedLocal(long index, Instant created) {
            boolean local = index < targets.ipv4Size() ? isLocal.testIpv4(targets.ipv4Bits(index))
                    : isLocal.test(targets.get(index).address());
            if (local) {
                report(new HostResult(targets.get(index), HostStatus.UP, Reason.LOCALHOST_RESPONSE, List.of(),
                        List.of(), created, Instant.now(), Optional.empty(), false), System.nanoTime());
            }
            return local;
        }

        private HostResult up(Target t, PingVerdict v, Instant created, long nanos) {
            Optional<HostTimes> times = v.rttMicros().isPresent()
                    ? RttEstimator.afterOneSample(config.timing(), v.rttMicros().getAsLong() * 1000) : Optional.empty();
            return new HostResult(t, HostStatus.UP, v.reason(), List.of(), List.of(), created, at(nanos), times,
                    false, v.inventory());
        }

        /** The instant of the clock reading {@code nanos} (System.nanoTime). */
        private Instant at(long nanos) {
            return startInstant.plusNanos(nanos - startNanos);
        }

        /** Hands on a finished host; {@code t} is a clock reading of about now, for the progress line. */
        private void report(HostResult host, long t) {
            hostsDone++;
            listener.hostDone(host);
            if (t - nextProgress >= 0) {
                nextProgress = t + PROGRESS_NANOS;
                progress(t);
            }
        }

        private void progress(long t) {
            long total = targets.size();
            listener.progress(new Progress(Math.min(hostsDone, total), total, hostsDone, total, 0, t - startNanos));
        }
    }
}
