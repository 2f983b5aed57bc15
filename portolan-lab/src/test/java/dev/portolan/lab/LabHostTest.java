package dev.portolan.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portolan.result.PortState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabHostTest {

    private final LabHost host = LabHost.builder("web").listen(22, 80).listen("8000-8001")
            .drop("100-102").reject(200).build();

    @Test
    void groundTruthFollowsTheDeclaration() {
        GroundTruth truth = host.truth();
        assertThat(truth.stateOf(22)).isEqualTo(PortState.OPEN);
        assertThat(truth.stateOf(8001)).isEqualTo(PortState.OPEN);
        assertThat(truth.stateOf(101)).isEqualTo(PortState.FILTERED);
        assertThat(truth.stateOf(200)).isEqualTo(LabHost.REJECTED_STATE).isEqualTo(PortState.FILTERED);
        assertThat(truth.stateOf(23)).isEqualTo(PortState.CLOSED);
        assertThat(truth.stateOf(0)).isEqualTo(PortState.CLOSED);
        assertThat(truth.states(PortSet.parse("21-23"))).containsExactly(
                Map.entry(21, PortState.CLOSED), Map.entry(22, PortState.OPEN), Map.entry(23, PortState.CLOSED));
    }

    @Test
    void mismatchesNameEveryWrongMissingOrExtraPort() {
        GroundTruth truth = host.truth();
        Map<Integer, PortState> observed = Map.of(21, PortState.CLOSED, 22, PortState.FILTERED, 999, PortState.OPEN);
        assertThat(truth.mismatches(PortSet.parse("21-23"), observed)).extracting(Object::toString)
                .containsExactly("22: expected open, got filtered", "23: expected closed, got nothing",
                        "999: expected not scanned, got open");
        assertThat(truth.mismatches(PortSet.parse("21-23"), Map.of(21, PortState.CLOSED, 22, PortState.OPEN,
                23, PortState.CLOSED))).isEmpty();
        assertThat(truth.openFound(observed)).isZero();
        assertThat(truth.openFound(Map.of(22, PortState.OPEN, 80, PortState.OPEN))).isEqualTo(2);
    }

    @Test
    void overlappingDeclarationsAreRefused() {
        assertThatThrownBy(() -> LabHost.builder("x").listen(22).drop("20-25").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("host x: ports both listening and dropped: 22");
        assertThatThrownBy(() -> LabHost.builder("x").drop(5).reject(5).build())
                .hasMessage("host x: ports both dropped and rejected: 5");
        assertThatThrownBy(() -> LabHost.builder("x").listen(1).reject(1).build())
                .hasMessage("host x: ports both listening and rejected: 1");
    }

    @Test
    void badSpecsAreRefused() {
        assertThatThrownBy(() -> LabHost.builder("Web Server").build())
                .hasMessage("lab host name must match [a-z0-9-]{1,20}: 'Web Server'");
        assertThatThrownBy(() -> LabHost.builder("x").loss(1.0).build())
                .hasMessage("loss probability must be in [0, 1): 1.0");
        assertThatThrownBy(() -> LabHost.builder("x").loss(Double.NaN).build())
                .hasMessage("loss probability must be in [0, 1): NaN");
        assertThatThrownBy(() -> LabHost.builder("x").listen(0).build())
                .hasMessage("cannot listen on port 0 (host x)");
        assertThatThrownBy(() -> LabHost.builder("x").setup().build())
                .hasMessage("empty setup command for host x");
    }

    @Test
    void setupCommandsAreKeptInOrder() {
        LabHost h = LabHost.builder("x").setup("sysctl", "-w", "a=1").setup("true").build();
        assertThat(h.setup()).containsExactly(List.of("sysctl", "-w", "a=1"), List.of("true"));
    }

    @Test
    void sweepRangesMustLieInTheBenchmarkingSpace() {
        LabHost sweep = LabHost.builder("sweep").listen(80).answerFor("198.18.0.0/15").build();
        assertThat(sweep.sweepRanges()).containsExactly("198.18.0.0/15");
        assertThat(sweep.sweepAddresses()).isEqualTo(131_072);
        assertThat(sweep.withLoss(0.02).sweepRanges()).containsExactly("198.18.0.0/15");
        assertThat(sweep.withLoss(0.02).loss()).isEqualTo(0.02);
        assertThat(LabHost.builder("x").answerFor("198.19.240.0/20").answerFor("198.18.0.0/24").build()
                .sweepAddresses()).isEqualTo(4096 + 256);
        assertThatThrownBy(() -> LabHost.builder("x").answerFor("192.0.2.0/24").build())
                .hasMessage("host x: sweep range 192.0.2.0/24 is not inside 198.18.0.0/15");
        assertThatThrownBy(() -> LabHost.builder("x").answerFor("198.16.0.0/14").build())
                .hasMessage("host x: sweep range 198.16.0.0/14 is not inside 198.18.0.0/15");
        assertThatThrownBy(() -> LabHost.builder("x").answerFor("198.18.0.1/15").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(host.sweepRanges()).isEmpty();
    }
}
