package dev.portolan.technique.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.portolan.engine.Clock;
import dev.portolan.engine.FakeClock;
import dev.portolan.engine.IdentityPermutation;
import dev.portolan.engine.RttEstimator;
import dev.portolan.engine.TimingTemplate;
import dev.portolan.net.Errno;
import dev.portolan.net.NativeAccess;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One epoll lane on its own, fed by a real scheduler, on loopback. */
class EpollSocketsTest {
    private final Loopback lo = new Loopback();
    private final InetAddress v4 = InetAddress.getLoopbackAddress();
    private final Map<Integer, Outcome> finals = new HashMap<>();
    private final List<String> shortages = new ArrayList<>();
    private final List<String> oddErrors = new ArrayList<>();

    @BeforeAll
    static void needsBindings() {
        assumeThat(NativeAccess.unavailableReason()).as("native bindings").isEmpty();
    }

    @AfterEach
    void closeListeners() {
        lo.close();
    }

    private ProbeScheduler job(int ports) {
        FakeClock clock = new FakeClock();
        Pacing pacing = Pacing.of(clock, TimingTemplate.AGGRESSIVE, 0, 0, 1000);
        ProbeEvents events = new ProbeEvents() {
            @Override
            public void portFinal(int host, int portIndex, Outcome outcome) {
                finals.put(portIndex, outcome);
            }

            @Override
            public void hostFinal(int host, boolean timedOut) {
            }
        };
        RttEstimator[] rtt = {RttEstimator.of(TimingTemplate.AGGRESSIVE)};
        long[] start = {ProbeScheduler.NOT_STARTED};
        return new ProbeScheduler(pacing, ports, IdentityPermutation.of(ports), rtt, start, false, events);
    }

    /** Launches every probe of {@code job} on {@code lane} and waits until each has ended. */
    private void runAll(ProbeScheduler job, SocketLane lane, int[] ports) throws IOException {
        LaneResults results = new LaneResults();
        List<Probe> launched = new ArrayList<>();
        Probe p;
        while ((p = job.next(0, 1000)) != null) {
            launched.add(p);
            lane.launch(p, v4, ports[p.port], results);
        }
        for (int turn = 0; turn < 100 && !job.finished(); turn++) {
            lane.await(50_000_000L, results);
            shortages.addAll(results.shortages());
            oddErrors.addAll(results.oddErrors());
            results.handOver(job, 0);
            // probes put back go again at once
            while ((p = job.next(0, 1000)) != null) {
                lane.launch(p, v4, ports[p.port], results);
            }
        }
        assertThat(job.finished()).isTrue();
        assertThat(launched).allMatch(q -> q.fd == -1);
    }

    @Test
    void findsOpenAndClosedPortsAndClosesEverySocket() throws IOException {
        int[] ports = {lo.listen(v4), Loopback.closedPort(v4), lo.listen(v4)};
        try (SocketLane lane = new EpollSockets(EpollSockets.SYSTEM).openLane(Clock.SYSTEM)) {
            runAll(job(3), lane, ports);
        }
        assertThat(finals).containsEntry(0, Outcome.OPEN).containsEntry(1, Outcome.CLOSED)
                .containsEntry(2, Outcome.OPEN);
        assertThat(shortages).isEmpty();
        assertThat(oddErrors).isEmpty();
    }

    @Test
    void aRefusedSocketIsUsedAgainAndStillGivesExactAnswers() throws IOException {
        int closed = Loopback.closedPort(v4);
        int open = lo.listen(v4);
        int[] opened = {0};
        EpollSockets.Opener counting = (libc, family) -> {
            opened[0]++;
            return EpollSockets.SYSTEM.open(libc, family);
        };
        try (SocketLane lane = new EpollSockets(counting).openLane(Clock.SYSTEM)) {
            runAll(job(4), lane, new int[] {closed, closed, closed, closed});
            int afterFirst = opened[0];
            finals.clear();
            // the refused sockets of the first round serve the second: an open port among them answers open
            runAll(job(4), lane, new int[] {closed, open, closed, closed});

            assertThat(afterFirst).isEqualTo(4);
            assertThat(opened[0]).isEqualTo(afterFirst);
        }
        assertThat(finals).containsEntry(0, Outcome.CLOSED).containsEntry(1, Outcome.OPEN)
                .containsEntry(2, Outcome.CLOSED).containsEntry(3, Outcome.CLOSED);
        assertThat(oddErrors).isEmpty();
    }

    @Test
    void errorsOfTheSocketCallAreShortagesOrOddErrors() throws IOException {
        int closed = Loopback.closedPort(v4);
        int[] calls = {0};
        EpollSockets.Opener flaky = (libc, family) -> switch (calls[0]++) {
            case 0 -> -Errno.EMFILE;
            case 1 -> -Errno.EINVAL;
            default -> EpollSockets.SYSTEM.open(libc, family);
        };
        try (SocketLane lane = new EpollSockets(flaky).openLane(Clock.SYSTEM)) {
            runAll(job(2), lane, new int[] {closed, closed});
        }
        // the first probe found no descriptor and went again; the second met an errno nobody expects
        assertThat(shortages).containsExactly("Too many open files");
        assertThat(oddErrors).containsExactly("Invalid argument");
        assertThat(finals).containsEntry(0, Outcome.CLOSED).containsEntry(1, Outcome.UNKNOWN_ERROR);
    }

    @Test
    void abandonClosesAWatchedSocketOnceAndWakeupEndsAWait() throws IOException {
        int dropped = lo.blackhole(v4);
        ProbeScheduler job = job(1);
        try (SocketLane lane = new EpollSockets(EpollSockets.SYSTEM).openLane(Clock.SYSTEM)) {
            LaneResults results = new LaneResults();
            Probe p = job.next(0, 10);
            lane.launch(p, v4, dropped, results);
            assertThat(p.fd).isNotNegative();
            lane.wakeup();
            lane.await(10_000_000_000L, results);
            assertThat(results.isEmpty()).isTrue();
            lane.abandon(p);
            assertThat(p.fd).isEqualTo(-1);
            lane.abandon(p);
            lane.close();
            // after close a wake-up must not write to a descriptor that may be someone else's now
            lane.wakeup();
        }
    }
}
