package dev.portolan.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portolan.target.Addresses;
import dev.portolan.target.Target;
import org.junit.jupiter.api.Test;

class SeenHostsTest {

    @Test
    void eachTargetIsNewOnce() {
        SeenHosts seen = new SeenHosts();
        Target v4 = Target.of(ReportFixtures.address("192.0.2.1"));
        Target named = Target.named(ReportFixtures.address("192.0.2.1"), "one.example");
        Target v6 = Target.of(ReportFixtures.address("2001:db8::1"));
        assertThat(seen.add(v4)).isTrue();
        assertThat(seen.add(named)).isTrue();
        assertThat(seen.add(v6)).isTrue();
        assertThat(seen.add(Target.of(ReportFixtures.address("192.0.2.1")))).isFalse();
        assertThat(seen.add(Target.named(ReportFixtures.address("192.0.2.1"), "one.example"))).isFalse();
        assertThat(seen.add(Target.of(ReportFixtures.address("2001:db8::1")))).isFalse();
    }

    @Test
    void aWholeSlash16AndItsNeighboursAreToldApart() {
        SeenHosts seen = new SeenHosts();
        long base = Addresses.ipv4Value((java.net.Inet4Address) ReportFixtures.address("10.1.0.0"));
        for (long v = base - 1; v <= base + 65536; v++) {
            assertThat(seen.add(Target.of(Addresses.ipv4(v)))).isTrue();
        }
        assertThat(seen.add(Target.of(Addresses.ipv4(base + 65535)))).isFalse();
        assertThat(seen.add(Target.of(Addresses.ipv4(0)))).isTrue();
        assertThat(seen.add(Target.of(Addresses.ipv4(0xffffffffL)))).isTrue();
        assertThat(seen.add(Target.of(Addresses.ipv4(0xffffffffL)))).isFalse();
    }

    @Test
    void addressesAreSeenWhateverTheirName() {
        SeenHosts seen = new SeenHosts();
        assertThat(seen.add(ReportFixtures.address("192.0.2.7"))).isTrue();
        assertThat(seen.add(ReportFixtures.address("2001:db8::7"))).isTrue();
        assertThat(seen.add(ReportFixtures.address("192.0.2.7"))).isFalse();
        assertThat(seen.add(ReportFixtures.address("2001:db8::7"))).isFalse();
        assertThat(seen.add(ReportFixtures.address("192.0.2.8"))).isTrue();
    }
}
