package dev.portolan.technique.udp;

import dev.portolan.api.EngineStats;
import dev.portolan.api.Progress;
import dev.portolan.api.ScanConfig;
import dev.portolan.api.ScanListener;
import dev.portolan.craft.ProbeCrafting;
import dev.portolan.engine.Clock;
import dev.portolan.engine.FeistelPermutation;
import dev.portolan.engine.HostGroups;
import dev.portolan.engine.IdentityPermutation;
import dev.portolan.engine.Permutation;
import dev.portolan.engine.RateLimiter;
import dev.portolan.engine.RttEstimator;
import dev.portolan.engine.Shard;
import dev.portolan.net.Errno;
import dev.portolan.net.ErrnoException;
import dev.portolan.net.Libc;
import dev.portolan.net.Poll;
import dev.portolan.net.Sockaddr;
import dev.portolan.net.UdpSocket;
import dev.portolan.result.HostInventory;
import dev.portolan.result.HostResult;
import dev.portolan.result.HostStatus;
import dev.portolan.result.PortResult;
import dev.portolan.result.Reason;
import dev.portolan.service.ServiceNames;
import dev.portolan.target.Protocol;
import dev.portolan.target.Target;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * nmap's UDP scan (-sU) over plain UDP sockets with IP_RECVERR: no privilege needed. One socket per address family,
 * or one per -S source address, each bound to it. Pairs go out in the order of the index permutation; a reply is
 * open, a port-unreachable closed, another unreachable filtered, silence after the tries open|filtered. A target
 * limits its unreachables per source address, so probes to a host are spread across the sources and each
 * (source, host) that limits is paced one credit at a time ({@link UnreachablePacing}) while the others go on;
 * only unanswered pairs are sent again.
 * Runs on the calling thread; {@link #cancel} may come from any thread. The ICMP errors come from the sockets' error
 * queues, not a raw ICMP socket: the kernel has matched the quoted datagram to the socket's port already, it tells
 * type, code and destination just as well, and it needs no privilege, so one path serves root and users alike.
 */
final class UdpScanner {
    static final long PROGRESS_NANOS = 200_000_000L;
    /** Probes in flight when the timing template sets no --max-parallelism. */
    static final int DEFAULT_WINDOW = 512;
    static final long MAX_WAIT_NANOS = 50_000_000L;
    private static final int RECEIVE_BUFFER = 1 << 20;

    private final ScanConfig config;
    private final ScanListener listener;
    private final Predicate<InetAddress> isLocal;
    private final UdpPayloads payloads;
    private final Clock clock = Clock.SYSTEM;
    private volatile boolean cancelled;

    private int[] ports;
    private final int[] portIndex = new int[65536];
    private Optional<String>[] services;
    private RttEstimator rtt;
    private RateLimiter rate;
    private int window;
    private int silentTriesNeeded;
    /** --host-timeout in nanoseconds, from a host's first probe; 0: none. */
    private long hostTimeout;
    private long seed;
    private Shard.Slice shard;
    private long startNanos;
    private Instant startInstant;
    private long nextProgress;
    private long sent;
    private long retried;
    private long unanswered;
    private long pairsDone;
    private long pairsTotal;
    private long hostsDone;
    private final byte[] buffer = new byte[2048];
    private final java.util.Set<Integer> warned = new java.util.HashSet<>();
    private boolean warnedOwnPort;

    UdpScanner(ScanConfig config, ScanListener listener, Predicate<InetAddress> isLocal, UdpPayloads payloads) {
        this.config = config;
        this.listener = listener;
        this.isLocal = isLocal;
        this.payloads = payloads;
    }

    void cancel() {
        cancelled = true;
    }

    /** One probe in flight: which pair, which try, whether it went under a pacing credit, and its deadline. */
    private static final class Probe {
        final int pair;
        final int source;
        final boolean credited;
        final long sentAt;
        final long deadline;
        final boolean first;
        boolean done;

        Probe(int pair, int source, boolean credited, long sentAt, long deadline, boolean first) {
            this.pair = pair;
            this.source = source;
            this.credited = credited;
            this.sentAt = sentAt;
            this.deadline = deadline;
            this.first = first;
        }
    }

    /** What the scan knows of one host of the group. */
    private static final class Host {
        final int index;
        final Target target;
        /** One pacing per source address: the target's limit is per address it answers to. */
        final UnreachablePacing[] pacing;
        int nextSource;
        final ArrayDeque<Integer> queued = new ArrayDeque<>();
        int remaining;
        boolean answered;
        boolean sawUnreachable;
        boolean finished;
        boolean inReady;
        Reason upReason = Reason.NO_RESPONSE;
        /** The TTL of the answer {@link #upReason} names. */
        int upTtl;
        long start = Long.MIN_VALUE;
        /** This host's own round trips, for its latency and the XML's times (the scan's pace uses all hosts'). */
        final RttEstimator rtt;

        Host(int index, Target target, int sources, RttEstimator rtt) {
            this.index = index;
            this.target = target;
            this.rtt = rtt;
            this.pacing = new UnreachablePacing[sources];
            for (int s = 0; s < sources; s++) {
                pacing[s] = new UnreachablePacing();
            }
        }

        /** A source that may send to this host now (unpaced, or paced with a credit), in turn; -1 when none. */
        int pickSource(long now) {
            for (int k = 0; k < pacing.length; k++) {
                int s = (nextSource + k) % pacing.length;
                if (pacing[s].maySend(now)) {
                    nextSource = (s + 1) % pacing.length;
                    return s;
                }
            }
            return -1;
        }

        long nanosUntilCredit(long now) {
            long least = Long.MAX_VALUE;
            for (UnreachablePacing p : pacing) {
                least = Math.min(least, p.nanosUntilCredit(now));
            }
            return least;
        }
    }

    @SuppressWarnings("unchecked")
    EngineStats run() {
        startNanos = clock.nanoTime();
        startInstant = Instant.now();
        nextProgress = startNanos + PROGRESS_NANOS;
        ports = config.ports().ports(Protocol.UDP);
        Arrays.fill(portIndex, -1);
        services = new Optional[ports.length];
        ServiceNames names = ServiceNames.builtin();
        for (int k = 0; k < ports.length; k++) {
            portIndex[ports[k]] = k;
            services[k] = names.name(Protocol.UDP, ports[k]);
        }
        rtt = RttEstimator.of(config.timing());
        rate = RateLimiter.of(clock, config.minRate(), config.maxRate());
        window = config.timing().maxParallelism() > 0 ? config.timing().maxParallelism() : DEFAULT_WINDOW;
        silentTriesNeeded = Math.min(config.timing().maxRetries(), 1) + 1;
        hostTimeout = config.timing().hostTimeout().toNanos();
        seed = config.seed().orElseGet(() -> ThreadLocalRandom.current().nextLong());
        long hostCount = config.targets().size();
        long pairs = hostCount * ports.length;
        shard = config.shard().isAll() || pairs == 0 ? null
                : config.shard().slice(pairs, config.seed().orElse(Shard.DEFAULT_SEED));
        pairsTotal = pairs;
        if (ports.length == 0 || config.pingOnly()) {
            listener.warning("no UDP ports to scan");
            return new EngineStats(0, 0, 0);
        }
        try (Libc libc = Libc.open(); Sockets sockets = new Sockets(libc, config.udp().sources())) {
            int perGroup = HostGroups.hostsPerGroup(ports.length);
            long group = 0;
            for (long first = 0; first < hostCount && !cancelled; first += perGroup, group++) {
                scanGroup(sockets, first, (int) Math.min(perGroup, hostCount - first), group);
            }
        } catch (ErrnoException e) {
            // a scan that cannot send says so and ends as failed: not a list of hosts that were never probed
            throw new IllegalStateException("UDP scan: " + e.getMessage(), e);
        }
        emitProgress(clock.nanoTime());
        return new EngineStats(sent, retried, unanswered);
    }

    /**
     * The sockets of each family, opened when first needed: one bound to each -S source of the family, or one on
     * the kernel's choice of address when there is none; and the poll over them all.
     */
    private final class Sockets implements AutoCloseable {
        final Libc libc;
        final Poll poll;
        final List<InetAddress> sources;
        UdpSocket[] v4;
        UdpSocket[] v6;
        final List<UdpSocket> all = new ArrayList<>();
        final Sockaddr to;
        final Sockaddr from;

        Sockets(Libc libc, List<InetAddress> sources) {
            this.libc = libc;
            this.sources = sources;
            int n6 = (int) sources.stream().filter(a -> a instanceof Inet6Address).count();
            this.poll = Poll.allocate(libc, Math.max(1, sources.size() - n6) + Math.max(1, n6));
            this.to = Sockaddr.allocate(libc.arena());
            this.from = Sockaddr.allocate(libc.arena());
        }

        UdpSocket[] forAddress(InetAddress a) throws ErrnoException {
            boolean six = a instanceof Inet6Address;
            UdpSocket[] open = six ? v6 : v4;
            if (open != null) {
                return open;
            }
            List<InetAddress> mine = sources.stream().filter(s -> (s instanceof Inet6Address) == six).toList();
            if (mine.isEmpty() && !sources.isEmpty()) {
                listener.warning("-S gives no " + (six ? "IPv6" : "IPv4") + " source: " + (six ? "IPv6" : "IPv4")
                        + " targets are probed from the kernel's choice of address");
            }
            open = new UdpSocket[Math.max(1, mine.size())];
            ProbeCrafting crafting = config.crafting();
            for (int i = 0; i < open.length; i++) {
                InetAddress bindTo = !mine.isEmpty() ? mine.get(i)
                        : six ? Inet6Address.ofLiteral("::") : Inet4Address.ofLiteral("0.0.0.0");
                UdpSocket s = UdpSocket.open(libc, bindTo, crafting.sourcePort().orElse(0));
                all.add(s);
                s.setReceiveBuffer(RECEIVE_BUFFER);
                // -g, --ttl and -e as nmap's raw -sU honours them; a plain socket can set each of them
                if (crafting.ttl().isPresent()) {
                    s.setHopLimit(crafting.ttl().getAsInt());
                }
                if (crafting.device().isPresent()) {
                    s.bindToDevice(crafting.device().get());
                }
                poll.watch(all.size() - 1, s.fd(), Poll.POLLIN);
                // links the receive call now, so that its first use does not lengthen the first round trip timed
                s.receiveError();
                open[i] = s;
            }
            if (six) {
                v6 = open;
            } else {
                v4 = open;
            }
            return open;
        }

        @Override
        public void close() {
            all.forEach(UdpSocket::close);
        }
    }

    private void scanGroup(Sockets sockets, long first, int count, long group) throws ErrnoException {
        Host[] hosts = new Host[count];
        Map<InetAddress, Integer> byAddress = new HashMap<>();
        int pairCount = count * ports.length;
        byte[] result = new byte[pairCount];
        byte[] tries = new byte[pairCount];
        byte[] silent = new byte[pairCount];
        Probe[] inFlight = new Probe[pairCount];
        for (int i = 0; i < count; i++) {
            Target target = config.targets().get(first + i);
            hosts[i] = new Host(i, target, sockets.forAddress(target.address()).length,
                    RttEstimator.of(config.timing()));
            hosts[i].remaining = ports.length;
            byAddress.put(target.address(), i);
        }
        if (shard != null) {
            for (int pair = 0; pair < pairCount; pair++) {
                if (!shard.owns((first + pair / ports.length) * ports.length + pair % ports.length)) {
                    result[pair] = -1;
                    hosts[pair / ports.length].remaining--;
                    pairsDone++;
                }
            }
        }
        Group g = new Group(sockets, hosts, byAddress, result, tries, silent, inFlight);
        for (Host h : hosts) {
            if (h.remaining == 0) {
                g.finishHost(h);
            }
        }
        Permutation order = config.sequentialPorts() ? IdentityPermutation.of(pairCount)
                : FeistelPermutation.of(pairCount, seed ^ (group * 0x9E3779B97F4A7C15L));
        g.run(order);
    }

    /** One host group's scan: its loop of send, receive and expire. */
    private final class Group {
        final Sockets sockets;
        final Host[] hosts;
        final Map<InetAddress, Integer> byAddress;
        final byte[] result;
        final byte[] tries;
        final byte[] silent;
        /** The TTL each pair's answer came with, unsigned; 0 when none or unknown. */
        final byte[] replyTtl;
        final Probe[] inFlight;
        final PriorityQueue<Probe> deadlines = new PriorityQueue<>((a, b) -> Long.compare(a.deadline, b.deadline));
        final ArrayDeque<Host> ready = new ArrayDeque<>();
        /** The hosts in the order of their first probe, for --host-timeout. */
        final ArrayDeque<Host> started = new ArrayDeque<>();
        int flying;
        int hostsLeft;
        long cursor;

        Group(Sockets sockets, Host[] hosts, Map<InetAddress, Integer> byAddress, byte[] result, byte[] tries,
              byte[] silent, Probe[] inFlight) {
            this.sockets = sockets;
            this.hosts = hosts;
            this.byAddress = byAddress;
            this.result = result;
            this.tries = tries;
            this.silent = silent;
            this.replyTtl = new byte[result.length];
            this.inFlight = inFlight;
            this.hostsLeft = hosts.length;
        }

        void run(Permutation order) throws ErrnoException {
            while (hostsLeft > 0 && !cancelled) {
                long now = clock.nanoTime();
                receive(now);
                expire(now);
                timeOutHosts(now);
                sendQueued(now);
                sendNew(order, now);
                now = clock.nanoTime();
                if (now - nextProgress >= 0) {
                    nextProgress = now + PROGRESS_NANOS;
                    emitProgress(now);
                }
                long wait = nanosUntilNextEvent(now, order);
                if (wait > 0) {
                    int millis = (int) Math.max(1, Math.min(MAX_WAIT_NANOS, wait) / 1_000_000);
                    sockets.poll.await(sockets.all.size(), millis);
                }
            }
        }

        private long nanosUntilNextEvent(long now, Permutation order) {
            long next = MAX_WAIT_NANOS;
            if (!deadlines.isEmpty()) {
                next = Math.min(next, deadlines.peek().deadline - now);
            }
            if (hostTimeout > 0 && !started.isEmpty()) {
                next = Math.min(next, started.peek().start + hostTimeout - now);
            }
            for (Host h : ready) {
                next = Math.min(next, h.nanosUntilCredit(now));
            }
            if (cursor < order.size() && flying < window) {
                next = Math.min(next, rate.nanosUntilPermit());
            }
            return Math.max(0, next);
        }

        private void sendNew(Permutation order, long now) throws ErrnoException {
            while (cursor < order.size() && flying < window && rate.nanosUntilPermit() == 0 && !cancelled) {
                int pair = (int) order.map(cursor);
                if (result[pair] != 0) {
                    cursor++;
                    continue;
                }
                Host h = hosts[pair / ports.length];
                if (h.finished) {
                    cursor++;
                    continue;
                }
                int source = h.queued.isEmpty() ? h.pickSource(now) : -1;
                if (source < 0) {
                    // a host paced on every source takes its ports from its own queue, at its own speed
                    enqueue(h, pair % ports.length);
                    cursor++;
                    continue;
                }
                if (!send(h, pair, source, h.pacing[source].limited(), now)) {
                    h.nextSource = source;
                    return;
                }
                cursor++;
            }
        }

        private void sendQueued(long now) throws ErrnoException {
            int rounds = ready.size();
            for (int r = 0; r < rounds && flying < window && !cancelled; r++) {
                Host h = ready.pollFirst();
                h.inReady = false;
                if (h.finished || h.queued.isEmpty()) {
                    continue;
                }
                // a paced (source, host) has at most one credited probe out, and only when a credit is there
                while (!h.queued.isEmpty() && flying < window && rate.nanosUntilPermit() == 0) {
                    int port = h.queued.peekFirst();
                    int pair = h.index * ports.length + port;
                    if (result[pair] != 0 || inFlight[pair] != null) {
                        h.queued.pollFirst();
                        continue;
                    }
                    int source = h.pickSource(now);
                    if (source < 0) {
                        break;
                    }
                    if (!send(h, pair, source, h.pacing[source].limited(), now)) {
                        h.nextSource = source;
                        break;
                    }
                    h.queued.pollFirst();
                }
                if (!h.queued.isEmpty()) {
                    h.inReady = true;
                    ready.addLast(h);
                }
            }
        }

        private void enqueue(Host h, int port) {
            h.queued.addLast(port);
            if (!h.inReady) {
                h.inReady = true;
                ready.addLast(h);
            }
        }

        /** Sends every payload of the pair's port; false when the socket is full (nothing counted then). */
        private boolean send(Host h, int pair, int source, boolean credited, long now) throws ErrnoException {
            InetAddress address = h.target.address();
            int port = ports[pair % ports.length];
            UdpSocket socket = sockets.forAddress(address)[source];
            if (port == socket.localPort() && isLocal.test(address)) {
                ownPort(h, pair, port, now);
                return true;
            }
            sockets.to.set(address, port);
            for (byte[] datagram : payloads.forPort(port)) {
                int r = socket.send(datagram, 0, datagram.length, sockets.to);
                if (r < 0 && isPendingError(-r)) {
                    // an earlier ICMP error is reported once on the next call; it is in the error queue already
                    r = socket.send(datagram, 0, datagram.length, sockets.to);
                }
                if (r == -Errno.EAGAIN || r == -Errno.ENOBUFS) {
                    return false;
                }
                if (r < 0) {
                    if (warned.add(-r)) {
                        // once per error: a broadcast address or a missing route fails every port alike
                        listener.warning("UDP probe to " + address.getHostAddress() + ":" + port + " failed: "
                                + Errno.describe(-r));
                    }
                    settle(h, pair, -r == Errno.ENETUNREACH ? UdpOutcome.NET_UNREACH : UdpOutcome.HOST_UNREACH, now);
                    return true;
                }
            }
            rate.tryAcquire();
            if (h.start == Long.MIN_VALUE) {
                h.start = now;
                started.addLast(h);
            }
            boolean firstTry = tries[pair] == 0;
            if (tries[pair] < Byte.MAX_VALUE) {
                tries[pair]++;
            }
            sent++;
            if (!firstTry) {
                retried++;
            }
            if (credited) {
                h.pacing[source].spend(now);
            }
            // timed from when it left, not from the loop's start: a burst's later probes would seem slower
            long sentAt = clock.nanoTime();
            Probe p = new Probe(pair, source, credited, sentAt, sentAt + rtt.timeoutNanos(), firstTry);
            inFlight[pair] = p;
            deadlines.add(p);
            flying++;
            return true;
        }

        /**
         * The scan's own socket holds this port of this machine, so a probe would come back to it and look like an
         * answer; and since it holds the port on every address, nothing else listens there: the port is closed.
         */
        private void ownPort(Host h, int pair, int port, long now) {
            if (config.crafting().sourcePort().isPresent() && !warnedOwnPort) {
                warnedOwnPort = true;
                listener.warning("-g " + port + ": UDP port " + port + " of this machine is the scan's own source "
                        + "port, so nothing else can listen there: listed closed without a probe");
            }
            settle(h, pair, UdpOutcome.CLOSED, now);
        }

        private boolean isPendingError(int errno) {
            return errno == Errno.ECONNREFUSED || errno == Errno.EHOSTUNREACH || errno == Errno.ENETUNREACH
                    || errno == Errno.EPROTO || errno == Errno.EACCES;
        }

        private void receive(long now) {
            for (UdpSocket[] family : new UdpSocket[][] {sockets.v4, sockets.v6}) {
                for (int source = 0; family != null && source < family.length; source++) {
                    receive(family[source], source, now);
                }
            }
        }

        private void receive(UdpSocket s, int source, long now) {
            while (true) {
                Optional<UdpSocket.QueuedError> e = s.receiveError();
                if (e.isEmpty()) {
                    break;
                }
                onError(e.get(), source, now);
            }
            for (int i = 0; i < 1024; i++) {
                int n = s.receive(buffer, sockets.from);
                if (n == -Errno.EAGAIN) {
                    break;
                }
                if (n >= 0) {
                    InetSocketAddress from = sockets.from.toSocketAddress();
                    onReply(from.getAddress(), from.getPort(), s.lastHopLimit(), now);
                }
            }
        }

        private int pairOf(InetAddress address, int port) {
            Integer host = byAddress.get(address);
            if (host == null && address instanceof Inet6Address v6 && v6.getScopeId() != 0) {
                try {
                    host = byAddress.get(InetAddress.getByAddress(v6.getAddress()));
                } catch (java.net.UnknownHostException impossible) {
                    return -1;
                }
            }
            int k = portIndex[port];
            if (host == null || k < 0) {
                return -1;
            }
            int pair = host * ports.length + k;
            return tries[pair] == 0 || result[pair] < 0 ? -1 : pair;
        }

        private void onReply(InetAddress address, int port, int ttl, long now) {
            int pair = pairOf(address, port);
            if (pair < 0) {
                return;
            }
            Host h = hosts[pair / ports.length];
            h.answered = true;
            h.upReason = Reason.UDP_RESPONSE;
            h.upTtl = ttl;
            Probe p = inFlight[pair];
            if (p != null && p.credited) {
                h.pacing[p.source].giveBack(now);
            }
            sample(h, p, now);
            replyTtl[pair] = (byte) ttl;
            settle(h, pair, UdpOutcome.OPEN, now);
        }

        /** An ICMP error queued on the socket of {@code source}: the target answered that address. */
        private void onError(UdpSocket.QueuedError e, int source, long now) {
            if (!e.fromIcmp()) {
                return;
            }
            int pair = pairOf(e.destination().getAddress(), e.destination().getPort());
            if (pair < 0) {
                return;
            }
            Optional<UdpOutcome> outcome = UdpOutcome.ofIcmp(e.origin() == UdpSocket.ORIGIN_ICMP6, e.type(),
                    e.code());
            if (outcome.isEmpty()) {
                return;
            }
            Host h = hosts[pair / ports.length];
            boolean fromTarget = e.offender().map(o -> o.getAddress().equals(h.target.address())).orElse(false);
            if (fromTarget) {
                // every ICMP error of the target (port-unreachable, REJECT's prohibited) draws on the same limit
                h.sawUnreachable = true;
                if (silent[pair] > 0 && h.pacing[source].limited()) {
                    // it was silent under a credit and is closed: the limit is slower than assumed
                    h.pacing[source].slower();
                } else if (inFlight[pair] != null && inFlight[pair].credited) {
                    h.pacing[source].faster();
                }
            }
            if (fromTarget && !h.answered) {
                h.answered = true;
                h.upReason = Reason.PORT_UNREACH;
                h.upTtl = e.ttl();
            }
            sample(h, inFlight[pair], now);
            replyTtl[pair] = (byte) e.ttl();
            settle(h, pair, outcome.get(), now);
        }

        private void sample(Host h, Probe p, long now) {
            // Karn: only a first try's answer times the round trip
            if (p != null && p.first && !p.done) {
                rtt.sample(now - p.sentAt, false);
                h.rtt.sample(now - p.sentAt, false);
            }
        }

        private void expire(long now) {
            while (!deadlines.isEmpty() && (deadlines.peek().done || deadlines.peek().deadline - now <= 0)) {
                Probe p = deadlines.poll();
                if (p.done) {
                    continue;
                }
                p.done = true;
                flying--;
                inFlight[p.pair] = null;
                Host h = hosts[p.pair / ports.length];
                if (h.finished || result[p.pair] != 0) {
                    continue;
                }
                boolean defeat = config.udp().defeatIcmpRateLimit();
                if (p.credited) {
                    h.pacing[p.source].giveBack(now);
                } else if (h.sawUnreachable && !defeat) {
                    // silence from a host that limits its unreachables says nothing: ask again under a credit
                    h.pacing[p.source].limit(now);
                    enqueue(h, p.pair % ports.length);
                    continue;
                }
                silent[p.pair]++;
                if (silent[p.pair] >= silentTriesNeeded) {
                    unanswered++;
                    settle(h, p.pair, UdpOutcome.OPEN_FILTERED, now);
                } else {
                    enqueue(h, p.pair % ports.length);
                }
            }
        }

        private void settle(Host h, int pair, UdpOutcome outcome, long now) {
            if (result[pair] != 0 || h.finished) {
                return;
            }
            result[pair] = (byte) (outcome.ordinal() + 1);
            Probe p = inFlight[pair];
            if (p != null && !p.done) {
                p.done = true;
                flying--;
                inFlight[pair] = null;
            }
            pairsDone++;
            h.remaining--;
            int k = pair % ports.length;
            listener.portDone(h.target, portResult(k, outcome, replyTtl[pair] & 0xff));
            if (h.remaining == 0) {
                finishHost(h);
            }
        }

        /** --host-timeout: a host scanned for that long since its first probe is given up, as nmap does. */
        private void timeOutHosts(long now) {
            while (hostTimeout > 0 && !started.isEmpty()) {
                Host h = started.peek();
                if (!h.finished && h.start + hostTimeout - now > 0) {
                    return;
                }
                started.poll();
                if (!h.finished) {
                    for (int k = 0; k < ports.length; k++) {
                        int pair = h.index * ports.length + k;
                        Probe p = inFlight[pair];
                        if (p != null && !p.done) {
                            p.done = true;
                            flying--;
                            inFlight[pair] = null;
                        }
                    }
                    pairsDone += h.remaining;
                    finishHost(h, true);
                }
            }
        }

        void finishHost(Host h) {
            finishHost(h, false);
        }

        /** Reports {@code h} with the ports settled so far; {@code timedOut}: --host-timeout cut it short. */
        void finishHost(Host h, boolean timedOut) {
            if (h.finished) {
                return;
            }
            h.finished = true;
            hostsLeft--;
            hostsDone++;
            h.queued.clear();
            List<PortResult> results = new ArrayList<>();
            for (int k = 0; k < ports.length; k++) {
                int pair = h.index * ports.length + k;
                int code = result[pair];
                if (code > 0) {
                    results.add(portResult(k, UdpOutcome.values()[code - 1], replyTtl[pair] & 0xff));
                }
            }
            HostStatus status;
            Reason reason;
            if (h.answered) {
                status = HostStatus.UP;
                reason = h.upReason;
            } else if (isLocal.test(h.target.address())) {
                status = HostStatus.UP;
                reason = Reason.LOCALHOST_RESPONSE;
            } else if (config.skipDiscovery()) {
                status = HostStatus.UP;
                reason = Reason.USER_SET;
            } else {
                // nothing answered: as nmap's ping would, call it down (-Pn keeps it up)
                status = HostStatus.DOWN;
                reason = Reason.NO_RESPONSE;
                results.clear();
            }
            long now = clock.nanoTime();
            Instant begin = instantAt(h.start == Long.MIN_VALUE ? now : h.start);
            // the TTL of the answer that showed the host up, as nmap's reason_ttl of the host
            HostInventory inventory = h.answered ? new HostInventory(Optional.empty(), Optional.empty(), h.upTtl,
                    Optional.empty(), Optional.empty()) : HostInventory.NONE;
            listener.hostDone(new HostResult(h.target, status, reason, List.of(), results, begin, instantAt(now),
                    h.answered ? h.rtt.hostTimes() : Optional.empty(), timedOut, inventory));
        }
    }

    private PortResult portResult(int k, UdpOutcome outcome, int ttl) {
        return new PortResult(Protocol.UDP, ports[k], outcome.state(), outcome.reason(), ttl, services[k]);
    }

    private void emitProgress(long now) {
        double seconds = (now - startNanos) / 1e9;
        listener.progress(new Progress(Math.min(pairsDone, pairsTotal), pairsTotal, hostsDone,
                config.targets().size(), seconds > 0 ? sent / seconds : 0, now - startNanos));
    }

    private Instant instantAt(long nanos) {
        return startInstant.plusNanos(nanos - startNanos);
    }
}
