package dev.portolan.technique.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RawTcpLaneProbeTableTest {
    private static Probe probe(int port) {
        return new Probe(0, port, 1, 0, 0, 0);
    }

    @Test
    void agreesWithAHashMapThroughPutsRemovesAndGrowth() {
        RawTcpLane.ProbeTable table = new RawTcpLane.ProbeTable();
        Map<Long, Probe> model = new HashMap<>();
        Random random = new Random(7);
        for (int step = 0; step < 200_000; step++) {
            long key = (long) random.nextInt(5000) << 16 | random.nextInt(3);
            switch (random.nextInt(3)) {
                case 0 -> {
                    Probe p = probe(step);
                    Probe old = model.put(key, p);
                    table.put(key, p);
                    if (old != null) {
                        assertThat(old.fd).isEqualTo(-1);
                    }
                }
                case 1 -> assertThat(table.remove(key)).isSameAs(model.remove(key));
                default -> {
                    Probe p = model.get(key);
                    if (p != null) {
                        table.removeIf(p);
                        model.remove(key);
                    }
                }
            }
            assertThat(table.size()).isEqualTo(model.size());
        }
        for (Map.Entry<Long, Probe> e : model.entrySet()) {
            assertThat(table.remove(e.getKey())).isSameAs(e.getValue());
        }
        assertThat(table.size()).isZero();
    }

    @Test
    void aReplacedProbeNoLongerRemovesItsSuccessor() {
        RawTcpLane.ProbeTable table = new RawTcpLane.ProbeTable();
        Probe first = probe(1);
        Probe retry = probe(1);
        table.put(42, first);
        table.put(42, retry);
        table.removeIf(first);
        assertThat(table.remove(42)).isSameAs(retry);
        table.removeIf(retry);
        assertThat(table.size()).isZero();
    }
}
