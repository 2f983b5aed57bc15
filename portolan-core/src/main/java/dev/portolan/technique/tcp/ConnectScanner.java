package dev.portolan.technique.tcp;

import dev.portolan.api.Progress;
import dev.portolan.api.ScanConfig;
import dev.portolan.api.ScanListener;
import dev.portolan.engine.Clock;
import dev.portolan.engine.FdBudget;
import dev.portolan.engine.FeistelPermutation;
import dev.portolan.engine.HostGroups;
import dev.portolan.engine.IdentityPermutation;
import dev.portolan.engine.Permutation;
import dev.portolan.engine.RttEstimator;
import dev.portolan.engine.Shard;
import dev.portolan.result.HostResult;
import dev.portolan.result.HostStatus;
import dev.portolan.result.PortResult;
import dev.portolan.result.Reason;
import dev.portolan.result.ScanSummary;
import dev.portolan.service.ServiceNames;
import dev.portolan.target.Protocol;
import dev.portolan.target.Target;
import dev.portolan.net.Privileges;
import dev.portolan.result.HostInventory;
import dev.portolan.technique.discovery.HostDiscoveries;
import dev.portolan.technique.discovery.HostDiscovery;
import dev.portolan.technique.discovery.LocalAddresses;
import dev.portolan.technique.discovery.PingVerdict;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * nmap's TCP connect scan (-sT) with its unprivileged host discovery: runs a {@link ScanConfig}, reports every
 * port and host through the {@link ScanListener} as soon as it is final, and returns the run statistics.
 * {@link #run} blocks the calling thread (and uses one more thread per extra core); listener calls never overlap;
 * {@link #cancel} may come from any thread.
 */
public final class ConnectScanner {
    /** nmap's connect "ping" without raw sockets: any answer on these ports shows the host up. */
    static final int[] PING_PORTS = {80, 443};
    static final long PROGRESS_NANOS = 200_000_000L;
    private static final int RATE_SNAPSHOTS = 5;

    private final ScanConfig config;
    private final ScanListener listener;
    private final Clock clock;
    private final Predicate<InetAddress> isLocal;
    private final int lanes;
    private final LongFunction<Sockets> sockets;
    /** What a port that never answered is: filtered, or open|filtered for the FIN, NULL, Xmas and Maimon scans. */
    private final Outcome silence;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean cancelled;
    private volatile ConnectIo io;
    /** The discovery plug-in when the config asks for one and it can run here; null: the connect "ping". */
    private volatile HostDiscovery hostDiscovery;

    private int[] ports;
    private boolean scanPorts;
    private long seed;
    private Shard.Slice shard;
    private Pacing pacing;
    private Instant startInstant;
    private long startNanos;
    @SuppressWarnings("unchecked")
    private Optional<String>[] services = new Optional[0];
    /** Results are values: hosts share them, so a big scan allocates one per port and outcome, not per host. */
    private final PortResult[][] resultCache = new PortResult[Outcome.values().length][];
    private int hostsUp;
    private int hostsDown;
    private long hostsDone;
    private long sent;
    private long retried;
    private long unanswered;
    private long unitsDone;
    private long unitsTotal;
    private ProbeScheduler activeJob;
    private long nextProgress;
    private final long[] snapshotTime = new long[RATE_SNAPSHOTS];
    private final long[] snapshotSent = new long[RATE_SNAPSHOTS];
    private int snapshots;

    /** A scanner for {@code config} that reports to {@code listener}. */
    public ConnectScanner(ScanConfig config, ScanListener listener) {
        this(config, listener, LocalAddresses.ofThisMachine(), ConnectIo.defaultLanes(), Sockets::forScan);
    }

    /**
     * {@code isLocal} decides which targets are this machine (up without a probe, as nmap does); {@code lanes} is
     * how many threads send; {@code sockets} picks the sockets they use for a scan of so many probes.
     */
    ConnectScanner(ScanConfig config, ScanListener listener, Predicate<InetAddress> isLocal, int lanes,
                   LongFunction<Sockets> sockets) {
        this(config, listener, isLocal, lanes, sockets, Outcome.NO_RESPONSE);
    }

    /** As above, with {@code silence} the outcome of a port that never answered. */
    ConnectScanner(ScanConfig config, ScanListener listener, Predicate<InetAddress> isLocal, int lanes,
                   LongFunction<Sockets> sockets, Outcome silence) {
        this.silence = Objects.requireNonNull(silence, "silence");
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Clock.SYSTEM;
        this.isLocal = isLocal;
        this.lanes = lanes;
        this.sockets = sockets;
    }

    /** Stops the scan soon: nothing more is sent, every socket is closed, unfinished hosts are not reported. */
    public void cancel() {
        cancelled = true;
        HostDiscovery d = hostDiscovery;
        if (d != null) {
            d.cancel();
        }
        ConnectIo current = io;
        if (current != null) {
            current.cancel();
        }
    }

    /** Scans every target; returns when all hosts are reported or the scan was cancelled. Runs once. */
    public ScanSummary run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("a ConnectScanner runs once; make a new one");
        }
        startInstant = Instant.now();
        startNanos = clock.nanoTime();
        ports = config.ports().ports(Protocol.TCP);
        scanPorts = !config.pingOnly() && ports.length > 0;
        // the order only needs to look random, not to be secret: SecureRandom's start-up would cost more CPU
        seed = config.seed().orElseGet(() -> ThreadLocalRandom.current().nextLong());
        long pairs = config.targets().size() * ports.length;
        shard = config.shard().isAll() || pairs == 0 ? null
                : config.shard().slice(pairs, config.seed().orElse(Shard.DEFAULT_SEED));
        int budget = FdBudget.available();
        pacing = Pacing.of(clock, config.timing(), config.minRate(), config.maxRate(), budget);
        long hostCount = config.targets().size();
        unitsTotal = hostCount * (scanPorts ? ports.length : 1);
        resolveServices();
        nextProgress = startNanos + PROGRESS_NANOS;
        Optional<String> error = Optional.empty();
        hostDiscovery = config.discovery()
                .flatMap(o -> HostDiscoveries.forOptions(o, o.rawSockets() && Privileges.current().rawSockets()))
                .orElse(null);
        Sockets chosen = sockets.apply(hostCount * (scanPorts ? ports.length : PING_PORTS.length));
        try (ConnectIo shell = ConnectIo.open(clock, chosen, lanes, pacing.maxWindow(),
                listener::warning)) {
            io = shell;
            if (cancelled) {
                shell.cancel();
            }
            // a ping scan by the plug-in is one sweep: its passes and waits are paid once, not once per group
            int perGroup = hostDiscovery != null && !scanPorts ? (int) Math.min(hostCount, HostGroups.MAX_PAIRS)
                    : HostGroups.hostsPerGroup(scanPorts ? ports.length : PING_PORTS.length);
            long group = 0;
            for (long first = 0; first < hostCount && !cancelled; first += perGroup, group++) {
                scanGroup(shell, first, (int) Math.min(perGroup, hostCount - first), group);
            }
        } catch (IOException e) {
            error = Optional.of("connect scan failed: " + e.getMessage());
            listener.warning(error.get());
        } finally {
            io = null;
        }
        emitProgress(clock.nanoTime());
        long end = clock.nanoTime();
        return new ScanSummary(instantAt(end), (end - startNanos) / 1_000_000, hostsUp, hostsDown,
                hostsUp + hostsDown, cancelled, error, sent, retried, unanswered);
    }

    private void scanGroup(ConnectIo shell, long first, int count, long group) throws IOException {
        Group g = new Group(count);
        List<Integer> toPing = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            g.targets[i] = config.targets().get(first + i);
            g.rtt[i] = RttEstimator.of(config.timing());
            if (config.skipDiscovery()) {
                g.up(i, Reason.USER_SET);
            } else if (isLocal.test(g.targets[i].address())) {
                g.up(i, Reason.LOCALHOST_RESPONSE);
            } else {
                toPing.add(i);
            }
        }
        int[] pinged = toPing.stream().mapToInt(Integer::intValue).toArray();
        if (!toPing.isEmpty() && hostDiscovery != null) {
            discoverWithPlugin(g, pinged);
        } else if (!toPing.isEmpty() && !discover(shell, g, pinged, group)) {
            return;
        }
        List<Integer> up = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (g.status[i] == HostStatus.UP && !g.reported[i]) {
                if (scanPorts) {
                    up.add(i);
                } else {
                    unitsDone++;
                    report(g, i, List.of(), false);
                }
            }
        }
        if (!up.isEmpty()) {
            scanPorts(shell, g, up.stream().mapToInt(Integer::intValue).toArray(), group, first);
        }
    }

    /** Connect "ping" of {@code hosts}; false when cancelled. Down hosts are reported here. */
    private boolean discover(ConnectIo shell, Group g, int[] hosts, long group) throws IOException {
        RttEstimator[] rtt = new RttEstimator[hosts.length];
        long[] start = new long[hosts.length];
        InetAddress[] addresses = new InetAddress[hosts.length];
        for (int j = 0; j < hosts.length; j++) {
            rtt[j] = g.rtt[hosts[j]];
            start[j] = g.start[hosts[j]];
            addresses[j] = g.targets[hosts[j]].address();
        }
        ProbeEvents events = new ProbeEvents() {
            @Override
            public void portFinal(int host, int portIndex, Outcome outcome) {
                int i = hosts[host];
                if (outcome.fromTarget()) {
                    g.up(i, outcome.reason());
                } else if (outcome == Outcome.HOST_UNREACH || outcome == Outcome.NET_UNREACH) {
                    g.reason[i] = outcome.reason();
                }
            }

            @Override
            public void hostFinal(int host, boolean timedOut) {
                int i = hosts[host];
                g.start[i] = start[host];
                if (g.status[i] != HostStatus.UP) {
                    g.status[i] = HostStatus.DOWN;
                    unitsDone += scanPorts ? ports.length : 1;
                    report(g, i, List.of(), timedOut);
                }
            }
        };
        ProbeScheduler job = new ProbeScheduler(pacing, PING_PORTS.length,
                order((long) hosts.length * PING_PORTS.length, group, 1), rtt, start, true, events);
        return runJob(shell, job, addresses, PING_PORTS);
    }

    /** Discovery by the plug-in: up hosts get its reason and inventory; down hosts are reported here. */
    private void discoverWithPlugin(Group g, int[] hosts) throws IOException {
        List<InetAddress> addresses = new ArrayList<>(hosts.length);
        for (int i : hosts) {
            addresses.add(g.targets[i].address());
        }
        List<PingVerdict> verdicts = hostDiscovery.discover(addresses, config.timing(), config.maxRate(),
                listener::warning);
        for (int j = 0; j < hosts.length; j++) {
            int i = hosts[j];
            PingVerdict v = verdicts.get(j);
            g.inventory[i] = v.inventory();
            v.rttMicros().ifPresent(micros -> g.rtt[i].sample(micros * 1000, false));
            if (v.up()) {
                g.up(i, v.reason());
            } else if (!cancelled) {
                g.status[i] = HostStatus.DOWN;
                unitsDone += scanPorts ? ports.length : 1;
                report(g, i, List.of(), false);
            }
        }
    }

    private void scanPorts(ConnectIo shell, Group g, int[] hosts, long group, long first) throws IOException {
        RttEstimator[] rtt = new RttEstimator[hosts.length];
        long[] start = new long[hosts.length];
        InetAddress[] addresses = new InetAddress[hosts.length];
        for (int j = 0; j < hosts.length; j++) {
            rtt[j] = g.rtt[hosts[j]];
            start[j] = g.start[hosts[j]];
            addresses[j] = g.targets[hosts[j]].address();
        }
        ProbeScheduler[] self = new ProbeScheduler[1];
        ProbeEvents events = new ProbeEvents() {
            @Override
            public void portFinal(int host, int portIndex, Outcome outcome) {
                unitsDone++;
                listener.portDone(g.targets[hosts[host]], portResult(portIndex, outcome,
                        self[0].replyTtl(host, portIndex)));
            }

            @Override
            public void hostFinal(int host, boolean timedOut) {
                int i = hosts[host];
                g.start[i] = start[host];
                List<PortResult> results = new ArrayList<>(ports.length);
                for (int k = 0; k < ports.length; k++) {
                    Outcome o = self[0].outcome(host, k);
                    if (o != null) {
                        results.add(portResult(k, o, self[0].replyTtl(host, k)));
                    }
                }
                unitsDone += ports.length - results.size();
                long unansweredPorts = results.stream().filter(r -> r.reason() == Reason.NO_RESPONSE).count();
                if (self[0].retriesTooFew(host) && unansweredPorts > 0) {
                    listener.warning(String.format(Locale.ROOT, "%s: %.0f%% of probes were lost; with --max-retries %d"
                            + " some of its %d unanswered (filtered) ports may be loss rather than a filter; raise"
                            + " --max-retries to be sure", g.targets[i], 100 * self[0].loss(host),
                            self[0].maxRetries(), unansweredPorts));
                }
                report(g, i, results, timedOut);
            }
        };
        self[0] = new ProbeScheduler(pacing, ports.length, order((long) hosts.length * ports.length, group, 2), rtt,
                start, false, events);
        if (shard != null) {
            // --shard: a pair is this scan's by its index in the whole scan, whatever the groups and discovery did
            self[0].exclude(pair -> !shard.owns((first + hosts[pair / ports.length]) * ports.length
                    + pair % ports.length));
        }
        runJob(shell, self[0], addresses, ports);
    }

    private boolean runJob(ConnectIo shell, ProbeScheduler job, InetAddress[] addresses, int[] jobPorts)
            throws IOException {
        activeJob = job;
        try {
            return shell.run(job, addresses, jobPorts, this::tick);
        } finally {
            activeJob = null;
            sent += job.sent();
            retried += job.retried();
            unanswered += job.unanswered();
        }
    }

    private Permutation order(long size, long group, long phase) {
        if (config.sequentialPorts()) {
            return IdentityPermutation.of(size);
        }
        return FeistelPermutation.of(size, seed ^ (group * 0x9E3779B97F4A7C15L) ^ (phase << 56));
    }

    private void report(Group g, int i, List<PortResult> results, boolean timedOut) {
        g.reported[i] = true;
        long now = clock.nanoTime();
        long begin = g.start[i] == ProbeScheduler.NOT_STARTED ? g.created : g.start[i];
        HostResult host = new HostResult(g.targets[i], g.status[i], g.reason[i], List.of(), results,
                instantAt(begin), instantAt(now), g.rtt[i].hostTimes(), timedOut, g.inventory[i]);
        if (g.status[i] == HostStatus.UP) {
            hostsUp++;
        } else {
            hostsDown++;
        }
        hostsDone++;
        listener.hostDone(host);
    }

    /**
     * The result of port {@code portIndex} with outcome {@code o}: one shared object per pair for the whole scan,
     * unless the reply's TTL is known ({@code ttl} > 0), which makes it the host's own.
     */
    private PortResult portResult(int portIndex, Outcome outcome, int ttl) {
        Outcome o = outcome == Outcome.NO_RESPONSE ? silence : outcome;
        if (ttl > 0) {
            return new PortResult(Protocol.TCP, ports[portIndex], o.state(), o.reason(), ttl, services[portIndex]);
        }
        PortResult[] byPort = resultCache[o.ordinal()];
        if (byPort == null) {
            byPort = new PortResult[ports.length];
            resultCache[o.ordinal()] = byPort;
        }
        PortResult r = byPort[portIndex];
        if (r == null) {
            r = new PortResult(Protocol.TCP, ports[portIndex], o.state(), o.reason(), 0, services[portIndex]);
            byPort[portIndex] = r;
        }
        return r;
    }

    @SuppressWarnings("unchecked")
    private void resolveServices() {
        services = new Optional[ports.length];
        ServiceNames names = ServiceNames.builtin();
        for (int k = 0; k < ports.length; k++) {
            services[k] = names.name(Protocol.TCP, ports[k]);
        }
    }

    private void tick() {
        long now = clock.nanoTime();
        if (now - nextProgress >= 0) {
            nextProgress = now + PROGRESS_NANOS;
            emitProgress(now);
        }
    }

    private void emitProgress(long now) {
        long sentNow = sent + (activeJob == null ? 0 : activeJob.sent());
        int slot = snapshots % RATE_SNAPSHOTS;
        int oldest = snapshots < RATE_SNAPSHOTS ? 0 : slot;
        long t0 = snapshots == 0 ? startNanos : snapshotTime[oldest];
        long s0 = snapshots == 0 ? 0 : snapshotSent[oldest];
        double pps = now > t0 ? (sentNow - s0) * 1e9 / (now - t0) : 0;
        snapshotTime[slot] = now;
        snapshotSent[slot] = sentNow;
        snapshots++;
        listener.progress(new Progress(Math.min(unitsDone, unitsTotal), unitsTotal, hostsDone,
                config.targets().size(), pps, now - startNanos));
    }

    private Instant instantAt(long nanos) {
        return startInstant.plusNanos(nanos - startNanos);
    }

    /** What a group knows about its hosts while it runs. */
    private final class Group {
        final Target[] targets;
        final HostStatus[] status;
        final Reason[] reason;
        final RttEstimator[] rtt;
        final long[] start;
        final boolean[] reported;
        final HostInventory[] inventory;
        final long created = clock.nanoTime();

        Group(int count) {
            targets = new Target[count];
            status = new HostStatus[count];
            reason = new Reason[count];
            rtt = new RttEstimator[count];
            start = new long[count];
            reported = new boolean[count];
            inventory = new HostInventory[count];
            Arrays.fill(inventory, HostInventory.NONE);
            Arrays.fill(status, HostStatus.UNKNOWN);
            Arrays.fill(reason, Reason.NO_RESPONSE);
            Arrays.fill(start, ProbeScheduler.NOT_STARTED);
        }

        void up(int i, Reason why) {
            status[i] = HostStatus.UP;
            reason[i] = why;
        }
    }
}
