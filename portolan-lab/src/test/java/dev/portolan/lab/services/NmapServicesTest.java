package dev.portolan.lab.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portolan.lab.NmapXmlException;
import dev.portolan.target.Protocol;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class NmapServicesTest {
    static final String XML = """
            <?xml version="1.0"?>
            <nmaprun><host><address addr="198.51.100.2" addrtype="ipv4"/><ports>
            <port protocol="tcp" portid="22"><state state="open" reason="syn-ack"/><service name="ssh" product="OpenSSH"
              version="9.2p1 Debian 2+deb12u10" extrainfo="protocol 2.0" method="probed" conf="10"/></port>
            <port protocol="tcp" portid="443"><state state="open"/><service name="http" product="nginx" version="1.22.1"
              tunnel="ssl" method="probed" conf="10"/></port>
            <port protocol="udp" portid="123"><state state="open"/><service name="ntp" product="NTP" version="v4"
              extrainfo="secondary server" method="probed" conf="10"/></port>
            <port protocol="tcp" portid="9905"><state state="open"/></port>
            </ports></host></nmaprun>
            """;

    static List<ObservedService> read(String xml) {
        return NmapServices.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test");
    }

    static ServiceTruth truth(int port, Protocol p, String service, boolean tls, String product, String version) {
        return new ServiceTruth("d", port, p, service, tls, product, version, product.isEmpty() ? "" : "pkg",
                version.isEmpty() ? "" : "1:" + version + "-1");
    }

    @Test
    void readsEveryPortWithItsServiceAttributes() {
        List<ObservedService> all = read(XML);
        assertThat(all).hasSize(4);
        ObservedService ssh = all.getFirst();
        assertThat(ssh).isEqualTo(new ObservedService(22, Protocol.TCP, "open", "ssh", "OpenSSH",
                "9.2p1 Debian 2+deb12u10", "protocol 2.0", "", "probed", "10"));
        assertThat(all.get(1).shownName()).isEqualTo("ssl/http");
        assertThat(all.get(2).protocol()).isEqualTo(Protocol.UDP);
        assertThat(all.get(3).name()).isEmpty();
    }

    @Test
    void gradesNameTunnelAndVersionAgainstTheTruth() {
        List<ServiceGrade> grades = ServiceGrade.grade(List.of(
                truth(22, Protocol.TCP, "ssh", false, "OpenSSH", "9.2p1"),
                truth(443, Protocol.TCP, "http", false, "nginx", "1.22.1"),
                truth(123, Protocol.UDP, "ntp", false, "chrony", "4.3"),
                truth(9905, Protocol.TCP, "", false, "", ""),
                truth(25, Protocol.TCP, "smtp", false, "Exim", "4.96")), read(XML));
        assertThat(grades).extracting(ServiceGrade::named).containsExactly(true, false, true, true, false);
        assertThat(grades).extracting(ServiceGrade::versioned).containsExactly(true, true, false, true, false);
        assertThat(grades.get(4).observed()).isEmpty();
    }

    @Test
    void aMalformedReportIsOneClearException() {
        assertThatThrownBy(() -> read("<nmaprun><port protocol=\"tcp\" portid=\"x\"/></nmaprun>"))
                .isInstanceOf(NmapXmlException.class).hasMessageContaining("test: not a readable nmap XML report");
    }
}
