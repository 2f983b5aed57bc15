package dev.portolan.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PortSetTest {

    @Test
    void parsesListsAndRangesAndPrintsThemBack() {
        PortSet set = PortSet.parse("80, 22,1000-1002,1003,65535");
        assertThat(set.stream().toArray()).containsExactly(22, 80, 1000, 1001, 1002, 1003, 65535);
        assertThat(set.toString()).isEqualTo("22,80,1000-1003,65535");
        assertThat(PortSet.parse(set.toString())).isEqualTo(set);
        assertThat(set.size()).isEqualTo(7);
    }

    @Test
    void emptyTextIsTheEmptySet() {
        assertThat(PortSet.parse("").isEmpty()).isTrue();
        assertThat(PortSet.none().toString()).isEmpty();
    }

    @Test
    void rangesAreMaximalRuns() {
        assertThat(PortSet.of(5, 1, 2, 3, 7).ranges())
                .containsExactly(new PortRange(1, 3), new PortRange(5, 5), new PortRange(7, 7));
        assertThat(PortSet.range(0, 65535).ranges()).containsExactly(new PortRange(0, 65535));
    }

    @Test
    void setAlgebra() {
        PortSet a = PortSet.parse("1-10");
        PortSet b = PortSet.parse("5-15");
        assertThat(a.union(b)).isEqualTo(PortSet.parse("1-15"));
        assertThat(a.intersection(b)).isEqualTo(PortSet.parse("5-10"));
        assertThat(a.minus(b)).isEqualTo(PortSet.parse("1-4"));
        assertThat(a.contains(10)).isTrue();
        assertThat(a.contains(11)).isFalse();
        assertThat(a.contains(-1)).isFalse();
    }

    @Test
    void badTokensAreNamed() {
        assertThatThrownBy(() -> PortSet.parse("22,http")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a port or port range: 'http'");
        assertThatThrownBy(() -> PortSet.parse("70000")).hasMessage("port out of range 0-65535: 70000");
        assertThatThrownBy(() -> PortSet.parse("90-80")).hasMessage("port range runs backwards: 90-80");
        assertThatThrownBy(() -> PortSet.parse("1,,2")).hasMessage("not a port or port range: ''");
        assertThatThrownBy(() -> PortSet.parse("5-")).hasMessage("not a port or port range: '5-'");
        assertThatThrownBy(() -> PortSet.of(-3)).hasMessage("port out of range 0-65535: -3");
    }
}
