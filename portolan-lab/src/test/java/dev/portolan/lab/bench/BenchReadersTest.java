package dev.portolan.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portolan.lab.Ipv4Prefix;
import dev.portolan.result.PortState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness's readers of what the tools leave behind: masscan's list and status, Portolan's summary, GC logs. */
class BenchReadersTest {
    @TempDir
    Path dir;

    @Test
    void masscanListGivesOpenPortsPerAddress() throws Exception {
        Path list = dir.resolve("m.list");
        Files.writeString(list, """
                #masscan
                open tcp 80 198.18.0.7 1795364182
                open tcp 22 198.51.100.2 1795364182
                open tcp 443 198.51.100.2 1795364183
                open udp 53 198.51.100.2 1795364183
                # end
                """);
        assertThat(Masscan.readList(list)).containsOnly(Map.entry("198.18.0.7", Set.of(80)),
                Map.entry("198.51.100.2", Set.of(22, 443)));
    }

    @Test
    void masscanStatusGivesTheMedianOfItsNonZeroRates() {
        String status = "rate: 10.39-kpps,  0.54% done\rrate: 51.78-kpps, 16.60% done\rrate: 51.49-kpps, 34.45% done"
                + "\rrate: 51.87-kpps, 87.20% done\rrate:  0.00-kpps, 100.00% done, waiting 3-secs";
        assertThat(Masscan.sustainedRate(status).getAsDouble()).isCloseTo(51_635, org.assertj.core.data.Offset.offset(1.0));
        assertThat(Masscan.sustainedRate("rate:  0.00-kpps")).isEmpty();
        assertThat(Masscan.sustainedRate("")).isEmpty();
    }

    @Test
    void masscanCommandAndStopTimes() {
        assertThat(Masscan.portCount("0-65535")).isEqualTo(65_536);
        assertThat(Masscan.portCount("22,80-89")).isEqualTo(11);
        assertThat(Masscan.command("198.18.0.0/15", "80", 52_000, "lab0", "02:00:00:00:00:01", "198.51.100.1",
                Path.of("/tmp/m.list"))).containsExactly("masscan", "198.18.0.0/15", "-p", "80", "--rate", "52000",
                "--interface", "lab0", "--router-mac", "02:00:00:00:00:01", "--adapter-ip", "198.51.100.1",
                "--wait", "3", "-oL", "/tmp/m.list");
        // 131072 probes at 52000/s: 2.52 s of sending, then the 3 s wait and 2 s of slack, then 3 s later
        assertThat(Masscan.interrupts(131_072, 52_000)).containsExactly(Duration.ofMillis(7_520),
                Duration.ofMillis(10_520));
    }

    @Test
    void portolanSummaryIsReadFromTheEndOfItsJson() throws Exception {
        Path json = dir.resolve("p.json");
        Files.writeString(json, """
                {"scanner":"portolan","hosts":[{"address":"198.18.0.1","ports":[{"port":80}]}],
                 "summary":{"end":"2026-11-22T16:12:45Z","elapsed_ms":2500,"hosts_up":131072,"error":null,
                 "probes_sent":131072,"probes_retried":12,"probes_unanswered":0}}
                """);
        PortolanSummary s = PortolanSummary.read(json).orElseThrow();
        assertThat(s).isEqualTo(new PortolanSummary(131_072, 12, 0, 2500));
        assertThat(s.rate()).isEqualTo(52_428.8);
        Files.writeString(json, "{\"scanner\":\"portolan\",\"hosts\":[");
        assertThat(PortolanSummary.read(json)).isEmpty();
        assertThat(PortolanSummary.read(dir.resolve("missing.json"))).isEmpty();
    }

    @Test
    void portolanJsonHostsGivesTheListedTcpPortsOfEveryHost() throws Exception {
        Path json = dir.resolve("h.json");
        Files.writeString(json, """
                {"scanner":"portolan","scaninfo":[{"type":"syn","protocol":"tcp"}],
                 "hosts":[
                  {"address":"198.18.0.1","names":[],"times":{"srtt_us":1},"ports":[
                    {"protocol":"tcp","port":80,"state":"open","reason":"syn-ack","service":"http"}],
                   "extraports":[{"state":"closed","count":9,"reasons":[]}]},
                  {"address":"198.18.0.2","ports":[{"protocol":"udp","port":80,"state":"open"},
                    {"protocol":"tcp","port":80,"state":"filtered"}],"extraports":[]}],
                 "summary":{"elapsed_ms":10,"probes_sent":2}}
                """);
        assertThat(PortolanJsonHosts.read(json)).containsOnly(
                Map.entry("198.18.0.1", Map.of(80, PortState.OPEN)),
                Map.entry("198.18.0.2", Map.of(80, PortState.FILTERED)));
        Files.writeString(json, "[1, 2]");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PortolanJsonHosts.read(json))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("not a Portolan JSON report");
    }

    @Test
    void gcLogGivesTheLargestHeapLeftAfterACollection() throws Exception {
        String log = """
                [0.763s][info][gc] GC(0) Pause Young (Allocation Failure) 102M->11M(365M) 20.980ms
                [1.655s][info][gc] GC(3) Pause Full (Allocation Failure) 14M->15M(15M) 11.905ms
                [1.942s][info][gc] GC(4) Pause Young (Allocation Failure) 2048K->900K(15M) 11.076ms
                """;
        assertThat(GcLog.maxAfterCollectionKib(log)).hasValue(15 * 1024);
        assertThat(GcLog.maxAfterCollectionKib("[0.01s][info][gc] Using Serial")).isEmpty();
        assertThat(GcLog.maxAfterCollectionKib(dir.resolve("none.log"))).isEmpty();
        assertThat(GcLog.flag(Path.of("/tmp/g.log"))).isEqualTo("-Xlog:gc:file=/tmp/g.log");
    }

    @Test
    void sweepGradeCountsOpenHostsOfTheRangeAndEverythingElseAsWrong() {
        Ipv4Prefix range = Ipv4Prefix.parse("198.18.0.0/30");
        Map<String, Map<Integer, PortState>> states = new TreeMap<>();
        states.put("198.18.0.0", Map.of(80, PortState.OPEN));
        states.put("198.18.0.1", Map.of(80, PortState.OPEN));
        states.put("198.18.0.2", Map.of(80, PortState.FILTERED));
        states.put("198.18.0.4", Map.of(80, PortState.OPEN));
        states.put("198.18.0.3", Map.of());
        assertThat(SweepGrade.ofStates(states, range, 80)).isEqualTo(new SweepGrade(2, 2));
        assertThat(SweepGrade.ofOpen(Map.of("198.18.0.0", Set.of(80), "198.18.0.3", Set.of(80, 81),
                "198.19.0.0", Set.of(80), "not-an-address", Set.of(80)), range, 80)).isEqualTo(new SweepGrade(2, 3));
    }

    @Test
    void nmapElapsedComesFromItsRunstats() throws Exception {
        Path xml = dir.resolve("n.xml");
        Files.writeString(xml, "<nmaprun><runstats><finished time=\"1\" elapsed=\"14.19\" exit=\"success\"/>"
                + "</runstats></nmaprun>");
        assertThat(SweepBench.nmapElapsed(xml).getAsDouble()).isEqualTo(14.19);
        assertThat(SweepBench.nmapElapsed(dir.resolve("x.xml"))).isEmpty();
        assertThat(Bench.jsonOf(Path.of("/o/sweep-clean-portolan.xml"))).isEqualTo(Path.of("/o/sweep-clean-portolan.json"));
    }
}
