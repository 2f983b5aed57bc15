package dev.portolan.lab.bench;

import dev.portolan.lab.Lab;
import dev.portolan.lab.LabTarget;
import dev.portolan.lab.NmapXml;
import dev.portolan.lab.NmapXmlException;
import dev.portolan.result.PortState;
import dev.portolan.target.Protocol;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The UDP benchmark on one path: {@code nmap -sU -T4}, then Portolan {@code -sU}, Portolan from several source
 * addresses and Portolan with {@code --defeat-icmp-ratelimit}, on the same lab host in the same run, each graded
 * from its nmap XML against the declared UDP truth.
 */
final class UdpBench {
    private final BenchOptions options;
    private final PrintStream log;

    UdpBench(BenchOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    UdpResult run(UdpScenario scenario, double loss, String path) {
        String tag = scenario.name() + "-" + (loss == 0 ? "clean" : "loss");
        log.printf("%s / %s: building the lab%n", scenario.name(), path);
        try (Lab lab = Lab.start(scenario.hosts().stream().map(h -> h.withLoss(loss)).toList())) {
            Lab.ScannerSources sources = lab.addSharedScannerSources(scenario.sources());
            List<String> common = List.of("-sU", "-Pn", "-n", "-p", scenario.ports().toString());
            List<UdpRun> runs = new ArrayList<>();
            List<String> nmap = new ArrayList<>(List.of("nmap", "-T4"));
            if (lab.targets().size() == 1) {
                // one target: its link, as the other scenarios give nmap
                nmap.addAll(List.of("-e", lab.target().scannerInterface()));
            }
            nmap.addAll(common);
            runs.add(graded(scenario, path, lab, "nmap -sU -T4", nmap, tag + "-nmap"));
            if (options.standIn()) {
                log.printf("%s / %s: Portolan's rows left out: -S lists and --defeat-icmp-ratelimit are Portolan's%n",
                        scenario.name(), path);
                return new UdpResult(scenario.name(), path, runs);
            }
            runs.add(portolan(scenario, path, lab, "Portolan -sU", common, List.of(), tag + "-portolan"));
            runs.add(portolan(scenario, path, lab, "Portolan -sU -S (" + scenario.sources() + " sources)", common,
                    List.of("-S", String.join(",", sources.ipv4())), tag + "-portolan-sources"));
            runs.add(portolan(scenario, path, lab, "Portolan -sU --defeat-icmp-ratelimit", common,
                    List.of("--defeat-icmp-ratelimit"), tag + "-portolan-defeat"));
            return new UdpResult(scenario.name(), path, runs);
        }
    }

    private UdpRun portolan(UdpScenario scenario, String path, Lab lab, String tool, List<String> common,
                            List<String> extra, String name) {
        List<String> command = new ArrayList<>(options.portolan());
        command.add("scan");
        command.addAll(common);
        command.addAll(extra);
        return graded(scenario, path, lab, tool, command, name);
    }

    private UdpRun graded(UdpScenario scenario, String path, Lab lab, String tool, List<String> command,
                          String name) {
        Path xml = options.out().resolve(name + ".xml");
        List<String> full = new ArrayList<>(command);
        lab.targets().forEach(t -> full.add(t.ipv4()));
        full.addAll(List.of("-oX", xml.toString()));
        log.printf("%s / %s: %s: %s%n", scenario.name(), path, tool, String.join(" ", full));
        Execution ex = ToolRunner.execute(lab, full, ToolRunner.base(xml), options.timeout(), List.of(), Map.of());
        int total = scenario.pairs();
        int openTruth = 0;
        for (LabTarget target : lab.targets()) {
            openTruth += (int) scenario.ports().stream()
                    .filter(p -> target.spec().udp().stateOf(p) == PortState.OPEN).count();
        }
        UdpRun run;
        if (!ex.finished()) {
            run = UdpRun.failed(tool, ex.outcome(), ex.wall(), openTruth, total, ex.detail());
        } else if (ex.exitCode() != 0) {
            run = UdpRun.failed(tool, ToolRun.Outcome.FAILED, Duration.ZERO, openTruth, total,
                    "exit " + ex.exitCode() + ex.firstErrorLine());
        } else {
            try {
                Map<String, SortedMap<Integer, PortState>> found = NmapXml.read(xml, Protocol.UDP);
                int[] right = {0};
                int[] open = {0};
                for (LabTarget target : lab.targets()) {
                    Map<Integer, PortState> states = found.getOrDefault(target.ipv4(), Collections.emptySortedMap());
                    scenario.ports().stream().forEach(p -> {
                        PortState truth = target.spec().udp().stateOf(p);
                        if (states.get(p) == truth) {
                            right[0]++;
                            if (truth == PortState.OPEN) {
                                open[0]++;
                            }
                        }
                    });
                }
                run = new UdpRun(tool, ToolRun.Outcome.FINISHED, ex.wall(), right[0], open[0], openTruth, total, "");
            } catch (NmapXmlException e) {
                run = UdpRun.failed(tool, ToolRun.Outcome.FAILED, Duration.ZERO, openTruth, total,
                        "unreadable report: " + e.getMessage());
            }
        }
        log.printf("%s / %s: %s: %s%n", scenario.name(), path, tool, run.finished()
                ? MarkdownReport.seconds(run.wall()) + ", states right " + run.right() + "/" + run.total()
                + ", open " + run.openFound() + "/" + run.openTruth() : run.outcome() + " " + run.detail());
        return run;
    }
}
