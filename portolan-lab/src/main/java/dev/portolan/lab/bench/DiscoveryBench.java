package dev.portolan.lab.bench;

import dev.portolan.lab.Ipv4Prefix;
import dev.portolan.lab.Lab;
import dev.portolan.lab.LabTarget;
import dev.portolan.lab.Shell;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ping-sweep benchmark on one path: {@code nmap -sn}, {@code portolan discover} and {@code fping -g} over the same
 * range of the same lab, one after the other; every address of the range is live, so found / truth is exact.
 */
final class DiscoveryBench {
    private static final Pattern UP = Pattern.compile("<status state=\"up\"");

    private final BenchOptions options;
    private final PrintStream log;

    DiscoveryBench(BenchOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    DiscoveryResult run(DiscoveryScenario scenario, double loss, String path) {
        String tag = scenario.name() + "-" + (loss == 0 ? "clean" : "loss");
        long truth = Ipv4Prefix.parse(scenario.range()).size();
        log.printf("%s / %s: building the lab%n", scenario.name(), path);
        try (Lab lab = Lab.start(scenario.host().withLoss(loss))) {
            LabTarget target = lab.target();
            List<DiscoveryRun> nmapRuns = new ArrayList<>();
            List<DiscoveryRun> portolanRuns = new ArrayList<>();
            // alternating runs, so that a noisy moment of the machine does not fall on one tool only
            for (int round = 1; round <= options.repeat(); round++) {
                String suffix = options.repeat() > 1 ? "-" + round : "";
                Path nmapXml = options.out().resolve(tag + "-nmap" + suffix + ".xml");
                // nmap reaches a range behind a gateway only when told the interface
                nmapRuns.add(xmlRun(scenario, path, lab, "nmap -sn", List.of("nmap", "-sn", "-n", "-e",
                        target.scannerInterface(), scenario.range(), "-oX", nmapXml.toString()), nmapXml, truth));
                Path portolanXml = options.out().resolve(tag + "-portolan" + suffix + ".xml");
                portolanRuns.add(xmlRun(scenario, path, lab, options.standIn() ? "nmap as Portolan (stand-in)"
                        : "Portolan discover", portolanCommand(scenario, portolanXml), portolanXml, truth));
            }
            List<DiscoveryRun> runs = new ArrayList<>(List.of(DiscoveryRun.combine(nmapRuns),
                    DiscoveryRun.combine(portolanRuns)));
            logMedians(scenario, path, runs);
            // fping takes a minute a sweep, at a pace of its own: once is enough beside the others
            if (Shell.onPath("fping")) {
                runs.add(fping(scenario, path, lab, options.out().resolve(tag + "-fping"), truth));
            } else {
                log.println("bench: fping not found on PATH: its row is left out (apt-get install fping)");
            }
            return new DiscoveryResult(scenario.name(), path, runs);
        }
    }

    /** {@code portolan discover} as the bench runs it, or nmap -sn as its stand-in. */
    private List<String> portolanCommand(DiscoveryScenario scenario, Path xml) {
        List<String> portolan = new ArrayList<>(options.standIn() ? List.of("nmap", "-sn") : options.portolan());
        if (!options.standIn()) {
            // nmap -sn asks no NetBIOS names: neither does Portolan here, so both do the same work
            portolan.addAll(List.of("discover", "--no-netbios"));
        }
        portolan.addAll(List.of("-n", scenario.range(), "-oX", xml.toString()));
        return portolan;
    }

    private DiscoveryRun xmlRun(DiscoveryScenario scenario, String path, Lab lab, String tool, List<String> command,
                                Path xml, long truth) {
        log.printf("%s / %s: %s: %s%n", scenario.name(), path, tool, String.join(" ", command));
        Execution ex = ToolRunner.execute(lab, command, ToolRunner.base(xml), options.timeout(), List.of(), Map.of());
        DiscoveryRun run;
        if (!ex.finished()) {
            run = new DiscoveryRun(tool, ex.outcome(), ex.wall(), 0, truth, ex.detail());
        } else if (ex.exitCode() != 0) {
            run = new DiscoveryRun(tool, ToolRun.Outcome.FAILED, Duration.ZERO, 0, truth,
                    "exit " + ex.exitCode() + ex.firstErrorLine());
        } else {
            try {
                run = new DiscoveryRun(tool, ToolRun.Outcome.FINISHED, ex.wall(), upHosts(Files.readString(xml)),
                        truth, "");
            } catch (IOException e) {
                run = new DiscoveryRun(tool, ToolRun.Outcome.FAILED, Duration.ZERO, 0, truth,
                        "unreadable report: " + e.getMessage());
            }
        }
        logRun(scenario, path, run);
        return run;
    }

    /** fping as its users sweep: {@code -a -q -g RANGE}, at a 1 ms interval (its default 10 ms would take minutes). */
    private DiscoveryRun fping(DiscoveryScenario scenario, String path, Lab lab, Path base, long truth) {
        String tool = "fping -g -i 1";
        List<String> command = List.of("fping", "-a", "-q", "-i", "1", "-g", scenario.range());
        log.printf("%s / %s: %s: %s%n", scenario.name(), path, tool, String.join(" ", command));
        Execution ex = ToolRunner.execute(lab, command, base, options.timeout(), List.of(), Map.of());
        DiscoveryRun run;
        if (!ex.finished()) {
            run = new DiscoveryRun(tool, ex.outcome(), ex.wall(), 0, truth, ex.detail());
        } else {
            // fping exits 1 when some host is unreachable: its list of live ones is still the answer
            Path stdout = ToolRunner.sibling(base, ".stdout");
            long found;
            try {
                found = Files.readAllLines(stdout).stream().filter(l -> !l.isBlank()).count();
            } catch (IOException e) {
                found = 0;
            }
            run = new DiscoveryRun(tool, ToolRun.Outcome.FINISHED, ex.wall(), found, truth,
                    ex.exitCode() > 1 ? "exit " + ex.exitCode() + ex.firstErrorLine() : "");
        }
        logRun(scenario, path, run);
        return run;
    }

    static long upHosts(String xml) {
        Matcher m = UP.matcher(xml);
        long n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /**
     * Each tool's runs to the hundredth of a second and Portolan's ratio to three places: the table rounds to a
     * tenth, too coarse to tell 0.204 from 0.196.
     */
    private void logMedians(DiscoveryScenario scenario, String path, List<DiscoveryRun> runs) {
        for (DiscoveryRun run : runs) {
            if (run.finished()) {
                log.printf(Locale.ROOT, "%s / %s: %s: %.2f s%s%n", scenario.name(), path, run.tool(),
                        run.wall().toNanos() / 1e9, run.detail().isEmpty() ? "" : " (" + run.detail() + ")");
            }
        }
        new DiscoveryResult(scenario.name(), path, runs).ratio(runs.get(1)).ifPresent(ratio -> log.printf(
                Locale.ROOT, "%s / %s: %s: wall / nmap's %.3f%n", scenario.name(), path, runs.get(1).tool(), ratio));
    }

    private void logRun(DiscoveryScenario scenario, String path, DiscoveryRun run) {
        log.printf("%s / %s: %s: %s%n", scenario.name(), path, run.tool(), run.finished()
                ? MarkdownReport.seconds(run.wall()) + ", " + run.found() + "/" + run.truth() + " hosts"
                : run.outcome() + " " + run.detail());
    }
}
