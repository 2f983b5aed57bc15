package dev.portolan.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portolan.lab.services.Daemons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inventory's names from real lab services: reverse DNS through dnsmasq in one target namespace
 * ({@code --dns-servers}), and NetBIOS names from the lab's node status responder in another. The scanner
 * namespace has no route to the machine's own resolver, so a name can only come from the lab's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NamesLabTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;

    private Lab lab;
    private LabTarget dns;
    private LabTarget netbios;

    @BeforeAll
    void startLab() {
        String why = Lab.unavailableReason().orElse("");
        assumeTrue(why.isEmpty(), "lab tests skipped: " + why);
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/dnsmasq")), "dnsmasq is not installed");
        lab = Lab.start(LabHost.builder("dns").daemon(Daemons.DNSMASQ).build(),
                LabHost.builder("nb").daemon(Daemons.NETBIOS).build());
        dns = lab.target("dns");
        netbios = lab.target("nb");
    }

    @AfterAll
    void closeLab() {
        LabFixture.close(lab);
    }

    /** What one {@code portolan discover} run printed and wrote. */
    record Run(Shell.Result result, Path json, Path xml, Path normal, String describe) {
        Map<String, String> lines() {
            Map<String, String> m = new TreeMap<>();
            result.stdout().lines().filter(l -> l.startsWith("198.")).forEach(l -> m.put(l.split(" ")[0], l));
            return m;
        }

        Map<String, JsonNode> hosts() throws IOException {
            Map<String, JsonNode> m = new TreeMap<>();
            for (JsonNode h : new ObjectMapper().readTree(json.toFile()).get("hosts")) {
                m.put(h.get("address").asText(), h);
            }
            return m;
        }
    }

    private Run discover(String name, String... args) {
        Path json = dir.resolve(name + ".json");
        Path xml = dir.resolve(name + ".xml");
        Path normal = dir.resolve(name + ".nmap");
        List<String> full = new ArrayList<>(List.of("discover"));
        full.addAll(List.of(args));
        full.addAll(List.of("-oJ", json.toString(), "-oX", xml.toString(), "-oN", normal.toString(),
                dns.ipv4(), netbios.ipv4()));
        Shell.Result r = PortolanLauncher.currentJvm().runInScanner(lab, Duration.ofMinutes(2), full);
        String describe = "portolan " + Shell.render(full) + "\nexit " + r.exitCode() + "\nstdout:\n" + r.stdout()
                + "\nstderr:\n" + r.stderr();
        assertThat(r.exitCode()).as(describe).isZero();
        return new Run(r, json, xml, normal, describe);
    }

    @Test
    void dnsServersAskTheLabsDnsmasqForReverseNames() throws IOException {
        Run run = discover("dns", "--dns-servers", dns.ipv4());
        System.out.print(run.result().stdout());

        assertThat(run.lines()).as(run.describe()).containsOnlyKeys(dns.ipv4(), netbios.ipv4());
        assertThat(run.lines().get(dns.ipv4())).as(run.describe()).contains(Daemons.dnsmasqPtr(dns.ipv4()));
        assertThat(run.lines().get(netbios.ipv4())).as(run.describe()).contains(Daemons.dnsmasqPtr(netbios.ipv4()));
        JsonNode names = run.hosts().get(netbios.ipv4()).get("names");
        assertThat(names).hasSize(1);
        assertThat(names.get(0).get("name").asText()).isEqualTo("t1.lab.example");
        assertThat(names.get(0).get("type").asText()).isEqualTo("PTR");
        // NetBIOS is on by default in discover, beside the DNS name
        assertThat(run.lines().get(netbios.ipv4())).endsWith("netbios LABGROUP\\LABHOST-NB");
        assertThat(Files.readString(run.xml())).contains("<hostname name=\"t0.lab.example\" type=\"PTR\"/>");
    }

    @Test
    void withoutDnsServersTheSystemResolverFindsNoLabName() throws IOException {
        // the control: the names above came from --dns-servers, not from some other resolver
        Run run = discover("system-dns", "--no-netbios");

        assertThat(run.result().stdout()).as(run.describe()).doesNotContain("lab.example");
        assertThat(run.hosts().get(dns.ipv4()).get("names")).isEmpty();
    }

    @Test
    void aBadServerAddressIsOneLine() {
        Shell.Result r = PortolanLauncher.currentJvm().runInScanner(lab, Duration.ofMinutes(1),
                List.of("discover", "--dns-servers", dns.ipv4() + ",dns.lab.example", dns.ipv4()));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr().strip()).isEqualTo("portolan: --dns-servers " + dns.ipv4()
                + ",dns.lab.example: 'dns.lab.example' is not an IP address (give name servers by address)");
    }

    @Test
    void netbiosNamesOfTheHostThatAnswersInEveryFormat() throws IOException, InterruptedException {
        Run run = discover("netbios", "-n");

        String line = run.lines().get(netbios.ipv4());
        assertThat(line).as(run.describe())
                .endsWith("netbios " + Daemons.NETBIOS_WORKGROUP + "\\" + Daemons.NETBIOS_NAME);
        assertThat(run.lines().get(dns.ipv4())).as(run.describe()).doesNotContain("netbios");

        JsonNode nb = run.hosts().get(netbios.ipv4()).get("netbios");
        assertThat(nb.get("name").asText()).isEqualTo(Daemons.NETBIOS_NAME);
        assertThat(nb.get("workgroup").asText()).isEqualTo(Daemons.NETBIOS_WORKGROUP);
        assertThat(nb.get("user").asText()).isEqualTo(Daemons.NETBIOS_USER);
        assertThat(nb.get("mac").asText()).isEqualTo(Daemons.NETBIOS_UNIT_ID);
        assertThat(nb.get("names")).hasSize(5);
        assertThat(run.hosts().get(dns.ipv4()).get("netbios").isNull()).isTrue();

        String summary = "NetBIOS name: " + Daemons.NETBIOS_NAME + ", NetBIOS user: " + Daemons.NETBIOS_USER
                + ", NetBIOS MAC: " + Daemons.NETBIOS_UNIT_ID + ", workgroup: " + Daemons.NETBIOS_WORKGROUP;
        assertThat(Files.readString(run.normal())).contains("|_nbstat: " + summary);
        String xml = Files.readString(run.xml());
        assertThat(xml).contains("<script id=\"nbstat\" output=\"" + summary + "\">");
        Path dtd = Path.of("/usr/share/nmap/nmap.dtd");
        if (Files.isReadable(dtd) && Shell.onPath("xmllint")) {
            Shell.Result valid = Shell.run(Duration.ofMinutes(1), null,
                    List.of("xmllint", "--noout", "--dtdvalid", dtd.toString(), run.xml().toString()));
            assertThat(valid.exitCode()).as(valid.stderr()).isZero();
        }
    }

    @Test
    void scanAsksOnlyWithNetbiosAsNmapRunsNbstatOnlyWhenTold() throws IOException {
        LabScans scans = new LabScans(lab, dir);
        LabScans.PortolanRun plain = scans.portolan("scan-sn", "-sn", "-n", netbios.ipv4());
        LabScans.PortolanRun asked = scans.portolan("scan-sn-netbios", "-sn", "-n", "--netbios",
                "--dns-servers", dns.ipv4(), netbios.ipv4());

        JsonNode without = new ObjectMapper().readTree(plain.json().toFile()).get("hosts").get(0);
        JsonNode with = new ObjectMapper().readTree(asked.json().toFile()).get("hosts").get(0);
        assertThat(without.get("netbios").isNull()).as(plain.describe()).isTrue();
        assertThat(with.get("netbios").get("name").asText()).as(asked.describe()).isEqualTo(Daemons.NETBIOS_NAME);
        // -n wins over --dns-servers, as in nmap
        assertThat(with.get("names")).isEmpty();
        assertThat(asked.result().stdout()).contains("|_nbstat: NetBIOS name: " + Daemons.NETBIOS_NAME);
    }

    @Test
    void noNetbiosAsksNoOne() throws IOException {
        Run run = discover("no-netbios", "-n", "--no-netbios");

        assertThat(run.result().stdout()).as(run.describe()).doesNotContain("netbios");
        assertThat(run.hosts().get(netbios.ipv4()).get("netbios").isNull()).isTrue();
    }
}
