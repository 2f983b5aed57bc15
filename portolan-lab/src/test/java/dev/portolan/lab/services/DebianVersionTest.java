package dev.portolan.lab.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DebianVersionTest {
    @Test
    void upstreamDropsEpochRevisionAndRepackSuffix() {
        assertThat(DebianVersion.upstream("1:9.2p1-2+deb12u10")).isEqualTo("9.2p1");
        assertThat(DebianVersion.upstream("1.22.1-9+deb12u11")).isEqualTo("1.22.1");
        assertThat(DebianVersion.upstream("5:7.0.15-1~deb12u10")).isEqualTo("7.0.15");
        assertThat(DebianVersion.upstream("1:2.3.19.1+dfsg1-2.1+deb12u7")).isEqualTo("2.3.19.1");
        assertThat(DebianVersion.upstream("5.9.3+dfsg-2+deb12u1")).isEqualTo("5.9.3");
        assertThat(DebianVersion.upstream("3.0.3-13+b2")).isEqualTo("3.0.3");
        assertThat(DebianVersion.upstream("2.90-4~deb12u2")).isEqualTo("2.90");
        assertThat(DebianVersion.upstream("1:10.11.19-0+deb12u1")).isEqualTo("10.11.19");
    }

    @Test
    void aNativePackageHasNoRevision() {
        assertThat(DebianVersion.upstream("4.3")).isEqualTo("4.3");
        assertThat(DebianVersion.upstream("15+248+deb12u1")).isEqualTo("15");
    }

    @Test
    void emptyIsRefused() {
        assertThatThrownBy(() -> DebianVersion.upstream(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
