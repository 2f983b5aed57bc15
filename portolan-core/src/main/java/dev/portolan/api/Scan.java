package dev.portolan.api;

import dev.portolan.dns.ReverseDns;
import dev.portolan.netbios.NetbiosNames;
import dev.portolan.result.NetbiosInfo;
import dev.portolan.report.ResultSink;
import dev.portolan.report.SeenHosts;
import dev.portolan.result.HostResult;
import dev.portolan.result.HostStatus;
import dev.portolan.result.PortResult;
import dev.portolan.result.Reason;
import dev.portolan.result.ScanInfo;
import dev.portolan.result.ScanMeta;
import dev.portolan.result.ScanSummary;
import dev.portolan.service.detect.VersionScanner;
import dev.portolan.target.Protocol;
import dev.portolan.target.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One scan, the library's entry point and what the CLI uses:
 * <pre>{@code
 * ScanConfig config = ScanConfig.builder(TargetSet.parse(List.of("127.0.0.1"), TargetOptions.defaults()),
 *         PortList.parse("1-1024", ServiceNames.builtin())).build();
 * ScanReport report = Scan.of(config).collect();
 * }</pre>
 * Hosts reach the sinks and listeners once each, in the order they finish, with reverse-DNS names added.
 */
public final class Scan {
    private static final long DNS_TIMEOUT_MILLIS = 3000;
    /** Completed once and shared: a sweep of a /16 without names need not make 131 072 futures to say so. */
    private static final CompletableFuture<List<String>> NO_NAMES = CompletableFuture.completedFuture(List.of());
    private static final CompletableFuture<Optional<NetbiosInfo>> NO_NETBIOS =
            CompletableFuture.completedFuture(Optional.empty());
    private static final Executor VIRTUAL = task -> Thread.ofVirtual().name("portolan-version").start(task);

    private final ScanConfig config;
    private final Function<ScanConfig, ScanEngine> engines;
    private final List<ScanListener> listeners = new CopyOnWriteArrayList<>();
    private final List<ResultSink> sinks = new ArrayList<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicInteger timedOut = new AtomicInteger();
    private volatile ScanEngine engine;
    private volatile VersionScanner activeVersions;
    private String commandLine = Portolan.NAME;
    private int verbosity;

    private Scan(ScanConfig config, Function<ScanConfig, ScanEngine> engines) {
        this.config = config;
        this.engines = engines;
    }

    public static Scan of(ScanConfig config) {
        return new Scan(config, Engines::forConfig);
    }

    /** A scan run by a given engine; for tests and embedders with an engine of their own. */
    public static Scan withEngine(ScanConfig config, ScanEngine engine) {
        return new Scan(config, c -> engine);
    }

    /** The command line recorded in the reports ("portolan scan -p 22 127.0.0.1"). */
    public Scan commandLine(String line) {
        this.commandLine = line;
        return this;
    }

    /** The -v level recorded in the reports' metadata (nmap's {@code <verbose level>}). */
    public Scan verbosity(int level) {
        this.verbosity = level;
        return this;
    }

    public Scan listener(ScanListener listener) {
        listeners.add(listener);
        return this;
    }

    public Scan sink(ResultSink sink) {
        sinks.add(sink);
        return this;
    }

    /** Stops the scan from any thread; {@link #run} then writes what was found and returns. */
    public void cancel() {
        VersionScanner v = activeVersions;
        if (v != null) {
            v.cancel();
        }
        cancelled.set(true);
        ScanEngine e = engine;
        if (e != null) {
            e.cancel();
        }
    }

    /** How many hosts were cut short by --host-timeout. */
    public int hostsTimedOut() {
        return timedOut.get();
    }

    /** Runs the scan and keeps every host in memory. */
    public ScanReport collect() throws IOException {
        List<HostResult> hosts = new CopyOnWriteArrayList<>();
        ScanMeta[] meta = new ScanMeta[1];
        listener(new ScanListener() {
            @Override
            public void scanStarted(ScanMeta m) {
                meta[0] = m;
            }

            @Override
            public void hostDone(HostResult host) {
                hosts.add(host);
            }
        });
        ScanSummary summary = run();
        return new ScanReport(meta[0], hosts, summary);
    }

    /** Runs the scan to the end (or until cancelled) and closes every sink with the summary. */
    public ScanSummary run() throws IOException {
        long startNanos = System.nanoTime();
        ScanMeta meta = new ScanMeta(Portolan.NAME, Portolan.VERSION, commandLine, Instant.now(), scanInfos(config),
                verbosity);
        for (ResultSink sink : sinks) {
            sink.open(meta);
        }
        listeners.forEach(l -> l.scanStarted(meta));
        Delivery delivery = new Delivery();
        EngineStats stats = new EngineStats(0, 0, 0);
        Optional<String> error = Optional.empty();
        try (ReverseDns dns = new ReverseDns(DNS_TIMEOUT_MILLIS, config.dnsServers());
             NetbiosNames netbios = config.netbios() ? new NetbiosNames(NetbiosNames.DEFAULT_TIMEOUT_MILLIS) : null;
             VersionScanner versions = config.versionDetection().map(VersionScanner::of).orElse(null)) {
            delivery.dns = dns;
            delivery.netbios = netbios;
            delivery.versions = versions;
            activeVersions = versions;
            if (versions != null) {
                versions.notes().forEach(n -> listeners.forEach(l -> l.warning(n)));
            }
            if (!cancelled.get()) {
                engine = engines.apply(config);
                if (cancelled.get()) {
                    engine.cancel();
                }
                stats = engine.run(config, delivery);
            }
            if (cancelled.get()) {
                delivery.flushPartialHosts();
            }
            delivery.finish();
        } catch (RuntimeException e) {
            error = Optional.of(describe(e));
            delivery.finish();
        }
        long elapsedMillis = (System.nanoTime() - startNanos) / 1_000_000;
        ScanSummary summary = new ScanSummary(Instant.now(), elapsedMillis, delivery.up.get(), delivery.down.get(),
                delivery.up.get() + delivery.down.get(), cancelled.get(),
                error.or(() -> Optional.ofNullable(delivery.sinkError)), stats.probesSent(), stats.probesRetried(),
                stats.probesUnanswered());
        IOException closeError = null;
        for (ResultSink sink : sinks) {
            try {
                sink.close(summary);
            } catch (IOException e) {
                closeError = closeError == null ? e : closeError;
            }
        }
        listeners.forEach(l -> l.scanFinished(summary));
        if (closeError != null) {
            throw closeError;
        }
        return summary;
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static List<ScanInfo> scanInfos(ScanConfig config) {
        List<ScanInfo> infos = new ArrayList<>();
        if (config.pingOnly()) {
            return infos;
        }
        // nmap's order (syn before udp), whatever order the configuration's set keeps
        for (ScanType type : config.scanTypes().stream().sorted().toList()) {
            Protocol p = type.protocol();
            // as nmap: --scanflags is named on every TCP scan type's record
            Optional<String> flags = p == Protocol.TCP && config.scanFlags().isPresent()
                    ? Optional.of(ScanInfo.flagNames(config.scanFlags().getAsInt())) : Optional.empty();
            infos.add(new ScanInfo(type.xmlName(), p, config.ports().count(p), config.ports().compact(p), flags));
        }
        return infos;
    }

    /**
     * Between the engine and the outputs: adds names, drops duplicates, keeps the engine's order, and remembers
     * ports of unfinished hosts so an interrupted scan still reports what it found.
     */
    private final class Delivery implements ScanListener {
        /** Hosts waiting for the writer; when it falls behind the engine waits, so memory stays bounded. */
        static final int WRITER_QUEUE = 4096;
        /** Hosts handed to the sinks at once at most (each sink flushes once per batch). */
        static final int WRITER_BATCH = 256;

        private final BatchWriter<Pending> writer = new BatchWriter<>("portolan-report-writer", WRITER_QUEUE,
                WRITER_BATCH, this::deliver);
        // a bit per IPv4 address, not an object: a sweep of millions of hosts stays small
        private final SeenHosts delivered = new SeenHosts();
        private final Map<InetAddress, Partial> partial = new LinkedHashMap<>();
        /** The host the last port went to: an engine reports a host's ports one after another (-p-: 65 536). */
        private Partial lastPartial;
        private final AtomicInteger up = new AtomicInteger();
        private final AtomicInteger down = new AtomicInteger();
        private volatile String sinkError;
        private ReverseDns dns;
        private NetbiosNames netbios;
        private VersionScanner versions;

        @Override
        public void portDone(Target target, PortResult result) {
            synchronized (partial) {
                Partial p = lastPartial;
                if (p == null || p.target != target) {
                    p = partial.computeIfAbsent(target.address(), a -> new Partial(target, Instant.now()));
                    lastPartial = p;
                }
                p.ports.add(result);
            }
            for (ScanListener l : listeners) {
                l.portDone(target, result);
            }
        }

        @Override
        public void hostDone(HostResult host) {
            synchronized (partial) {
                lastPartial = null;
                // a sweep reports no ports: nothing to drop, and no address hashed per host
                if (!partial.isEmpty()) {
                    partial.remove(host.target().address());
                }
            }
            CompletableFuture<List<String>> names = wantsName(host) ? dns.lookup(host.target().address()) : NO_NAMES;
            // version detection of one host runs beside the port scan of the others; the writer keeps host order
            CompletableFuture<HostResult> detected = versions == null || host.status() != HostStatus.UP
                    ? null : CompletableFuture.supplyAsync(() -> versions.detect(host), VIRTUAL);
            // only hosts discovery found up: a NetBIOS question to every address of a sweep would be a scan of 137
            CompletableFuture<Optional<NetbiosInfo>> nbstat = netbios == null || host.status() != HostStatus.UP
                    || host.timedOut() ? NO_NETBIOS : netbios.lookup(host.target().address());
            writer.put(new Pending(host, detected, names, nbstat));
        }

        @Override
        public void progress(Progress progress) {
            listeners.forEach(l -> l.progress(progress));
        }

        @Override
        public void warning(String message) {
            listeners.forEach(l -> l.warning(message));
        }

        private boolean wantsName(HostResult host) {
            return switch (config.dnsMode()) {
                case NEVER -> false;
                case ALWAYS -> true;
                case UP_HOSTS -> host.status() == HostStatus.UP;
            };
        }

        /** Names, counts and writes a batch of finished hosts: one call per sink, so one flush per batch. */
        private void deliver(List<Pending> batch) {
            List<HostResult> named = new ArrayList<>(batch.size());
            // a call per host: compiled after a few hundred hosts, where the loop body would wait for on-stack
            // replacement
            for (Pending p : batch) {
                HostResult host = named(p);
                if (host != null) {
                    named.add(host);
                }
            }
            if (named.isEmpty()) {
                return;
            }
            for (ResultSink sink : sinks) {
                try {
                    sink.acceptAll(named);
                } catch (IOException e) {
                    if (sinkError == null) {
                        sinkError = "writing results failed: " + describe(e);
                    }
                }
            }
            for (ScanListener l : listeners) {
                for (HostResult done : named) {
                    l.hostDone(done);
                }
            }
        }

        /** The host with its names, counted; null when it was delivered already. */
        private HostResult named(Pending p) {
            HostResult host = p.detected() == null ? p.host() : p.detected().join();
            if (!delivered.add(host.target().address())) {
                return null;
            }
            Optional<NetbiosInfo> nbstat = p.netbios().join();
            if (nbstat.isPresent()) {
                host = host.withInventory(host.inventory().withNetbios(nbstat.get()));
            }
            List<String> ptr = p.names().join();
            if (!ptr.isEmpty() && host.ptrNames().isEmpty()) {
                host = host.withPtrNames(ptr);
            }
            if (host.status() == HostStatus.UP) {
                up.incrementAndGet();
            } else {
                down.incrementAndGet();
            }
            if (host.timedOut()) {
                timedOut.incrementAndGet();
            }
            return host;
        }

        /** Hosts the interruption caught half-way: reported with the ports that already had their answer. */
        void flushPartialHosts() {
            List<Partial> rest;
            synchronized (partial) {
                rest = new ArrayList<>(partial.values());
                partial.clear();
                lastPartial = null;
            }
            for (Partial p : rest) {
                List<PortResult> ports = new ArrayList<>(p.ports);
                ports.sort(PortResult.ORDER);
                List<PortResult> unique = dedupe(ports);
                Reason reason = unique.stream().map(PortResult::reason)
                        .filter(r -> r == Reason.SYN_ACK || r == Reason.CONN_REFUSED).findFirst().orElse(Reason.USER_SET);
                HostResult host = new HostResult(p.target, HostStatus.UP, reason, List.of(), unique, p.start,
                        Instant.now(), Optional.empty(), false);
                writer.put(new Pending(host, null, NO_NAMES, NO_NETBIOS));
            }
        }

        private List<PortResult> dedupe(List<PortResult> sorted) {
            List<PortResult> out = new ArrayList<>();
            for (PortResult r : sorted) {
                if (out.isEmpty() || out.getLast().port() != r.port() || out.getLast().protocol() != r.protocol()) {
                    out.add(r);
                }
            }
            return out;
        }

        void finish() {
            try {
                // Each lookup is bounded by the DNS timeout, so this only waits for writes to finish.
                if (!writer.finish(Duration.ofMinutes(10))) {
                    throw new UncheckedIOException(new IOException("report writer did not finish"));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (writer.failure() != null && sinkError == null) {
                sinkError = "writing results failed: " + describe(writer.failure());
            }
        }
    }

    /**
     * A finished host, its version detection if one runs (null: none), its reverse-DNS and NetBIOS lookups, for the
     * writer.
     */
    private record Pending(HostResult host, CompletableFuture<HostResult> detected,
                           CompletableFuture<List<String>> names, CompletableFuture<Optional<NetbiosInfo>> netbios) {
    }

    private static final class Partial {
        final Target target;
        final Instant start;
        final List<PortResult> ports = new ArrayList<>();

        Partial(Target target, Instant start) {
            this.target = target;
            this.start = start;
        }
    }
}
