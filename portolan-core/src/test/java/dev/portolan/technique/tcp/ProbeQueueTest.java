package dev.portolan.technique.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProbeQueueTest {

    private static Probe due(long deadline) {
        return new Probe(0, (int) (deadline & 0xFFFF), 0, 0, deadline, deadline / 2);
    }

    private static List<Long> drain(ProbeQueue q, ProbeQueue.By by) {
        List<Long> out = new ArrayList<>();
        while (!q.isEmpty()) {
            out.add(by.of(q.poll()));
        }
        return out;
    }

    @Test
    void inOrderTimesLeaveInOrderAndTiesInArrivalOrder() {
        ProbeQueue q = new ProbeQueue(ProbeQueue.By.DEADLINE);
        Probe a = due(10);
        Probe b = due(10);
        q.add(a);
        q.add(b);
        q.add(due(20));
        assertThat(q.size()).isEqualTo(3);
        assertThat(q.poll()).isSameAs(a);
        assertThat(q.poll()).isSameAs(b);
        assertThat(q.peek().deadline).isEqualTo(20);
    }

    @Test
    void anyOrderComesOutSortedWhetherSortedInOrHeaped() {
        Random random = new Random(5);
        for (ProbeQueue.By by : ProbeQueue.By.values()) {
            ProbeQueue q = new ProbeQueue(by);
            List<Long> times = new ArrayList<>();
            long base = 0;
            for (int i = 0; i < 5000; i++) {
                base += random.nextInt(3);
                // mostly a little behind the newest, sometimes far behind (to the heap)
                long t = random.nextInt(10) == 0 ? base - random.nextInt(10_000) : base - random.nextInt(40);
                Probe p = due(t * 2);
                q.add(p);
                times.add(by.of(p));
            }
            times.sort(Comparator.naturalOrder());
            assertThat(drain(q, by)).isEqualTo(times);
        }
    }

    @Test
    void interleavedAddsAndPollsKeepTheEarliestFirst() {
        ProbeQueue q = new ProbeQueue(ProbeQueue.By.DEADLINE);
        q.add(due(100));
        q.add(due(200));
        q.add(due(50));
        assertThat(q.poll().deadline).isEqualTo(50);
        q.add(due(150));
        q.add(due(300));
        assertThat(drain(q, ProbeQueue.By.DEADLINE)).containsExactly(100L, 150L, 200L, 300L);
    }

    @Test
    void removeIfAndForEachSeeBothParts() {
        ProbeQueue q = new ProbeQueue(ProbeQueue.By.DEADLINE);
        for (long t = 0; t < 200; t += 2) {
            q.add(due(1000 + t));
        }
        q.add(due(3));
        q.add(due(5));
        List<Long> seen = new ArrayList<>();
        q.forEach(p -> seen.add(p.deadline));
        assertThat(seen).hasSize(102).contains(3L, 5L, 1000L, 1198L);
        q.removeIf(p -> p.deadline % 4 == 0 || p.deadline == 3);
        assertThat(q.size()).isEqualTo(51);
        List<Long> rest = drain(q, ProbeQueue.By.DEADLINE);
        assertThat(rest.getFirst()).isEqualTo(5L);
        assertThat(rest).isSorted().allMatch(t -> t == 5 || t % 4 == 2);
        q.add(due(7));
        q.clear();
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.peek()).isNull();
        assertThatThrownBy(q::poll).isInstanceOf(NoSuchElementException.class);
    }
}
