package dev.portolan.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portolan.lab.PortSet;
import dev.portolan.result.PortState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenariosTest {

    @Test
    void connectScenarioIsIssueTwosHost() {
        Scenario s = Scenarios.connect();
        assertThat(s.scanned()).isEqualTo(PortSet.range(1, 65535));
        assertThat(s.portArgs()).containsExactly("-p-");
        assertThat(s.host().listening().size()).isEqualTo(36);
        assertThat(s.host().dropped().size()).isEqualTo(1000);
        assertThat(s.host().listening().contains(1)).isTrue();
        assertThat(s.host().listening().contains(65535)).isTrue();
        assertThat(s.host().listening().contains(443)).isTrue();
        // spread over the range: open and filtered ports in every quarter of it
        for (int q = 0; q < 4; q++) {
            PortSet quarter = PortSet.range(q * 16384 + 1, q * 16384 + 16383);
            assertThat(s.host().listening().intersection(quarter).isEmpty()).isFalse();
            assertThat(s.host().dropped().intersection(quarter).size()).isGreaterThan(150);
        }
        assertThat(s.host().truth().states(s.scanned()).values().stream().filter(st -> st == PortState.CLOSED)
                .count()).isEqualTo(65535 - 36 - 1000);
    }

    @Test
    void scenariosAreTheSameEveryRun() {
        assertThat(Scenarios.connect().host()).isEqualTo(Scenarios.connect().host());
        assertThat(Scenarios.connectSmall().host()).isEqualTo(Scenarios.connectSmall().host());
        assertThat(Scenarios.connectSmall().host().listening().size()).isEqualTo(7);
        assertThat(Scenarios.connectSmall().host().dropped().size()).isEqualTo(20);
    }

    @Test
    void templatesAreFilledTokenByToken() {
        assertThat(ToolRunner.fill("scan -sT {ports} -Pn {target} -oX {xml}", List.of("-p", "1-2000"),
                "198.51.100.2", Path.of("/tmp/a.xml")))
                .containsExactly("scan", "-sT", "-p", "1-2000", "-Pn", "198.51.100.2", "-oX", "/tmp/a.xml");
        assertThatThrownBy(() -> ToolRunner.fill("scan {ports}", List.of("-p-"), "x", Path.of("y")))
                .isInstanceOf(BenchUsageException.class)
                .hasMessage("argument template needs {target} and {xml}: scan {ports}");
    }
}
