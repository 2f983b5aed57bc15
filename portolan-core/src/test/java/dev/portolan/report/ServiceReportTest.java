package dev.portolan.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portolan.result.HostResult;
import dev.portolan.result.HostStatus;
import dev.portolan.result.HostTimes;
import dev.portolan.result.PortResult;
import dev.portolan.result.PortState;
import dev.portolan.result.Reason;
import dev.portolan.result.ServiceDetails;
import dev.portolan.service.tls.CertificateInfo;
import dev.portolan.service.tls.TlsInspection;
import dev.portolan.service.tls.TlsSession;
import dev.portolan.service.tls.TlsVersion;
import dev.portolan.target.Target;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What -sV found, in every format: nmap's VERSION column and service element, JSON's service_info, CSV columns. */
class ServiceReportTest {
    @TempDir
    Path dir;

    static final CertificateInfo CERT = new CertificateInfo("CN=lab.example,O=Portolan Lab",
            "CN=lab.example,O=Portolan Lab", List.of("DNS:lab.example"), Instant.parse("2026-11-22T00:00:00Z"),
            Instant.parse("2026-12-22T00:00:00Z"), "RSA", 2048, "SHA256withRSA", true, "ab".repeat(32));

    static HostResult host() {
        ServiceDetails ssh = new ServiceDetails("ssh", "OpenSSH", "9.2p1", "Debian 2+deb12u3; protocol 2.0", "",
                "Linux", "", List.of("cpe:/a:openbsd:openssh:9.2p1", "cpe:/o:linux:linux_kernel"),
                ServiceDetails.Method.PROBED, 10, Optional.empty(), "");
        TlsInspection.Tls tls = new TlsInspection.Tls(List.of(TlsVersion.TLS_1_3, TlsVersion.TLS_1_2),
                Optional.of(new TlsSession("TLSv1.3", "TLS_AES_256_GCM_SHA384", Optional.of("http/1.1"),
                        List.of(CERT))), Optional.empty());
        ServiceDetails https = new ServiceDetails("http", "nginx", "1.22.1", "", "", "", "",
                List.of("cpe:/a:f5:nginx:1.22.1"), ServiceDetails.Method.PROBED, 10, Optional.of(tls), "");
        ServiceDetails unknown = ServiceDetails.fromTable("unknown", Optional.empty(), "HELLO \\x00\\x01");
        List<PortResult> ports = new ArrayList<>();
        ports.add(ReportFixtures.port(22, PortState.OPEN, Reason.SYN_ACK, 64, "ssh").withDetails(ssh));
        ports.add(ReportFixtures.port(443, PortState.OPEN, Reason.SYN_ACK, 64, "https").withDetails(https));
        ports.add(ReportFixtures.port(9999, PortState.OPEN, Reason.SYN_ACK, 64, null).withDetails(unknown));
        return new HostResult(Target.named(ReportFixtures.address("192.0.2.30"), "lab.example"), HostStatus.UP,
                Reason.ECHO_REPLY, List.of(), ports, ReportFixtures.START, ReportFixtures.START.plusSeconds(3),
                Optional.of(new HostTimes(900, 300, 100000)), false);
    }

    private static String render(ReportFormat format) {
        return ReportFixtures.render(format, ReportFixtures.options(false, false, 0), ReportFixtures.meta(0),
                List.of(host()), ReportFixtures.summary());
    }

    @Test
    void normalOutputHasTheVersionColumnCertificateAndServiceInfo() {
        String text = render(ReportFormat.NORMAL);
        assertThat(text).contains("PORT     STATE SERVICE  VERSION\n")
                .contains("22/tcp   open  ssh      OpenSSH 9.2p1 (Debian 2+deb12u3; protocol 2.0)\n")
                .contains("443/tcp  open  ssl/http nginx 1.22.1\n| ssl-cert: Subject: CN=lab.example,O=Portolan Lab\n")
                .contains("|_tls: TLSv1.3, TLSv1.2; TLS_AES_256_GCM_SHA384; ALPN http/1.1\n")
                .contains("9999/tcp open  unknown?\n|_banner: HELLO \\x00\\x01\n")
                .contains("Service Info: OS: Linux; CPE: cpe:/o:linux:linux_kernel\n");
    }

    @Test
    void xmlCarriesNmapsServiceElementAndStaysValid() throws Exception {
        String xml = render(ReportFormat.XML);
        assertThat(xml).contains("<service name=\"ssh\" product=\"OpenSSH\" version=\"9.2p1\" "
                        + "extrainfo=\"Debian 2+deb12u3; protocol 2.0\" ostype=\"Linux\" method=\"probed\" conf=\"10\">"
                        + "<cpe>cpe:/a:openbsd:openssh:9.2p1</cpe>")
                .contains("<service name=\"http\" product=\"nginx\" version=\"1.22.1\" tunnel=\"ssl\" method=\"probed\"")
                .contains("<script id=\"ssl-cert\" output=\"Subject: CN=lab.example")
                .contains("<service name=\"unknown\" method=\"table\" conf=\"3\"/><script id=\"banner\"");
        Optional<Path> xmllint = ExternalTool.find("xmllint");
        assumeTrue(xmllint.isPresent() && Files.isReadable(XmlToolsTest.DTD), "xmllint or nmap.dtd absent: DTD check skipped");
        Path file = dir.resolve("sv.xml");
        Files.writeString(file, xml, StandardCharsets.UTF_8);
        ExternalTool.Result r = ExternalTool.run(List.of(xmllint.get().toString(), "--noout", "--dtdvalid",
                XmlToolsTest.DTD.toString(), file.toString()), 60);
        assertThat(r.stderr() + r.stdout()).isEmpty();
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void jsonCarriesServiceInfoWithTheTlsFindings() throws Exception {
        JsonNode ports = new ObjectMapper().readTree(render(ReportFormat.JSON)).get("hosts").get(0).get("ports");
        JsonNode ssh = ports.get(0).get("service_info");
        assertThat(ssh.get("product").asText()).isEqualTo("OpenSSH");
        assertThat(ssh.get("version").asText()).isEqualTo("9.2p1");
        assertThat(ssh.get("tls").isNull()).isTrue();
        JsonNode tls = ports.get(1).get("service_info").get("tls");
        assertThat(tls.get("versions").toString()).isEqualTo("[\"TLSv1.3\",\"TLSv1.2\"]");
        assertThat(tls.get("alpn").asText()).isEqualTo("http/1.1");
        JsonNode cert = tls.get("certificates").get(0);
        assertThat(cert.get("subject").asText()).isEqualTo("CN=lab.example,O=Portolan Lab");
        assertThat(cert.get("not_after").asText()).isEqualTo("2026-12-22T00:00:00Z");
        assertThat(cert.get("self_signed").asBoolean()).isTrue();
        assertThat(ports.get(2).get("service_info").get("method").asText()).isEqualTo("table");
    }

    @Test
    void grepableAndCsvCarryTheVersion() {
        assertThat(render(ReportFormat.GREPABLE))
                .contains("22/open/tcp//ssh//OpenSSH 9.2p1 (Debian 2+deb12u3; protocol 2.0)/")
                .contains("443/open/tcp//ssl|http//nginx 1.22.1/");
        assertThat(render(ReportFormat.CSV))
                .contains("192.0.2.30,lab.example,tcp,443,open,syn-ack,64,ssl/http,nginx,1.22.1,");
    }
    /** -sU -sV: an answering UDP port with its version, and a silent one that keeps its state and table name. */
    static HostResult udpHost() {
        ServiceDetails dns = new ServiceDetails("domain", "dnsmasq", "2.90", "", "", "", "",
                List.of("cpe:/a:thekelleys:dnsmasq:2.90"), ServiceDetails.Method.PROBED, 10, Optional.empty(), "");
        List<PortResult> ports = List.of(
                new PortResult(dev.portolan.target.Protocol.UDP, 53, PortState.OPEN, Reason.UDP_RESPONSE, 0,
                        Optional.of("domain")).withDetails(dns),
                new PortResult(dev.portolan.target.Protocol.UDP, 161, PortState.OPEN_FILTERED, Reason.NO_RESPONSE, 0,
                        Optional.of("snmp")));
        return new HostResult(Target.of(ReportFixtures.address("192.0.2.31")), HostStatus.UP, Reason.USER_SET,
                List.of(), ports, ReportFixtures.START, ReportFixtures.START.plusSeconds(3), Optional.empty(), false);
    }

    private static String renderUdp(ReportFormat format) {
        return ReportFixtures.render(format, ReportFixtures.options(false, false, 0), ReportFixtures.meta(0),
                List.of(udpHost()), ReportFixtures.summary());
    }

    @Test
    void udpPortsCarryTheirVersionInEveryFormat() throws Exception {
        assertThat(renderUdp(ReportFormat.NORMAL)).contains("53/udp  open          domain  dnsmasq 2.90\n")
                .contains("161/udp open|filtered snmp\n");
        assertThat(renderUdp(ReportFormat.XML))
                .contains("<port protocol=\"udp\" portid=\"53\"><state state=\"open\" reason=\"udp-response\"")
                .contains("<service name=\"domain\" product=\"dnsmasq\" version=\"2.90\" method=\"probed\" "
                        + "conf=\"10\"><cpe>cpe:/a:thekelleys:dnsmasq:2.90</cpe></service>")
                .contains("<service name=\"snmp\" method=\"table\" conf=\"3\"/>");
        JsonNode ports = new ObjectMapper().readTree(renderUdp(ReportFormat.JSON)).get("hosts").get(0).get("ports");
        assertThat(ports.get(0).get("service_info").get("product").asText()).isEqualTo("dnsmasq");
        assertThat(ports.get(0).get("service_info").get("cpe").toString()).contains("cpe:/a:thekelleys:dnsmasq:2.90");
        assertThat(renderUdp(ReportFormat.GREPABLE)).contains("53/open/udp//domain//dnsmasq 2.90/")
                .contains("161/open|filtered/udp//snmp///");
        assertThat(renderUdp(ReportFormat.CSV)).contains("192.0.2.31,,udp,53,open,udp-response,0,domain,dnsmasq,2.90,");
    }
}
