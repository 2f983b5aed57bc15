package dev.portolan.technique.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portolan.engine.FakeClock;
import dev.portolan.engine.FeistelPermutation;
import dev.portolan.engine.IdentityPermutation;
import dev.portolan.engine.Permutation;
import dev.portolan.engine.RttEstimator;
import dev.portolan.engine.TimingTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProbeSchedulerTest {
    private static final long MS = 1_000_000L;
    private static final int NO_LIMIT = 1_000_000;

    private final FakeClock clock = new FakeClock();
    private final Map<Long, Outcome> finals = new HashMap<>();
    private final List<String> hostEvents = new ArrayList<>();
    private final List<Probe> closed = new ArrayList<>();

    private final ProbeEvents events = new ProbeEvents() {
        @Override
        public void portFinal(int host, int portIndex, Outcome outcome) {
            Outcome before = finals.put(((long) host << 32) | portIndex, outcome);
            assertThat(before).as("port %d of host %d final twice", portIndex, host).isNull();
        }

        @Override
        public void hostFinal(int host, boolean timedOut) {
            hostEvents.add(host + (timedOut ? " timed out" : " done"));
        }
    };

    private ProbeScheduler job(TimingTemplate timing, int hosts, int ports, boolean discovery, double minRate,
                               double maxRate, boolean sequential) {
        Pacing pacing = Pacing.of(clock, timing, minRate, maxRate, 10_000);
        RttEstimator[] rtt = new RttEstimator[hosts];
        long[] start = new long[hosts];
        for (int i = 0; i < hosts; i++) {
            rtt[i] = RttEstimator.of(timing);
            start[i] = ProbeScheduler.NOT_STARTED;
        }
        Permutation order = sequential ? IdentityPermutation.of((long) hosts * ports)
                : FeistelPermutation.of((long) hosts * ports, 99);
        return new ProbeScheduler(pacing, ports, order, rtt, start, discovery, events);
    }

    private ProbeScheduler job(TimingTemplate timing, int hosts, int ports) {
        return job(timing, hosts, ports, false, 0, 0, false);
    }

    private List<Probe> sendAll(ProbeScheduler s, int hardLimit) {
        List<Probe> out = new ArrayList<>();
        Probe p;
        while ((p = s.next(clock.nanoTime(), hardLimit)) != null) {
            out.add(p);
        }
        return out;
    }

    private Outcome finalOf(int host, int port) {
        return finals.get(((long) host << 32) | port);
    }

    @Test
    void everyPortAnsweredOnceInARandomOrder() {
        ProbeScheduler s = job(TimingTemplate.AGGRESSIVE, 3, 50);
        List<Integer> order = new ArrayList<>();
        while (!s.finished()) {
            List<Probe> batch = sendAll(s, NO_LIMIT);
            assertThat(batch).isNotEmpty();
            clock.advanceMillis(1);
            for (Probe p : batch) {
                order.add(p.host * 50 + p.port);
                s.answered(p, p.port % 7 == 0 ? Outcome.OPEN : Outcome.CLOSED, clock.nanoTime());
            }
        }
        assertThat(finals).hasSize(150);
        assertThat(finalOf(1, 14)).isEqualTo(Outcome.OPEN);
        assertThat(finalOf(2, 15)).isEqualTo(Outcome.CLOSED);
        assertThat(hostEvents).containsExactlyInAnyOrder("0 done", "1 done", "2 done");
        assertThat(s.sent()).isEqualTo(150);
        assertThat(s.retried()).isZero();
        assertThat(s.unanswered()).isZero();
        assertThat(order).doesNotHaveDuplicates().hasSize(150);
        assertThat(order).isNotEqualTo(order.stream().sorted().toList());
    }

    @Test
    void sequentialOrderVisitsPortsInOrder() {
        ProbeScheduler s = job(TimingTemplate.AGGRESSIVE, 1, 10, false, 0, 0, true);
        List<Integer> ports = new ArrayList<>();
        while (!s.finished()) {
            for (Probe p : sendAll(s, NO_LIMIT)) {
                ports.add(p.port);
                s.answered(p, Outcome.CLOSED, clock.nanoTime());
            }
        }
        assertThat(ports).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void anUnansweredProbeIsRetriedAfterItsTimeoutAndCountsAsRetried() {
        ProbeScheduler s = job(TimingTemplate.AGGRESSIVE, 1, 1);
        Probe first = s.next(clock.nanoTime(), NO_LIMIT);
        assertThat(first.attempt).isZero();
        assertThat(first.deadline - first.sentAt).isEqualTo(500 * MS);
        assertThat(s.next(clock.nanoTime(), NO_LIMIT)).isNull();
        assertThat(s.nanosUntilNextEvent(clock.nanoTime(), NO_LIMIT, Long.MAX_VALUE)).isEqualTo(500 * MS);
        clock.advanceMillis(499);
        s.expire(clock.nanoTime());
        assertThat(s.next(clock.nanoTime(), NO_LIMIT)).isNull();
        clock.advanceMillis(1);
        s.expire(clock.nanoTime());
        s.drainClosable(closed::add);
        assertThat(closed).containsExactly(first);
        Probe retry = s.next(clock.nanoTime(), NO_LIMIT);
        assertThat(retry.port).isZero();
        assertThat(retry.attempt).isEqualTo(1);
        s.answered(retry, Outcome.OPEN, clock.nanoTime());
        assertThat(finalOf(0, 0)).isEqualTo(Outcome.OPEN);
        assertThat(s.sent()).isEqualTo(2);
        assertThat(s.retried()).isEqualTo(1);
        assertThat(s.unanswered()).isZero();
        assertThat(hostEvents).containsExactly("0 done");
    }

    @Test
    void aProbeSentBeforeAnyRoundTripTimesOutByTheFirstOneMeasured() {
        ProbeScheduler s = job(TimingTemplate.AGGRESSIVE, 1, 2);
        Probe answered = s.next(clock.nanoTime(), NO_LIMIT);
        Probe silent = s.next(clock.nanoTime(), NO_LIMIT);
        // nothing measured yet: both carry the initial timeout
        assertThat(silent.deadline - silent.sentAt).isEqualTo(500 * MS);
        clock.advanceMillis(1);
        s.answered(answered, Outcome.CLOSED, clock.nanoTime());
        // a 1 ms round trip makes the timeout the 100 ms minimum, for the probe already out too (as nmap judges it)
        assertThat(s.nanosUntilNextEvent(clock.nanoTime(), NO_LIMIT, Long.MAX_VALUE)).isEqualTo(99 * MS);
        clock.advanceMillis(98);
        s.expire(clock.nanoTime());
        s.drainClosable(closed::add);
        assertThat(closed).isEmpty();
        clock.advanceMillis(1);
        s.expire(clock.nanoTime());
        s.drainClosable(closed::add);
        assertThat(closed).containsExactly(silent);
        Probe retry = s.next(clock.nanoTime(), NO_LIMIT);
        assertThat(retry.port).isEqualTo(silent.port);
        assertThat(retry.deadline - retry.sentAt).isEqualTo(100 * MS);
        // its first entry, at the old deadline, is skipped when it comes up
        clock.advanceMillis(400);
        s.expire(clock.nanoTime());
        s.drainClosable(closed::add);
        assertThat(closed).containsExactly(silent, retry);
        assertThat(s.sent()).isEqualTo(3);
        assertThat(s.unanswered()).isEqualTo(1);
    }

    @Test
    void anotherHostsAnswerDoesNotCutABlindProbeShort() {
        ProbeScheduler s = job(TimingTemplate.AGGRESSIVE, 2, 1);
        Probe first = s.next(clock.nanoTime(), NO_LIMIT);
        Probe second = s.next(clock.nanoTime(), NO_LIMIT);
        assertThat(first.host).isNotEqualTo(second.host);
        clock.advanceMillis(1);
        s.answered(first, Outcome.CLOSED, clock.nanoTime());
        // the other host may still be resolving its neighbour entry: it keeps the initial timeout
        clock.advanceMillis(200);
        s.expire(clock.nanoTime());
        s.drainClosable(closed::add);
        assertThat(closed).isEmpty();
        clock.advanceMillis(299);
        s.expire(clock.nanoTime());
        s.drainClosable(closed::add);
        assertThat(closed).containsExactly(second);
    }

    @Test
    void filteredPortsGetOneRetryAndDoNotShrinkTheWindow() {
        ProbeScheduler s = job(TimingTemplate.AGGRESSIVE, 1, 1000);
        double before = s.hostWindow(0).window();
        int rounds = 0;
        while (!s.finished() && rounds++ < 10_000) {
            sendAll(s, NO_LIMIT);
            clock.advanceMillis(10);
            s.expire(clock.nanoTime());
            s.drainClosable(closed::add);
        }
        assertThat(s.finished()).isTrue();
        assertThat(finals.values()).hasSize(1000).containsOnly(Outcome.NO_RESPONSE);
        // nothing ever answered, so nothing argues for more than nmap's one retry
        assertThat(s.sent()).isEqualTo(2000);
        assertThat(s.retried()).isEqualTo(1000);
        assertThat(s.unanswered()).isEqualTo(1000);
        assertThat(closed).hasSize(2000);
        assertThat(s.hostWindow(0).window()).isGreaterThanOrEqualTo(before);
        assertThat(s.hostWindow(0).cuts()).isZero();
        assertThat(s.retriesTooFew(0)).isFalse();
    }

    @Test
    void maxRetriesZeroMeansOneTry() {
        ProbeScheduler s = job(TimingTemplate.AGGRESSIVE.withMaxRetries(0), 1, 3);
        sendAll(s, NO_LIMIT);
        clock.advanceMillis(500);
        s.expire(clock.nanoTime());
        assertThat(s.finished()).isTrue();
        assertThat(s.sent()).isEqualTo(3);
        assertThat(s.unanswered()).isEqualTo(3);
    }

    @Test
    void lossSeenOnAnsweredPortsBuysFilteredPortsMoreTries() {
        // ports 0-39 answer, half of them only on the second try; ports 40-49 never answer
        ProbeScheduler s = job(TimingTemplate.AGGRESSIVE, 1, 50, false, 0, 0, true);
        Map<Integer, Integer> tries = new HashMap<>();
        int rounds = 0;
        while (!s.finished() && rounds++ < 1000) {
            for (Probe p : sendAll(s, NO_LIMIT)) {
                tries.merge(p.port, 1, Integer::sum);
                if (p.port < 40 && (p.port % 2 == 0 || p.attempt > 0)) {
                    s.answered(p, Outcome.CLOSED, clock.nanoTime());
                }
            }
            clock.advanceMillis(600);
            s.expire(clock.nanoTime());
        }
        assertThat(s.finished()).isTrue();
        for (int port = 40; port < 50; port++) {
            // loss 0.5 asks for 20 tries to miss less than one in a million; -T4 allows 1 + 6
            assertThat(tries.get(port)).as("tries of port %d", port).isEqualTo(7);
            assertThat(finalOf(0, port)).isEqualTo(Outcome.NO_RESPONSE);
        }
        assertThat(tries.get(1)).isEqualTo(2);
        assertThat(finalOf(0, 1)).isEqualTo(Outcome.CLOSED);
        assertThat(s.loss(0)).isEqualTo(0.5);
        assertThat(s.retriesTooFew(0)).isTrue();
    }

    @Test
    void oneProbePerHostIsRetriedAsTheWholeJobsLossAsks() {
        // a sweep: 1000 hosts, one port each; every 8th first try is lost, host 3 answers only its fourth try,
        // hosts 990-999 never answer. No host has answers enough to judge its own loss: the job's must do.
        ProbeScheduler s = job(TimingTemplate.AGGRESSIVE, 1000, 1, false, 0, 0, true);
        Map<Integer, Integer> tries = new HashMap<>();
        int rounds = 0;
        while (!s.finished() && rounds++ < 1000) {
            for (Probe p : sendAll(s, NO_LIMIT)) {
                tries.merge(p.host, 1, Integer::sum);
                boolean lost = p.host >= 990 || (p.host == 3 && p.attempt < 3) || (p.host % 8 == 0 && p.attempt == 0);
                if (!lost) {
                    s.answered(p, Outcome.OPEN, clock.nanoTime());
                }
            }
            clock.advanceMillis(600);
            s.expire(clock.nanoTime());
        }
        assertThat(s.finished()).isTrue();
        for (int host = 0; host < 990; host++) {
            assertThat(finalOf(host, 0)).as("host %d", host).isEqualTo(Outcome.OPEN);
        }
        assertThat(tries.get(3)).isEqualTo(4);
        // job loss 125/990: 7 tries to miss less than one in a million, which -T4's 6 retries allow
        for (int host = 990; host < 1000; host++) {
            assertThat(tries.get(host)).as("tries of host %d", host).isEqualTo(7);
            assertThat(finalOf(host, 0)).isEqualTo(Outcome.NO_RESPONSE);
            assertThat(s.retriesTooFew(host)).isFalse();
        }
        assertThat(tries.get(1)).isEqualTo(1);
        assertThat(tries.get(8)).isEqualTo(2);
    }

    @Test
    void laterRetriesBackOffUpToTheLongestTimeout() {
        ProbeScheduler s = job(TimingTemplate.AGGRESSIVE, 1, 1);
        long base = 100 * MS;
        assertThat(s.backedOff(base, 0)).isEqualTo(base);
        assertThat(s.backedOff(base, 1)).isEqualTo(base);
        assertThat(s.backedOff(base, 2)).isEqualTo(2 * base);
        assertThat(s.backedOff(base, 4)).isEqualTo(8 * base);
        // -T4's longest probe timeout is 1250 ms
        assertThat(s.backedOff(base, 5)).isEqualTo(1250 * MS);
        assertThat(s.backedOff(base, 60)).isEqualTo(1250 * MS);
        assertThat(s.backedOff(2000 * MS, 3)).isEqualTo(2000 * MS);
    }

    @Test
    void retriesForLossMissLessThanOneInAMillion() {
        assertThat(ProbeScheduler.retriesForLoss(0, 1000)).isZero();
        assertThat(ProbeScheduler.retriesForLoss(5, 0)).isZero();
        assertThat(ProbeScheduler.retriesForLoss(40, 1000)).isEqualTo(4);
        assertThat(ProbeScheduler.retriesForLoss(1, 1000)).isEqualTo(1);
        assertThat(ProbeScheduler.retriesForLoss(1000, 1000)).isEqualTo(131);
    }

    @Test
    void discoveryEndsAHostAtItsFirstAnswerAndClosesTheOtherProbe() {
        ProbeScheduler s = job(TimingTemplate.AGGRESSIVE, 2, 2, true, 0, 0, true);
        List<Probe> sent = sendAll(s, NO_LIMIT);
        assertThat(sent).hasSize(4);
        Probe host0port0 = sent.get(0);
        s.answered(host0port0, Outcome.CLOSED, clock.nanoTime());
        s.drainClosable(closed::add);
        assertThat(hostEvents).containsExactly("0 done");
        assertThat(closed).containsExactly(sent.get(1));
        assertThat(s.inFlight()).isEqualTo(2);
        // an unreachable answer does not show a host up
        s.answered(sent.get(2), Outcome.HOST_UNREACH, clock.nanoTime());
        assertThat(hostEvents).containsExactly("0 done");
        clock.advanceMillis(500);
        s.expire(clock.nanoTime());
        // port 1 of host 1 timed out: its one retry goes out and times out too
        assertThat(sendAll(s, NO_LIMIT)).extracting(p -> p.host + ":" + p.port + "#" + p.attempt)
                .containsExactly("1:1#1");
        clock.advanceMillis(500);
        s.expire(clock.nanoTime());
        assertThat(s.finished()).isTrue();
        assertThat(hostEvents).containsExactly("0 done", "1 done");
        assertThat(finalOf(1, 0)).isEqualTo(Outcome.HOST_UNREACH);
        assertThat(finalOf(1, 1)).isEqualTo(Outcome.NO_RESPONSE);
    }

    @Test
    void hostTimeoutGivesUpTheHostAndClosesItsProbes() {
        ProbeScheduler s = job(TimingTemplate.NORMAL.withHostTimeout(Duration.ofMillis(300)), 2, 100);
        List<Probe> first = sendAll(s, NO_LIMIT);
        assertThat(first).hasSize(32);
        for (Probe p : first) {
            if (p.host == 1) {
                s.answered(p, Outcome.CLOSED, clock.nanoTime());
            }
        }
        clock.advanceMillis(300);
        s.expire(clock.nanoTime());
        s.drainClosable(closed::add);
        assertThat(hostEvents).containsExactlyInAnyOrder("0 timed out", "1 timed out");
        assertThat(s.finished()).isTrue();
        assertThat(closed).allMatch(p -> p.host == 0);
        assertThat(s.inFlight()).isZero();
        assertThat(s.next(clock.nanoTime(), NO_LIMIT)).isNull();
        assertThat(finalOf(1, first.stream().filter(p -> p.host == 1).findFirst().orElseThrow().port))
                .isEqualTo(Outcome.CLOSED);
    }

    @Test
    void windowsAndTheHardLimitCapProbesInFlight() {
        ProbeScheduler s = job(TimingTemplate.AGGRESSIVE, 1, 1000);
        assertThat(sendAll(s, NO_LIMIT)).hasSize(ProbeScheduler.HOST_INITIAL_WINDOW);
        ProbeScheduler two = job(TimingTemplate.AGGRESSIVE, 10, 1000);
        assertThat(sendAll(two, 5)).hasSize(5);
        assertThat(two.inFlight()).isEqualTo(5);
        // ten hosts with room for 16 each, but the scan-wide window starts at 64
        assertThat(sendAll(two, NO_LIMIT)).hasSize(59);
    }

    @Test
    void aProbePresumedLostFreesItsWindowSlotButKeepsItsSocket() {
        ProbeScheduler s = job(TimingTemplate.AGGRESSIVE, 1, 1000);
        // one quick answer teaches the host a 2 ms round trip
        Probe first = s.next(clock.nanoTime(), NO_LIMIT);
        clock.advanceMillis(2);
        s.answered(first, Outcome.CLOSED, clock.nanoTime());
        List<Probe> window = sendAll(s, NO_LIMIT);
        assertThat(window).hasSize(17);
        assertThat(s.pipe()).isEqualTo(17);
        // srtt 2 ms + 4 x rttvar 1 ms: presumed lost after 6 ms, timed out only after -T4's 100 ms floor
        assertThat(window.getFirst().lostAt - window.getFirst().sentAt).isEqualTo(6 * MS);
        assertThat(window.getFirst().deadline - window.getFirst().sentAt).isEqualTo(100 * MS);
        clock.advanceMillis(6);
        s.expire(clock.nanoTime());
        assertThat(s.pipe()).isZero();
        assertThat(s.inFlight()).isEqualTo(17);
        List<Probe> more = sendAll(s, NO_LIMIT);
        assertThat(more).hasSize(17);
        assertThat(s.inFlight()).isEqualTo(34);
        // the hard limit still counts every open socket
        assertThat(sendAll(s, 34)).isEmpty();
        // a late answer to a presumed-lost probe still settles its port
        s.answered(window.getFirst(), Outcome.OPEN, clock.nanoTime());
        assertThat(finalOf(0, window.getFirst().port)).isEqualTo(Outcome.OPEN);
        assertThat(s.pipe()).isEqualTo(17);
    }

    @Test
    void oneSlowHostDoesNotHoldUpTheOthers() {
        ProbeScheduler s = job(TimingTemplate.AGGRESSIVE, 2, 200);
        int rounds = 0;
        while (hostEvents.isEmpty() && rounds++ < 1000) {
            for (Probe p : sendAll(s, NO_LIMIT)) {
                if (p.host == 1) {
                    s.answered(p, Outcome.CLOSED, clock.nanoTime());
                }
            }
            clock.advanceMillis(1);
            s.expire(clock.nanoTime());
        }
        // host 0 never answers and holds its window full; host 1 still finished within the first timeout
        assertThat(hostEvents).containsExactly("1 done");
        assertThat(rounds).isLessThan(500);
    }

    @Test
    void scanDelaySpacesProbesToOneHost() {
        ProbeScheduler s = job(TimingTemplate.AGGRESSIVE.withScanDelay(Duration.ofMillis(100)), 1, 3);
        List<Long> times = new ArrayList<>();
        while (!s.finished()) {
            Probe p = s.next(clock.nanoTime(), NO_LIMIT);
            if (p != null) {
                times.add(p.sentAt);
                s.answered(p, Outcome.CLOSED, clock.nanoTime());
                assertThat(s.next(clock.nanoTime(), NO_LIMIT)).isNull();
            }
            if (!s.finished()) {
                long wait = s.nanosUntilNextEvent(clock.nanoTime(), NO_LIMIT, Long.MAX_VALUE);
                assertThat(wait).isEqualTo(100 * MS);
                clock.advanceNanos(wait);
            }
        }
        assertThat(times).hasSize(3);
        assertThat(times.get(1) - times.get(0)).isEqualTo(100 * MS);
        assertThat(times.get(2) - times.get(1)).isEqualTo(100 * MS);
    }

    @Test
    void maxRateSpacesProbesAndMinRateOverridesTheWindow() {
        ProbeScheduler slow = job(TimingTemplate.AGGRESSIVE, 1, 100, false, 0, 100, false);
        assertThat(sendAll(slow, NO_LIMIT)).hasSize(1);
        assertThat(slow.nanosUntilNextEvent(clock.nanoTime(), NO_LIMIT, Long.MAX_VALUE)).isEqualTo(10 * MS);
        clock.advanceMillis(10);
        assertThat(sendAll(slow, NO_LIMIT)).hasSize(1);

        ProbeScheduler eager = job(TimingTemplate.AGGRESSIVE, 1, 1000, false, 10_000, 0, false);
        assertThat(sendAll(eager, NO_LIMIT)).hasSize(ProbeScheduler.HOST_INITIAL_WINDOW);
        clock.advanceMillis(5);
        // 5 ms at 10 000/s owe 50 probes, window or not
        assertThat(sendAll(eager, NO_LIMIT)).hasSize(50);
        assertThat(eager.inFlight()).isEqualTo(66);
    }

    @Test
    void anUnsentProbeGoesAgainWithoutCounting() {
        ProbeScheduler s = job(TimingTemplate.AGGRESSIVE, 1, 1);
        Probe p = s.next(clock.nanoTime(), NO_LIMIT);
        s.unsent(p, clock.nanoTime());
        assertThat(s.sent()).isZero();
        assertThat(s.inFlight()).isZero();
        Probe again = s.next(clock.nanoTime(), NO_LIMIT);
        assertThat(again.port).isZero();
        assertThat(again.attempt).isZero();
        assertThat(s.sent()).isEqualTo(1);
    }

    @Test
    void abortAllClosesEverythingWithoutFinishingHosts() {
        ProbeScheduler s = job(TimingTemplate.AGGRESSIVE, 2, 10);
        List<Probe> sent = sendAll(s, NO_LIMIT);
        s.abortAll();
        s.drainClosable(closed::add);
        assertThat(closed).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(hostEvents).isEmpty();
        assertThat(s.inFlight()).isZero();
    }

    @Test
    void rejectsAMismatchedOrder() {
        Pacing pacing = Pacing.of(clock, TimingTemplate.NORMAL, 0, 0, 100);
        RttEstimator[] rtt = {RttEstimator.of(TimingTemplate.NORMAL)};
        long[] start = new long[1];
        Arrays.fill(start, ProbeScheduler.NOT_STARTED);
        assertThatThrownBy(() -> new ProbeScheduler(pacing, 10, IdentityPermutation.of(11), rtt, start, false,
                events)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit");
    }

    @Test
    void intQueueKeepsFifoOrderWhileGrowing() {
        IntQueue q = new IntQueue();
        for (int i = 0; i < 100; i++) {
            q.add(i);
            if (i % 3 == 0) {
                assertThat(q.poll()).isEqualTo(i / 3);
            }
        }
        q.addFirst(-1);
        assertThat(q.poll()).isEqualTo(-1);
        assertThat(q.size()).isEqualTo(66);
        assertThat(q.poll()).isEqualTo(34);
    }
}
