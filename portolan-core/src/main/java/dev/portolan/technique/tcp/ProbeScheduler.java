package dev.portolan.technique.tcp;

import dev.portolan.engine.CongestionController;
import dev.portolan.engine.Permutation;
import dev.portolan.engine.RttEstimator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * The policy of a connect scan with no I/O: which (host, port) goes out next, which probes timed out, what is
 * retried and when ports and hosts are final. The I/O shell sends what {@link #next} returns and reports back
 * through {@link #answered}, {@link #expire} and {@link #unsent}; calls must not overlap. The congestion windows
 * count the "pipe" (as RFC 6675): a probe unanswered after srtt + 4 rttvar is presumed lost and leaves it, while
 * its socket stays open, and counts against the hard limit, until its timeout.
 */
final class ProbeScheduler {
    /** A new host starts with this window; slow start widens it. */
    static final int HOST_INITIAL_WINDOW = 16;
    /** At most this many pairs of blocked hosts are set aside per call, so one call stays short. */
    static final int MAX_DEFERRALS_PER_CALL = 1024;
    /** Retries go on until a port stays unanswered by loss alone with at most this probability. */
    static final double TARGET_MISS = 1e-6;
    /** The kernel resends an unanswered SYN after 1 s: a longer round trip may belong to that resend. */
    static final long MAX_RTT_SAMPLE_NANOS = 1_000_000_000L;
    /** Loss is judged per host from this many answers on. */
    static final int MIN_ANSWERS_FOR_LOSS = 20;
    static final long NOT_STARTED = Long.MIN_VALUE;
    /** A probe is presumed lost no sooner than this, whatever the round-trip estimate says. */
    static final long MIN_PRESUMED_LOST_NANOS = 1_000_000L;

    private final Pacing pacing;
    private final int portCount;
    private final Permutation order;
    private final long pairCount;
    private final byte[] result;
    private final byte[] tries;
    private final byte[] replyTtl;
    private final Host[] hosts;
    private final long[] hostStart;
    private final boolean firstAnswerEndsHost;
    private final ProbeEvents events;
    private final long scanDelay;
    private final long hostTimeout;
    private final int maxRetries;

    private final ProbeQueue deadlines = new ProbeQueue(ProbeQueue.By.DEADLINE);
    private final ProbeQueue pipeExits = new ProbeQueue(ProbeQueue.By.LOST_AT);
    /**
     * Probes that left before any round trip was measured, so with the initial timeout (1 s by default): once one
     * is, they time out by it, as nmap's do (it judges every outstanding probe by the current timeout). Only the
     * first batches of a job are ever here.
     */
    private final List<Probe> blind = new ArrayList<>();
    /** A job where nothing answers sends only blind probes: past this many they keep the initial timeout. */
    static final int MAX_BLIND = 8192;
    /** Those probes again, at the deadline the measured round trips give them (their queue entries keep the old). */
    private final PriorityQueue<Retimed> retimed = new PriorityQueue<>(
            (a, b) -> Long.compare(a.deadline(), b.deadline())); // not comparingLong: see PortResult.ORDER

    private record Retimed(Probe probe, long deadline) {
    }
    private final ArrayDeque<Host> ready = new ArrayDeque<>();
    private final PriorityQueue<Host> delayed = new PriorityQueue<>((a, b) -> Long.compare(a.nextSendAt, b.nextSendAt));
    private final PriorityQueue<Host> running;
    private final List<Probe> closable = new ArrayList<>();
    /** Pairs this job leaves out (another shard's), null when none. */
    private BitSet outside;
    private long cursor;
    private int inFlight;
    private int pipe;
    private int hostsRemaining;
    private boolean queueTurn;
    private long sent;
    private long retried;
    private long unanswered;
    /** Answers and late answers over the whole job: the loss of hosts with too few answers of their own. */
    private long jobAnswers;
    private long jobDrops;

    private final class Host {
        final int index;
        final RttEstimator rtt;
        final CongestionController window;
        final IntQueue retries = new IntQueue();
        final IntQueue deferred = new IntQueue();
        int inFlight;
        int pipe;
        int remaining;
        long nextSendAt;
        int maxAnsweredAttempt;
        long answers;
        long drops;
        boolean started;
        boolean finished;
        boolean inReady;
        boolean inDelayed;
        boolean retryTurn;
        boolean retriesTooFew;

        Host(int index, RttEstimator rtt) {
            this.index = index;
            this.rtt = rtt;
            this.window = CongestionController.of(pacing.clock(), Math.min(HOST_INITIAL_WINDOW, pacing.maxWindow()),
                    pacing.maxWindow());
            this.remaining = portCount;
        }

        boolean hasQueued() {
            return !retries.isEmpty() || !deferred.isEmpty();
        }

        int takeQueued() {
            // retries and set-aside new ports take turns, so neither starves the other
            retryTurn = !retryTurn;
            if (deferred.isEmpty() || (retryTurn && !retries.isEmpty())) {
                return retries.poll();
            }
            return deferred.poll();
        }
    }

    /**
     * A job over {@code hostRtt.length} hosts times {@code portCount} ports visited in {@code order} (over
     * host * portCount + port). {@code hostStart} holds when each host's scan began (for --host-timeout) and is
     * shared between the phases of a group. With {@code firstAnswerEndsHost} (discovery) a host is final at its
     * first answer from the target.
     */
    ProbeScheduler(Pacing pacing, int portCount, Permutation order, RttEstimator[] hostRtt, long[] hostStart,
                   boolean firstAnswerEndsHost, ProbeEvents events) {
        int hostCount = hostRtt.length;
        if (portCount < 1 || hostCount < 1) {
            throw new IllegalArgumentException("a job needs hosts and ports, got " + hostCount + " x " + portCount);
        }
        if (order.size() != (long) hostCount * portCount || order.size() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("order of size " + order.size() + " does not fit " + hostCount
                    + " hosts x " + portCount + " ports");
        }
        if (hostStart.length != hostCount) {
            throw new IllegalArgumentException("host start times for " + hostStart.length + " hosts, need "
                    + hostCount);
        }
        this.pacing = pacing;
        this.portCount = portCount;
        this.order = order;
        this.pairCount = order.size();
        this.result = new byte[(int) pairCount];
        this.tries = new byte[(int) pairCount];
        this.replyTtl = new byte[(int) pairCount];
        this.hostStart = hostStart;
        this.firstAnswerEndsHost = firstAnswerEndsHost;
        this.events = events;
        this.scanDelay = pacing.timing().scanDelay().toNanos();
        this.hostTimeout = pacing.timing().hostTimeout().toNanos();
        this.maxRetries = Math.min(pacing.timing().maxRetries(), Byte.MAX_VALUE - 1);
        this.running = new PriorityQueue<>((a, b) -> Long.compare(hostStart[a.index], hostStart[b.index]));
        this.hosts = new Host[hostCount];
        for (int i = 0; i < hostCount; i++) {
            hosts[i] = new Host(i, hostRtt[i]);
        }
        this.hostsRemaining = hostCount;
    }

    /**
     * Leaves out the pairs {@code skip} names (host * portCount + port): they are never sent nor reported, and a
     * host with nothing left is final at once. Call it before the first {@link #next}.
     */
    void exclude(IntPredicate skip) {
        outside = new BitSet((int) pairCount);
        for (int pair = 0; pair < pairCount; pair++) {
            if (skip.test(pair)) {
                outside.set(pair);
                hosts[pair / portCount].remaining--;
            }
        }
        for (Host h : hosts) {
            if (h.remaining == 0 && !h.finished) {
                finishHost(h, false);
            }
        }
    }

    /** True when every host is final. */
    boolean finished() {
        return hostsRemaining == 0;
    }

    /** Probes whose sockets are open. */
    int inFlight() {
        return inFlight;
    }

    /** Probes counted in the windows: in flight and not presumed lost. */
    int pipe() {
        return pipe;
    }

    long sent() {
        return sent;
    }

    long retried() {
        return retried;
    }

    long unanswered() {
        return unanswered;
    }

    /** The final outcome of (host, port), or null while it is not final. */
    Outcome outcome(int host, int port) {
        return Outcome.ofCode(result[host * portCount + port]);
    }

    /** The TTL of the reply that made (host, port) final, 0 when unknown. */
    int replyTtl(int host, int port) {
        return replyTtl[host * portCount + port] & 0xff;
    }

    /** True for a host discovery job (a host is final at its first answer). */
    boolean discovery() {
        return firstAnswerEndsHost;
    }

    /** The share of a host's answered ports that needed a retry: its probe loss as the scan saw it. */
    double loss(int host) {
        Host h = hosts[host];
        return h.answers == 0 ? 0 : (double) h.drops / h.answers;
    }

    /** True when the host's loss asked for more tries than --max-retries allows (a port may stay unanswered). */
    boolean retriesTooFew(int host) {
        return hosts[host].retriesTooFew;
    }

    int maxRetries() {
        return maxRetries;
    }

    /** The congestion window of one host (for tests and diagnostics). */
    CongestionController hostWindow(int host) {
        return hosts[host].window;
    }

    /**
     * The next probe to send now, or null when none may go: all sent, the windows are full ({@code hardLimit}
     * caps the probes in flight whatever the windows say), the rate limit says wait, or the hosts with work are
     * blocked. The probe counts as in flight from here on.
     */
    Probe next(long now, int hardLimit) {
        if (hostsRemaining == 0 || inFlight >= hardLimit) {
            return null;
        }
        boolean force = pacing.rate().belowMinRate();
        if (!force && pipe >= pacing.global().limit()) {
            return null;
        }
        if (pacing.rate().nanosUntilPermit() > 0) {
            return null;
        }
        wakeDelayed(now);
        long pair = -1;
        for (int i = 0; i < 2 && pair < 0; i++) {
            boolean fromQueues = queueTurn ^ (i == 1);
            pair = fromQueues ? fromQueues(now, force) : fromOrder(now, force);
            if (pair >= 0) {
                queueTurn = !fromQueues;
            }
        }
        return pair < 0 ? null : launch(hosts[(int) (pair / portCount)], (int) (pair % portCount), now);
    }

    private long fromQueues(long now, boolean force) {
        while (!ready.isEmpty()) {
            Host h = ready.pollFirst();
            h.inReady = false;
            if (h.finished || !h.hasQueued()) {
                continue;
            }
            if (h.nextSendAt - now > 0) {
                delay(h);
                continue;
            }
            if (!force && h.pipe >= h.window.limit()) {
                continue;
            }
            int port = h.takeQueued();
            if (h.hasQueued()) {
                h.inReady = true;
                ready.addLast(h);
            }
            return (long) h.index * portCount + port;
        }
        return -1;
    }

    private long fromOrder(long now, boolean force) {
        int setAside = 0;
        while (cursor < pairCount && setAside < MAX_DEFERRALS_PER_CALL) {
            long pair = order.map(cursor++);
            if (outside != null && outside.get((int) pair)) {
                continue;
            }
            Host h = hosts[(int) (pair / portCount)];
            if (h.finished) {
                setAside++;
                continue;
            }
            if (h.nextSendAt - now > 0 || (!force && h.pipe >= h.window.limit())) {
                // this host must wait: keep the port in its own queue and go on with other hosts
                h.deferred.add((int) (pair % portCount));
                makeReady(h, now);
                setAside++;
                continue;
            }
            return pair;
        }
        return -1;
    }

    private Probe launch(Host h, int port, long now) {
        int pair = h.index * portCount + port;
        int attempt = tries[pair]++;
        if (!h.started) {
            h.started = true;
            if (hostStart[h.index] == NOT_STARTED) {
                hostStart[h.index] = now;
            }
            if (hostTimeout > 0) {
                running.add(h);
            }
        }
        pacing.rate().tryAcquire();
        RttEstimator rtt = h.rtt.hasSample() || !pacing.globalRtt().hasSample() ? h.rtt : pacing.globalRtt();
        long timeout = backedOff(rtt.timeoutNanos(), attempt);
        long presumedLost = rtt.hasSample()
                ? Math.clamp(rtt.srttNanos() + 4 * rtt.rttvarNanos(), MIN_PRESUMED_LOST_NANOS, timeout) : timeout;
        Probe p = new Probe(h.index, port, attempt, now, now + timeout, now + presumedLost);
        inFlight++;
        h.inFlight++;
        p.inPipe = true;
        pipe++;
        h.pipe++;
        sent++;
        if (attempt > 0) {
            retried++;
        }
        if (scanDelay > 0) {
            h.nextSendAt = now + scanDelay;
        }
        deadlines.add(p);
        if (presumedLost < timeout) {
            pipeExits.add(p);
        }
        if (!rtt.hasSample() && blind.size() < MAX_BLIND) {
            blind.add(p);
        }
        if (deadlines.size() > 4 * Math.max(inFlight, 1024)) {
            deadlines.removeIf(q -> q.done);
            pipeExits.removeIf(q -> q.done);
        }
        return p;
    }

    /**
     * A second retry and later ones wait twice as long as the try before (as TCP's retransmission timer, up to the
     * template's longest timeout): a Linux target whose SYN-ACK was lost answers a repeated SYN at most once per
     * 500 ms and resends its SYN-ACK itself after 1 s, so retries in quick succession all go unanswered.
     */
    long backedOff(long timeout, int attempt) {
        if (attempt < 2) {
            return timeout;
        }
        long longest = Math.max(timeout, pacing.timing().maxRttTimeout().toNanos());
        return Math.min(longest, timeout << Math.min(attempt - 1, 20));
    }

    /**
     * The target answered {@code p} (or an ICMP error came back) with {@code outcome}, seen at {@code now}; the round
     * trip counts from {@link Probe#launchedAt}.
     */
    void answered(Probe p, Outcome outcome, long now) {
        if (p.done) {
            return;
        }
        release(p);
        Host h = hosts[p.host];
        boolean dropped = p.attempt > 0;
        long rtt = now - p.launchedAt;
        long sample = !dropped && outcome.fromTarget() && rtt < MAX_RTT_SAMPLE_NANOS ? rtt : -1;
        if (sample >= 0) {
            h.rtt.sample(sample, false);
            pacing.globalRtt().sample(sample, false);
            if (!blind.isEmpty() && h.rtt.sampleCount() == 1) {
                retime();
            }
        }
        h.window.onAnswer(dropped, sample);
        pacing.global().onAnswer(dropped, sample);
        h.answers++;
        jobAnswers++;
        if (dropped) {
            h.drops++;
            jobDrops++;
        }
        h.maxAnsweredAttempt = Math.max(h.maxAnsweredAttempt, p.attempt);
        int pair = p.host * portCount + p.port;
        if (result[pair] == 0) {
            replyTtl[pair] = (byte) p.replyTtl;
        }
        settle(h, p.port, outcome, now);
        makeReady(h, now);
    }

    /**
     * Gives the probes that left blind the timeout of their host's round trips, once the host has answered: they
     * time out at the earlier of the two deadlines, and the entry at the old one is skipped as done when it comes up.
     * Only the host's own answer counts: it shows its path works (its neighbour entry resolved, say), where another
     * host's would cut short a first probe that waits for ARP or neighbour discovery.
     */
    private void retime() {
        blind.removeIf(q -> {
            if (q.done) {
                return true;
            }
            RttEstimator rtt = hosts[q.host].rtt;
            if (!rtt.hasSample()) {
                return false;
            }
            long deadline = q.sentAt + backedOff(rtt.timeoutNanos(), q.attempt);
            if (deadline - q.deadline < 0) {
                retimed.add(new Retimed(q, deadline));
            }
            return true;
        });
    }

    /**
     * {@code p} never left (no descriptor, no local port): it is put back to go again, and counts neither as
     * sent nor as a try.
     */
    void unsent(Probe p, long now) {
        if (p.done) {
            return;
        }
        release(p);
        Host h = hosts[p.host];
        tries[p.host * portCount + p.port]--;
        sent--;
        if (p.attempt > 0) {
            retried--;
        }
        if (!h.finished) {
            h.retries.addFirst(p.port);
            makeReady(h, now);
        }
    }

    /** Times out the probes and hosts whose time is up at {@code now}; their probes become closable. */
    void expire(long now) {
        while (!pipeExits.isEmpty()) {
            Probe p = pipeExits.peek();
            if (!p.done && p.lostAt - now > 0) {
                break;
            }
            pipeExits.poll();
            if (!p.done) {
                // presumed lost: its window slot goes to a new probe, its socket waits for a late answer
                leavePipe(p);
                makeReady(hosts[p.host], now);
            }
        }
        while (!retimed.isEmpty() && (retimed.peek().probe().done || retimed.peek().deadline() - now <= 0)) {
            Probe p = retimed.poll().probe();
            if (!p.done) {
                timeOut(p, now);
            }
        }
        while (!deadlines.isEmpty()) {
            Probe p = deadlines.peek();
            if (!p.done && p.deadline - now > 0) {
                break;
            }
            deadlines.poll();
            if (!p.done) {
                timeOut(p, now);
            }
        }
        while (hostTimeout > 0 && !running.isEmpty()) {
            Host h = running.peek();
            if (!h.finished && hostStart[h.index] + hostTimeout - now > 0) {
                break;
            }
            running.poll();
            if (!h.finished) {
                finishHost(h, true);
            }
        }
    }

    /** {@code p} went unanswered until its deadline: its port goes again while tries are left, else it is final. */
    private void timeOut(Probe p, long now) {
        release(p);
        closable.add(p);
        Host h = hosts[p.host];
        h.window.onUnanswered();
        pacing.global().onUnanswered();
        if (tries[p.host * portCount + p.port] <= allowedRetries(h)) {
            h.retries.add(p.port);
        } else {
            unanswered++;
            settle(h, p.port, Outcome.NO_RESPONSE, now);
        }
        makeReady(h, now);
    }

    /** Hands over the probes whose sockets must be closed (timed out or aborted) and forgets them. */
    void drainClosable(Consumer<Probe> closer) {
        for (Probe p : closable) {
            closer.accept(p);
        }
        closable.clear();
    }

    /** Nanoseconds until something is due (a timeout, a delayed host, a rate permit); at most {@code cap}. */
    long nanosUntilNextEvent(long now, int hardLimit, long cap) {
        long next = cap;
        while (!deadlines.isEmpty() && deadlines.peek().done) {
            deadlines.poll();
        }
        if (!deadlines.isEmpty()) {
            next = Math.min(next, deadlines.peek().deadline - now);
        }
        if (!retimed.isEmpty()) {
            next = Math.min(next, retimed.peek().deadline() - now);
        }
        if (!delayed.isEmpty()) {
            next = Math.min(next, delayed.peek().nextSendAt - now);
        }
        if (hostTimeout > 0 && !running.isEmpty()) {
            next = Math.min(next, hostStart[running.peek().index] + hostTimeout - now);
        }
        while (!pipeExits.isEmpty() && pipeExits.peek().done) {
            pipeExits.poll();
        }
        if (!pipeExits.isEmpty()) {
            // a probe leaving the pipe frees a window slot for a host that may be waiting for one
            next = Math.min(next, pipeExits.peek().lostAt - now);
        }
        boolean work = cursor < pairCount || !ready.isEmpty();
        if (work && inFlight < hardLimit && pipe < pacing.global().limit()) {
            next = Math.min(next, pacing.rate().nanosUntilPermit());
        }
        return Math.max(0, next);
    }

    /** Gives up every host at once (cancellation): all in-flight probes become closable, no host is final. */
    void abortAll() {
        deadlines.forEach(p -> {
            if (!p.done) {
                release(p);
                closable.add(p);
            }
        });
        deadlines.clear();
        pipeExits.clear();
        blind.clear();
        retimed.clear();
    }

    /**
     * How many retries a port of {@code h} gets: enough that loss alone leaves a port unanswered rarely. A host
     * with too few answers to judge (one port on each of many hosts: a sweep) is judged by the whole job's loss,
     * since its single probe is lost as often as anyone's.
     */
    private int allowedRetries(Host h) {
        // as nmap: one try more than any answered try of this host needed
        int retries = h.maxAnsweredAttempt + 1;
        if (h.answers >= MIN_ANSWERS_FOR_LOSS) {
            retries = Math.max(retries, retriesForLoss(h.drops, h.answers));
        } else if (jobAnswers >= MIN_ANSWERS_FOR_LOSS) {
            retries = Math.max(retries, retriesForLoss(jobDrops, jobAnswers));
        }
        if (retries > maxRetries) {
            h.retriesTooFew = true;
            return maxRetries;
        }
        return retries;
    }

    /** Retries after which a probe stays unanswered by loss alone with at most {@link #TARGET_MISS}; 0 without loss. */
    static int retriesForLoss(long drops, long answers) {
        if (drops <= 0 || answers <= 0) {
            return 0;
        }
        double loss = Math.min(0.9, (double) drops / answers);
        int triesNeeded = (int) Math.ceil(Math.log(TARGET_MISS) / Math.log(loss));
        return Math.max(0, triesNeeded - 1);
    }

    private void settle(Host h, int port, Outcome outcome, long now) {
        int pair = h.index * portCount + port;
        if (h.finished || result[pair] != 0) {
            return;
        }
        result[pair] = outcome.code();
        h.remaining--;
        events.portFinal(h.index, port, outcome);
        if ((firstAnswerEndsHost && outcome.fromTarget()) || h.remaining == 0) {
            finishHost(h, false);
        }
    }

    private void finishHost(Host h, boolean timedOut) {
        h.finished = true;
        hostsRemaining--;
        if (h.inFlight > 0) {
            deadlines.forEach(p -> {
                if (!p.done && p.host == h.index) {
                    release(p);
                    closable.add(p);
                }
            });
        }
        h.retries.clear();
        h.deferred.clear();
        events.hostFinal(h.index, timedOut);
    }

    private void release(Probe p) {
        p.done = true;
        inFlight--;
        hosts[p.host].inFlight--;
        leavePipe(p);
    }

    private void leavePipe(Probe p) {
        if (p.inPipe) {
            p.inPipe = false;
            pipe--;
            hosts[p.host].pipe--;
        }
    }

    /** Puts {@code h} where it will be served: the ready queue, or the delayed queue until its scan delay ends. */
    private void makeReady(Host h, long now) {
        if (h.finished || !h.hasQueued() || h.inReady) {
            return;
        }
        if (h.nextSendAt - now > 0) {
            delay(h);
        } else {
            // a host whose window is full is dropped from the queue when reached and comes back on its next answer
            h.inReady = true;
            ready.addLast(h);
        }
    }

    private void delay(Host h) {
        if (!h.inDelayed) {
            h.inDelayed = true;
            delayed.add(h);
        }
    }

    private void wakeDelayed(long now) {
        while (!delayed.isEmpty() && delayed.peek().nextSendAt - now <= 0) {
            Host h = delayed.poll();
            h.inDelayed = false;
            makeReady(h, now);
        }
    }
}
