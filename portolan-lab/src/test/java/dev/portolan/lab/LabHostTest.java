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
}
