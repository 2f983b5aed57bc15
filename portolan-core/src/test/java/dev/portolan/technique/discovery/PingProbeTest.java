package dev.portolan.technique.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PingProbeTest {
    @Test
    void portsAsNmapWritesThem() {
        assertThat(PingProbe.parse(PingKind.SYN, "22,80,1000-1002").stream().map(PingProbe::toString))
                .containsExactly("PS22", "PS80", "PS1000", "PS1001", "PS1002");
    }

    @Test
    void defaultPortsAreNmaps() {
        assertThat(PingProbe.parse(PingKind.SYN, "")).containsExactly(new PingProbe(PingKind.SYN, 443));
        assertThat(PingProbe.parse(PingKind.ACK, "")).containsExactly(new PingProbe(PingKind.ACK, 80));
        assertThat(PingProbe.parse(PingKind.UDP, "")).containsExactly(new PingProbe(PingKind.UDP, 40125));
        assertThat(PingProbe.parse(PingKind.ECHO, "")).containsExactly(PingProbe.of(PingKind.ECHO));
    }

    @Test
    void badPortsAreOneLineErrors() {
        assertThatThrownBy(() -> PingProbe.parse(PingKind.SYN, "0")).hasMessage("-PS0: '0' is not a port (1-65535)");
        assertThatThrownBy(() -> PingProbe.parse(PingKind.ACK, "80-20")).hasMessage("-PA80-20: range 80-20 runs backwards");
        assertThatThrownBy(() -> PingProbe.parse(PingKind.UDP, "x")).hasMessage("-PUx: 'x' is not a port (1-65535)");
        assertThatThrownBy(() -> PingProbe.parse(PingKind.ECHO, "5")).hasMessage("-PE takes no ports: -PE5");
    }

    @Test
    void defaultsAreNmapsRootSet() {
        assertThat(DiscoveryOptions.DEFAULT.ipProbes().stream().map(PingProbe::toString))
                .containsExactly("PE", "PS443", "PA80", "PP");
        assertThat(DiscoveryOptions.DEFAULT.usesArp()).isTrue();
        DiscoveryOptions echoOnly = new DiscoveryOptions(List.of(PingProbe.of(PingKind.ECHO)), false, 1, 2, true);
        assertThat(echoOnly.ipProbes()).containsExactly(PingProbe.of(PingKind.ECHO));
        assertThat(echoOnly.usesArp()).isFalse();
        DiscoveryOptions arpOnly = new DiscoveryOptions(List.of(PingProbe.of(PingKind.ARP)), false, 1, 2, true);
        assertThat(arpOnly.ipProbes()).isEmpty();
        assertThat(arpOnly.usesArp()).isTrue();
        assertThatThrownBy(() -> new DiscoveryOptions(List.of(), true, 0, 2, true)).hasMessage("-c 0: must be 1 to 255");
    }
}
