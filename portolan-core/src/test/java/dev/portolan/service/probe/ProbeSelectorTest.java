package dev.portolan.service.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portolan.target.Protocol;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** --version-intensity semantics: NULL first, probes listing the port whatever their rarity, then by rarity. */
class ProbeSelectorTest {
    private static final String FILE = """
            Exclude 9100
            Probe TCP NULL q||
            match a m|^a|

            Probe TCP Common q|c|
            rarity 1
            match http m|^HTTP|

            Probe TCP Rare q|r|
            rarity 8
            ports 8080
            sslports 8443
            match rare m|^r|

            Probe TCP Middle q|m|
            rarity 5
            ports 25
            match smtp m|^2|

            Probe TCP Seven q|s|
            rarity 7
            match http m|^H|

            Probe UDP Dns q|d|
            rarity 1
            ports 53
            match domain m|^d|

            Probe UDP Late q|l|
            rarity 9
            match late m|^l|
            """;

    private static ProbeSelector selector() throws IOException {
        return new ProbeSelector(NmapProbeParser.parse(new StringReader(FILE), "t"));
    }

    private static List<String> plan(Protocol protocol, int port, boolean tls, int intensity) throws IOException {
        return selector().plan(protocol, port, tls, new VersionIntensity(intensity)).stream().map(Probe::name)
                .toList();
    }

    @Test
    void intensityAdmitsProbesUpToItsRarity() throws IOException {
        assertThat(plan(Protocol.TCP, 1234, false, 0)).containsExactly("NULL");
        assertThat(plan(Protocol.TCP, 1234, false, 2)).containsExactly("NULL", "Common");
        assertThat(plan(Protocol.TCP, 1234, false, 7)).containsExactly("NULL", "Common", "Middle", "Seven");
        assertThat(plan(Protocol.TCP, 1234, false, 9)).containsExactly("NULL", "Common", "Rare", "Middle", "Seven");
    }

    @Test
    void probesListingThePortComeFirstWhateverTheirRarity() throws IOException {
        assertThat(plan(Protocol.TCP, 8080, false, 0)).containsExactly("NULL", "Rare");
        assertThat(plan(Protocol.TCP, 8080, false, 7)).containsExactly("NULL", "Rare", "Common", "Middle", "Seven");
        assertThat(plan(Protocol.TCP, 25, false, 2)).containsExactly("NULL", "Middle", "Common");
        assertThat(plan(Protocol.TCP, 8443, true, 2)).as("sslports count through TLS")
                .containsExactly("NULL", "Rare", "Common");
        assertThat(plan(Protocol.TCP, 8443, false, 2)).containsExactly("NULL", "Common");
        assertThat(plan(Protocol.TCP, 8080, true, 2)).as("ports do not count through TLS")
                .containsExactly("NULL", "Common");
    }

    @Test
    void udpHasNoNullProbe() throws IOException {
        assertThat(plan(Protocol.UDP, 53, false, 0)).containsExactly("Dns");
        assertThat(plan(Protocol.UDP, 1000, false, 7)).containsExactly("Dns");
        assertThat(plan(Protocol.UDP, 1000, false, 9)).containsExactly("Dns", "Late");
    }

    @Test
    void aSoftMatchNarrowsTheRest() throws IOException {
        List<Probe> rest = selector().plan(Protocol.TCP, 1234, false, VersionIntensity.ALL).subList(1, 5);
        assertThat(ProbeSelector.afterSoftMatch(rest, "http")).extracting(Probe::name)
                .containsExactly("Common", "Seven");
        assertThat(ProbeSelector.afterSoftMatch(rest, "ftp")).isEmpty();
    }

    @Test
    void excludedPortsAndIntensityBounds() throws IOException {
        assertThat(selector().excluded(Protocol.TCP, 9100)).isTrue();
        assertThat(selector().excluded(Protocol.UDP, 9100)).isTrue();
        assertThat(selector().excluded(Protocol.TCP, 9101)).isFalse();
        assertThat(VersionIntensity.LIGHT.level()).isEqualTo(2);
        assertThat(VersionIntensity.ALL.level()).isEqualTo(9);
        assertThat(VersionIntensity.DEFAULT.level()).isEqualTo(7);
        assertThatThrownBy(() -> new VersionIntensity(10)).hasMessage("version intensity must be 0-9, got 10");
        assertThatThrownBy(() -> new VersionIntensity(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theOwnSetSendsTheRightProbesToWellKnownPorts() {
        ProbeSelector own = new ProbeSelector(ServiceCatalog.builtin());
        assertThat(own.plan(Protocol.TCP, 6379, false, VersionIntensity.LIGHT)).extracting(Probe::name)
                .startsWith("NULL", "RedisInfo").contains("GetRequest", "TLSClientHello");
        assertThat(own.plan(Protocol.TCP, 443, false, VersionIntensity.DEFAULT)).extracting(Probe::name)
                .startsWith("NULL", "TLSClientHello");
        assertThat(own.plan(Protocol.TCP, 6443, true, VersionIntensity.LIGHT)).extracting(Probe::name)
                .startsWith("NULL", "GetRequest", "ApiVersion").doesNotContain("TLSClientHello");
        assertThat(own.plan(Protocol.TCP, 6443, false, VersionIntensity.LIGHT)).extracting(Probe::name)
                .startsWith("NULL", "TLSClientHello");
        assertThat(own.plan(Protocol.UDP, 161, false, VersionIntensity.LIGHT)).extracting(Probe::name)
                .startsWith("SnmpSysDescr").doesNotContain("NULL");
    }
}
