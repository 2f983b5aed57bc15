package dev.portolan.technique.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProbeStagesTest {
    private static final PingProbe ECHO = PingProbe.of(PingKind.ECHO);
    private static final PingProbe SYN = new PingProbe(PingKind.SYN, 443);
    private static final PingProbe ACK = new PingProbe(PingKind.ACK, 80);
    private static final PingProbe STAMP = PingProbe.of(PingKind.TIMESTAMP);

    @Test
    void nmapsDefaultsStartWithEchoAlone() {
        ProbeStages stages = ProbeStages.of(DiscoveryOptions.NMAP_DEFAULT, 3);

        assertThat(stages.passes()).isEqualTo(4);
        assertThat(stages.in(0)).containsExactly(ECHO);
        assertThat(stages.in(1)).containsExactly(ECHO, SYN, ACK, STAMP);
        assertThat(stages.in(2)).containsExactly(ECHO, SYN, ACK, STAMP);
        assertThat(stages.in(3)).containsExactly(SYN, ACK, STAMP);
        assertThat(stages.in(4)).isEmpty();
    }

    /** Staging changes when a probe goes out, never how often: each is sent once per try, retries included. */
    @Test
    void everyProbeIsSentAsOftenAsWithoutStages() {
        for (int sends = 1; sends <= 4; sends++) {
            ProbeStages stages = ProbeStages.of(DiscoveryOptions.NMAP_DEFAULT, sends);
            Map<PingProbe, Integer> count = new HashMap<>();
            for (int pass = 0; pass < stages.passes(); pass++) {
                stages.in(pass).forEach(p -> count.merge(p, 1, Integer::sum));
            }
            assertThat(count).as("sends %d", sends)
                    .isEqualTo(Map.of(ECHO, sends, SYN, sends, ACK, sends, STAMP, sends));
        }
    }

    @Test
    void withoutEchoTheFirstNamedProbeLeads() {
        ProbeStages stages = ProbeStages.of(List.of(ACK, SYN), 1);

        assertThat(stages.passes()).isEqualTo(2);
        assertThat(stages.in(0)).containsExactly(ACK);
        assertThat(stages.in(1)).containsExactly(SYN);
    }

    @Test
    void echoLeadsWhereverItIsNamed() {
        ProbeStages stages = ProbeStages.of(List.of(SYN, ECHO), 1);

        assertThat(stages.in(0)).containsExactly(ECHO);
        assertThat(stages.in(1)).containsExactly(SYN);
    }

    @Test
    void oneProbeHasNoExtraPass() {
        ProbeStages stages = ProbeStages.of(List.of(ECHO), 3);

        assertThat(stages.passes()).isEqualTo(3);
        List<List<PingProbe>> all = new ArrayList<>();
        for (int pass = 0; pass < 3; pass++) {
            all.add(stages.in(pass));
        }
        assertThat(all).containsOnly(List.of(ECHO));
    }

    @Test
    void noIpProbeNoPass() {
        assertThat(ProbeStages.of(List.of(), 3).passes()).isZero();
        assertThatThrownBy(() -> ProbeStages.of(List.of(ECHO), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
