package dev.portolan.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portolan.lab.SegmentHost.Answers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host discovery on one Ethernet segment of {@value #HOSTS} hosts beside the scanner: a third answer everything, a
 * third only TCP (ICMP dropped), a third only ARP (all IP dropped); the rest of 198.51.100.0/25 is empty. Every
 * probe kind must find exactly the hosts that answer it, with nmap's reason, and ARP must read each MAC and the
 * vendor the IEEE list (ieee-data) gives its OUI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiscoveryLabTest {
    static final int HOSTS = 64;
    static final String SWEEP = "198.51.100.0/25";
    /** OUIs registered to known vendors, with the names the IEEE list gives them. */
    static final Map<String, String> OUIS = Map.of("DC:A6:32", "Raspberry Pi Trading Ltd", "00:1B:63",
            "Apple, Inc.", "00:0C:29", "VMware, Inc.", "08:00:27", "PCS Systemtechnik GmbH");
    static final List<String> OUI_ORDER = List.of("DC:A6:32", "00:1B:63", "00:0C:29", "08:00:27");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;

    private Lab lab;
    private LabScans scans;
    private final List<SegmentHost> hosts = new ArrayList<>();

    @BeforeAll
    void startLab() {
        String why = Lab.unavailableReason().orElse("");
        assumeTrue(why.isEmpty(), "lab tests skipped: " + why);
        Answers[] kinds = Answers.values();
        for (int i = 0; i < HOSTS; i++) {
            int number = i + 2;
            String mac = OUI_ORDER.get(i % OUI_ORDER.size()) + String.format(Locale.ROOT, ":00:%02X:%02X", i / 256,
                    number % 256);
            hosts.add(new SegmentHost("h" + number, number, mac, kinds[i % kinds.length]));
        }
        long start = System.nanoTime();
        lab = Lab.segment(hosts);
        System.out.printf(Locale.ROOT, "segment lab of %d hosts built in %.1f s%n", HOSTS,
                (System.nanoTime() - start) / 1e9);
        scans = new LabScans(lab, dir);
    }

    @AfterAll
    void closeLab() {
        LabFixture.close(lab);
    }

    /**
     * Address → expected "status reason" of the hosts the reports list (the up ones, as nmap without -v): the
     * scanner's own address is up without a probe.
     */
    private Map<String, String> expected(java.util.function.Function<SegmentHost, String> verdict) {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < 128; i++) {
            m.put("198.51.100." + i, "down no-response");
        }
        m.put("198.51.100.1", "up localhost-response");
        for (SegmentHost h : hosts) {
            m.put(h.ipv4(), verdict.apply(h));
        }
        m.values().removeIf(v -> v.startsWith("down"));
        return m;
    }

    private static Map<String, String> statuses(Path json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        Map<String, String> m = new TreeMap<>();
        for (JsonNode h : root.get("hosts")) {
            m.put(h.get("address").asText(), h.get("status").asText() + " " + h.get("reason").asText());
        }
        return m;
    }

    private static Map<String, JsonNode> hostsOf(Path json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        Map<String, JsonNode> m = new TreeMap<>();
        for (JsonNode h : root.get("hosts")) {
            m.put(h.get("address").asText(), h);
        }
        return m;
    }

    @Test
    void arpFindsEveryHostWithItsMacAndVendor() throws IOException {
        LabScans.PortolanRun run = scans.portolan("arp", "-sn", "-n", SWEEP);

        assertThat(statuses(run.json())).as(run.describe())
                .isEqualTo(expected(h -> "up arp-response"));
        Map<String, JsonNode> found = hostsOf(run.json());
        for (SegmentHost h : hosts) {
            JsonNode n = found.get(h.ipv4());
            assertThat(n.get("mac").asText()).as(h.name()).isEqualTo(h.mac());
            assertThat(n.get("vendor").asText()).as(h.name()).isEqualTo(OUIS.get(h.mac().substring(0, 8)));
            assertThat(n.get("probe").asText()).isEqualTo("PR");
        }
        String xml = Files.readString(run.xml());
        SegmentHost first = hosts.getFirst();
        assertThat(xml).contains("<address addr=\"" + first.mac() + "\" addrtype=\"mac\" vendor=\""
                + OUIS.get(first.mac().substring(0, 8)) + "\"/>");
        assertThat(run.result().stdout()).contains("MAC Address: " + first.mac() + " (Raspberry Pi Trading Ltd)");
    }

    @Test
    void vendorNamesComeFromTheInstalledIeeeList() throws IOException {
        Path csv = Path.of("/usr/share/ieee-data/oui.csv");
        assumeTrue(Files.isReadable(csv), "ieee-data is not installed");
        List<String> lines = Files.readAllLines(csv);
        for (Map.Entry<String, String> e : OUIS.entrySet()) {
            String hex = e.getKey().replace(":", "");
            assertThat(lines).as(e.getKey()).anyMatch(l -> l.startsWith("MA-L," + hex + ",")
                    && l.contains(e.getValue()));
        }
    }

    @Test
    void icmpEchoFindsOnlyTheHostsThatAnswerIcmp() throws IOException {
        LabScans.PortolanRun run = scans.portolan("pe", "-sn", "-n", "-PE", "--disable-arp-ping", SWEEP);

        assertThat(statuses(run.json())).as(run.describe()).isEqualTo(expected(h ->
                h.answers() == Answers.EVERYTHING ? "up echo-reply" : "down no-response"));
        Map<String, JsonNode> found = hostsOf(run.json());
        for (SegmentHost h : hosts) {
            if (h.answers() == Answers.EVERYTHING) {
                assertThat(found.get(h.ipv4()).get("reason_ttl").asInt()).as(h.name()).isEqualTo(64);
            }
        }
    }

    @Test
    void timestampAndMaskProbes() throws IOException {
        LabScans.PortolanRun run = scans.portolan("pp", "-sn", "-n", "-PP", "--disable-arp-ping", SWEEP);
        assertThat(statuses(run.json())).as(run.describe()).isEqualTo(expected(h ->
                h.answers() == Answers.EVERYTHING ? "up timestamp-reply" : "down no-response"));
        // Linux does not answer address mask requests: nobody is up
        LabScans.PortolanRun mask = scans.portolan("pm", "-sn", "-n", "-PM", "--disable-arp-ping", "--max-retries",
                "0", SWEEP);
        assertThat(statuses(mask.json())).as(mask.describe()).isEqualTo(expected(h -> "down no-response"));
        assertThat(mask.result().stdout()).contains("(1 host up)");
    }

    @Test
    void tcpProbesFindTheHostsThatDropIcmp() throws IOException {
        LabScans.PortolanRun syn = scans.portolan("ps", "-sn", "-n", "-PS22", "--disable-arp-ping", SWEEP);
        assertThat(statuses(syn.json())).as(syn.describe()).isEqualTo(expected(h ->
                h.answers() == Answers.ARP_ONLY ? "down no-response" : "up reset"));
        LabScans.PortolanRun ack = scans.portolan("pa", "-sn", "-n", "-PA", "--disable-arp-ping", SWEEP);
        assertThat(statuses(ack.json())).as(ack.describe()).isEqualTo(expected(h ->
                h.answers() == Answers.ARP_ONLY ? "down no-response" : "up reset"));
    }

    @Test
    void udpProbeIsAnsweredByPortUnreachable() throws IOException {
        LabScans.PortolanRun run = scans.portolan("pu", "-sn", "-n", "-PU", "--disable-arp-ping", SWEEP);
        assertThat(statuses(run.json())).as(run.describe()).isEqualTo(expected(h ->
                h.answers() == Answers.ARP_ONLY ? "down no-response" : "up port-unreach"));
    }

    @Test
    void nmapsDefaultProbesWithoutArp() throws IOException {
        LabScans.PortolanRun run = scans.portolan("ipdefault", "-sn", "-n", "--disable-arp-ping", SWEEP);
        Map<String, String> got = statuses(run.json());
        for (SegmentHost h : hosts) {
            String s = got.get(h.ipv4());
            switch (h.answers()) {
                case EVERYTHING -> assertThat(s).as(h.name()).isIn("up echo-reply", "up timestamp-reply", "up reset");
                case TCP_ONLY -> assertThat(s).as(h.name()).isEqualTo("up reset");
                case ARP_ONLY -> assertThat(s).as(h.name() + " is down, so not listed").isNull();
            }
        }
        assertThat(got.values().stream().filter(s -> s.startsWith("up")).count())
                .isEqualTo(1 + hosts.stream().filter(h -> h.answers() != Answers.ARP_ONLY).count());
    }

    @Test
    void pingScanMatchesNmapInNdiff() throws IOException {
        Path nmap = scans.nmap("nmap-sn", "-sn", "-n", SWEEP);
        LabScans.PortolanRun run = scans.portolan("portolan-sn", "-sn", "-n", SWEEP);

        Shell.Result diff = Shell.run(Duration.ofMinutes(1), null, List.of("ndiff", nmap.toString(),
                run.xml().toString()));
        List<String> hostLines = diff.stdout().lines()
                .filter(l -> !l.startsWith("-Nmap") && !l.startsWith("+Nmap") && !l.isBlank())
                .collect(Collectors.toList());
        assertThat(hostLines).as(diff.stdout() + diff.stderr()).isEmpty();
    }

    private Shell.Result discover(String... args) {
        List<String> full = new ArrayList<>(List.of("discover"));
        full.addAll(List.of(args));
        Shell.Result r = PortolanLauncher.currentJvm().runInScanner(lab, LabScans.TIMEOUT, full);
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        return r;
    }

    private List<String> liveAddresses() {
        List<String> live = new ArrayList<>(List.of("198.51.100.1"));
        hosts.forEach(h -> live.add(h.ipv4()));
        return live;
    }

    @Test
    void discoverListsEveryLiveHostWithItsInventory() {
        Shell.Result r = discover("-n", SWEEP);

        List<String> lines = r.stdout().lines().toList();
        assertThat(lines).as(r.stdout()).hasSize(HOSTS + 2);
        for (SegmentHost h : hosts) {
            String vendor = OUIS.get(h.mac().substring(0, 8));
            assertThat(lines).as(h.name()).anySatisfy(l -> assertThat(l)
                    .startsWith(String.format(Locale.ROOT, "%-15s  -", h.ipv4()))
                    .contains(h.mac()).contains(vendor).endsWith("arp-response (PR)"));
        }
        assertThat(lines.getLast()).startsWith("128 addresses: " + (HOSTS + 1) + " alive, " + (127 - HOSTS)
                + " unreachable, in ");
    }

    @Test
    void discoverAliveAndUnreachableLists() {
        Shell.Result alive = discover("-n", "--alive", SWEEP);
        assertThat(alive.stdout().lines().toList()).containsExactlyInAnyOrderElementsOf(liveAddresses());
        assertThat(alive.stderr()).contains("128 addresses: " + (HOSTS + 1) + " alive");

        Shell.Result dead = discover("-n", "--unreachable", SWEEP);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            expected.add("198.51.100." + i);
        }
        expected.removeAll(liveAddresses());
        assertThat(dead.stdout().lines().toList()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void discoverCountGivesRoundTripsAndLoss() {
        Shell.Result r = discover("-n", "-c", "3", "-PE", "--disable-arp-ping", SWEEP);
        for (SegmentHost h : hosts) {
            if (h.answers() == Answers.EVERYTHING) {
                assertThat(r.stdout().lines()).as(h.name()).anySatisfy(l -> assertThat(l)
                        .startsWith(h.ipv4() + " ").contains("ttl 64").contains("echo-reply (PE)")
                        .contains("xmt/rcv/%loss = 3/3/0%, min/avg/max = "));
            } else {
                assertThat(r.stdout()).doesNotContain(h.ipv4() + " ");
            }
        }
    }

    /** 30 % of the probes dropped on the way in: resends spread over the passes must still find every host. */
    @Test
    void lossyPathLosesNoLiveHost() throws IOException {
        List<String> lossy = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            if (hosts.get(i).answers() == Answers.EVERYTHING) {
                lossy.add(lab.namespaces().get(i + 1));
            }
        }
        List<String> rule = List.of("INPUT", "-p", "icmp", "-m", "statistic", "--mode", "random", "--probability",
                "0.3", "-j", "DROP");
        try {
            for (String ns : lossy) {
                List<String> add = new ArrayList<>(List.of("ip", "netns", "exec", ns, "iptables", "-A"));
                add.addAll(rule);
                Shell.run(Duration.ofSeconds(10), null, add).orThrow();
            }
            LabScans.PortolanRun run = scans.portolan("lossy", "-sn", "-n", "-PE", "--disable-arp-ping",
                    "--max-retries", "8", SWEEP);
            assertThat(statuses(run.json())).as(run.describe()).isEqualTo(expected(h ->
                    h.answers() == Answers.EVERYTHING ? "up echo-reply" : "down no-response"));
        } finally {
            for (String ns : lossy) {
                List<String> delete = new ArrayList<>(List.of("ip", "netns", "exec", ns, "iptables", "-D"));
                delete.addAll(rule);
                Shell.run(Duration.ofSeconds(10), null, delete);
            }
        }
    }

    /** Without raw rights: one line says so, and TCP connect to 80 and 443 finds the hosts whose kernel answers. */
    @Test
    void withoutRawRightsDiscoverSaysSoAndConnects() {
        Shell.Result r = discover("-n", "--unprivileged", "--alive", SWEEP);
        assertThat(r.stderr().lines().filter(l -> l.contains("raw sockets")).toList()).as(r.stderr())
                .containsExactly("Warning: discovery probes need raw sockets (root or CAP_NET_RAW): finding hosts "
                        + "with TCP connect to ports 80 and 443 instead");
        List<String> expected = new ArrayList<>(List.of("198.51.100.1"));
        hosts.stream().filter(h -> h.answers() != Answers.ARP_ONLY).forEach(h -> expected.add(h.ipv4()));
        assertThat(r.stdout().lines().toList()).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** IPv6 on the same segment: neighbour solicitations find every host with its MAC; echo only some. */
    @Test
    void ipv6NeighbourDiscoveryAndEcho() throws IOException {
        LabScans.PortolanRun nd = scans.portolan("nd", "-sn", "-n", "2001:db8::/121");
        Map<String, String> expected = new TreeMap<>(Map.of("2001:db8::1", "up localhost-response"));
        hosts.forEach(h -> expected.put(h.ipv6(), "up nd-response"));
        assertThat(statuses(nd.json())).as(nd.describe()).isEqualTo(expected);
        Map<String, JsonNode> found = hostsOf(nd.json());
        for (SegmentHost h : hosts) {
            assertThat(found.get(h.ipv6()).get("mac").asText()).as(h.name()).isEqualTo(h.mac());
        }

        LabScans.PortolanRun echo = scans.portolan("echo6", "-sn", "-n", "-PE", "--disable-arp-ping",
                "2001:db8::/121");
        Map<String, String> echoed = new TreeMap<>(Map.of("2001:db8::1", "up localhost-response"));
        hosts.stream().filter(h -> h.answers() == Answers.EVERYTHING).forEach(h -> echoed.put(h.ipv6(),
                "up echo-reply"));
        assertThat(statuses(echo.json())).as(echo.describe()).isEqualTo(echoed);
        Map<String, JsonNode> echoes = hostsOf(echo.json());
        hosts.stream().filter(h -> h.answers() == Answers.EVERYTHING).forEach(h ->
                assertThat(echoes.get(h.ipv6()).get("reason_ttl").asInt()).as(h.name() + " hop limit").isEqualTo(64));
    }

    /** Without raw rights but with ping sockets allowed: ICMP echo over them, said in one line. */
    @Test
    void pingSocketsWhenTheGroupRangeAllowsThem() {
        String sysctl = "net.ipv4.ping_group_range";
        Shell.run(Duration.ofSeconds(10), null, lab.inScanner("sysctl", "-qw", sysctl + "=0 2147483647")).orThrow();
        try {
            Shell.Result r = discover("-n", "--unprivileged", "--alive", SWEEP);
            assertThat(r.stderr().lines().filter(l -> l.contains("raw sockets")).toList()).as(r.stderr())
                    .containsExactly("Warning: raw sockets need root or CAP_NET_RAW: finding hosts with "
                            + "unprivileged ICMP echo (ping sockets) instead");
            List<String> expected = new ArrayList<>(List.of("198.51.100.1"));
            hosts.stream().filter(h -> h.answers() == Answers.EVERYTHING).forEach(h -> expected.add(h.ipv4()));
            assertThat(r.stdout().lines().toList()).containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            Shell.run(Duration.ofSeconds(10), null, lab.inScanner("sysctl", "-qw", sysctl + "=1 0"));
        }
    }
}
