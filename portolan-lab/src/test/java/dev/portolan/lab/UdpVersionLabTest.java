package dev.portolan.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portolan.lab.LabScans.PortolanRun;
import dev.portolan.lab.services.Daemons;
import dev.portolan.lab.services.NmapServices;
import dev.portolan.lab.services.ObservedService;
import dev.portolan.lab.services.ServiceTruth;
import dev.portolan.target.Protocol;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code portolan scan -sU -sV} against the real UDP daemons of a lab namespace (dnsmasq, snmpd, chronyd) and a
 * port iptables drops: DNS is named with dnsmasq's installed version, SNMP as net-snmp, NTP as ntp, every one of them
 * open (udp-response), and the dropped port stays open|filtered with no version. nmap {@code -sU -sV} on the
 * daemons' ports, run beside it, names each service the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UdpVersionLabTest {
    static final int DROPPED = 20;
    static final LabHost HOST = LabHost.builder("udpsv").daemon(Daemons.DNSMASQ).daemon(Daemons.SNMPD)
            .daemon(Daemons.CHRONY).dropUdp(Integer.toString(DROPPED)).build();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;

    private Lab lab;
    private LabScans scans;
    private LabTarget target;
    private Map<Integer, ServiceTruth> truth;
    private String daemonPorts;

    @BeforeAll
    void startLab() {
        lab = LabFixture.startOrSkip(HOST);
        scans = new LabScans(lab, dir);
        target = lab.target();
        truth = lab.services(target).stream().filter(t -> t.protocol() == Protocol.UDP)
                .collect(Collectors.toMap(ServiceTruth::port, Function.identity()));
        daemonPorts = truth.keySet().stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
    }

    @AfterAll
    void closeLab() {
        LabFixture.close(lab);
    }

    private static Map<Integer, ObservedService> udp(Path xml) {
        return NmapServices.read(xml).stream().filter(o -> o.protocol() == Protocol.UDP)
                .collect(Collectors.toMap(ObservedService::port, Function.identity()));
    }

    @Test
    void dnsSnmpAndNtpAreNamedAndTheDroppedPortStaysOpenFiltered() {
        assertThat(truth.keySet()).containsExactlyInAnyOrder(53, 123, 161);
        Instant start = Instant.now();
        PortolanRun run = scans.portolan("udp-sv", "-sU", "-sV", "-Pn", "-n", "--reason", "-p",
                daemonPorts + "," + DROPPED, target.ipv4());
        Duration wall = Duration.between(start, Instant.now());
        System.out.println("portolan -sU -sV -p " + daemonPorts + "," + DROPPED + ": " + wall.toMillis() + " ms\n"
                + run.result().stdout());
        Map<Integer, ObservedService> seen = udp(run.xml());

        ObservedService dns = seen.get(53);
        assertThat(dns).as(run.describe()).isNotNull();
        assertThat(dns.state()).isEqualTo("open");
        assertThat(dns.name()).isEqualTo("domain");
        assertThat(dns.product()).isEqualTo("dnsmasq");
        assertThat(dns.version()).isEqualTo(truth.get(53).version());
        assertThat(dns.method()).isEqualTo("probed");

        ObservedService snmp = seen.get(161);
        assertThat(snmp.state()).as(run.describe()).isEqualTo("open");
        assertThat(snmp.name()).isEqualTo("snmp");
        assertThat(snmp.product().toLowerCase(Locale.ROOT)).contains("net-snmp");

        ObservedService ntp = seen.get(123);
        assertThat(ntp.state()).as(run.describe()).isEqualTo("open");
        assertThat(ntp.name()).isEqualTo("ntp");
        assertThat(ntp.method()).isEqualTo("probed");

        ObservedService dropped = seen.get(DROPPED);
        assertThat(dropped.state()).as(run.describe()).isEqualTo("open|filtered");
        assertThat(dropped.product()).isEmpty();
        assertThat(dropped.method()).isNotEqualTo("probed");

        PortolanJson.Host host = PortolanJson.read(run.json(), "udp").host(target.ipv4());
        assertThat(host.ports().get(53).reason()).isEqualTo("udp-response");
        assertThat(host.ports().get(DROPPED).reason()).isEqualTo("no-response");
        assertThat(run.result().stdout()).contains("domain", "dnsmasq " + truth.get(53).version(), "161/udp",
                "net-snmp");
        // the silent port costs a few waves of waits, not nmap's 5 s for each of its twenty-odd probes
        assertThat(wall).as(run.describe()).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void overIpv6Too() {
        PortolanRun run = scans.portolan("udp-sv-v6", "-sU", "-sV", "-Pn", "-n", "-p", "53,161", target.ipv6());
        Map<Integer, ObservedService> seen = udp(run.xml());
        assertThat(seen.get(53).product()).as(run.describe()).isEqualTo("dnsmasq");
        assertThat(seen.get(161).name()).as(run.describe()).isEqualTo("snmp");
    }

    @Test
    void besideASynScanBothProtocolsOfDnsmasqAreNamed() {
        PortolanRun run = scans.portolan("tcp-udp-sv", "-sS", "-sU", "-sV", "-Pn", "-n", "-p", "T:53,U:53",
                target.ipv4());
        List<ObservedService> seen = NmapServices.read(run.xml());
        assertThat(seen).as(run.describe()).hasSize(2);
        assertThat(seen).allSatisfy(o -> {
            assertThat(o.state()).isEqualTo("open");
            assertThat(o.product()).isEqualTo("dnsmasq");
            assertThat(o.version()).isEqualTo(truth.get(53).version());
        });
    }

    @Test
    void nmapNamesEachServiceAsPortolanDoes() {
        Instant t0 = Instant.now();
        Path nmap = scans.nmap("nmap-udp-sv", "-sU", "-sV", "-Pn", "-n", "-p", daemonPorts, target.ipv4());
        Duration nmapWall = Duration.between(t0, Instant.now());
        Instant t1 = Instant.now();
        PortolanRun run = scans.portolan("udp-sv-beside-nmap", "-sU", "-sV", "-Pn", "-n", "-p", daemonPorts,
                target.ipv4());
        Duration portolanWall = Duration.between(t1, Instant.now());
        Map<Integer, ObservedService> theirs = udp(nmap);
        Map<Integer, ObservedService> ours = udp(run.xml());
        System.out.println("-sU -sV -p " + daemonPorts + ": nmap " + nmapWall.toMillis() + " ms, portolan "
                + portolanWall.toMillis() + " ms");
        for (int port : truth.keySet()) {
            ObservedService n = theirs.get(port);
            ObservedService p = ours.get(port);
            System.out.println(port + "/udp nmap: " + n + "\n" + port + "/udp portolan: " + p);
            assertThat(p.state()).as(port + "/udp").isEqualTo(n.state());
            assertThat(p.name()).as(port + "/udp").isEqualTo(n.name());
        }
        assertThat(ours.get(53).product()).isEqualTo(theirs.get(53).product());
        assertThat(ours.get(53).version()).isEqualTo(theirs.get(53).version());
    }
}
