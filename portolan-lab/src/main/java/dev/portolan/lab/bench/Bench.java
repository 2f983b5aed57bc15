package dev.portolan.lab.bench;

import dev.portolan.lab.Lab;
import dev.portolan.lab.LabException;
import dev.portolan.lab.LabTarget;
import dev.portolan.lab.PortSet;
import dev.portolan.lab.Shell;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark harness: for each scenario and path, builds a lab, runs nmap, Portolan and (where the scenario has
 * it) masscan in it one after the other, grades each against the declared truth and prints Markdown tables. Run
 * it through {@code ./bench}.
 */
public final class Bench {
    private final BenchOptions options;
    private final PrintStream log;
    private Optional<String> masscan;

    Bench(BenchOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        Path home = Path.of(System.getProperty("portolan.home", ".")).toAbsolutePath().normalize();
        BenchOptions options;
        try {
            options = BenchOptions.parse(List.of(args), home, System.getProperty("portolan.cmd"));
        } catch (BenchUsageException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        try {
            BenchResults results = new Bench(options, System.err).run();
            String tables = MarkdownReport.tables(results);
            Files.writeString(options.out().resolve("results.md"), tables);
            System.out.print(tables);
            System.err.println("reports and tables in " + options.out());
        } catch (LabException | IOException | BenchUsageException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Runs every requested scenario on every requested path. */
    BenchResults run() throws IOException {
        Lab.unavailableReason().ifPresent(why -> {
            throw new LabException("cannot run the benchmarks: " + why);
        });
        if (!options.standIn() && !Shell.onPath(options.portolan().getFirst())) {
            throw new LabException("Portolan launcher not found: " + options.portolan().getFirst());
        }
        checkPortolanBuilt();
        Files.createDirectories(options.out());
        String nmap = nmapLabel();
        List<PathResult> scans = new ArrayList<>();
        List<SweepResult> sweeps = new ArrayList<>();
        List<ServiceResult> services = new ArrayList<>();
        List<DiscoveryResult> discoveries = new ArrayList<>();
        List<UdpResult> udp = new ArrayList<>();
        for (String name : options.scenarios()) {
            for (double loss : options.pathLosses()) {
                switch (Scenarios.all().get(name)) {
                    case Scenario s -> scans.add(runPath(s, loss, nmap));
                    case SweepScenario s -> sweeps.add(new SweepBench(options, log, masscan(), nmap)
                            .run(s, loss, pathLabel(loss, false)));
                    case ServiceScenario s -> services.add(new ServiceBench(options, log)
                            .run(s, loss, pathLabel(loss, false)));
                    case DiscoveryScenario s -> discoveries.add(new DiscoveryBench(options, log)
                            .run(s, loss, pathLabel(loss, true)));
                    case UdpScenario s -> udp.add(new UdpBench(options, log).run(s, loss, pathLabel(loss, false)));
                }
            }
        }
        return new BenchResults(scans, sweeps, services, discoveries, udp);
    }

    /** The default launcher names the CLI jar; say so plainly when it was not built instead of failing per run. */
    private void checkPortolanBuilt() {
        if (options.standIn()) {
            return;
        }
        for (String token : options.portolan()) {
            for (String part : token.split(File.pathSeparator)) {
                if (part.endsWith("portolan-cli.jar") && !Files.exists(Path.of(part))) {
                    throw new LabException("the Portolan CLI is not built (" + part + " is missing): run"
                            + " ./mvnw -q -DskipTests package, or try the harness with --nmap-as-portolan");
                }
            }
        }
    }

    /** masscan's label, looked up once; empty (said once) when it is not installed or nmap stands in. */
    private Optional<String> masscan() {
        if (masscan == null) {
            masscan = options.standIn() ? Optional.empty() : Masscan.label();
            if (options.standIn()) {
                log.println("bench: masscan skipped: it runs at Portolan's rate, which the stand-in does not report");
            } else if (masscan.isEmpty()) {
                log.println("bench: masscan not found on PATH: its rows are left out (apt-get install masscan)");
            }
        }
        return masscan;
    }

    private String pathLabel(double loss, boolean repeated) {
        return (loss == 0 ? "clean" : String.format(Locale.ROOT, "%s%% loss each way", percent(loss)))
                + (repeated && options.repeat() > 1 ? " (median of " + options.repeat() + ")" : "");
    }

    private PathResult runPath(Scenario scenario, double loss, String nmapLabel) throws IOException {
        String path = pathLabel(loss, true);
        String tag = scenario.name() + "-" + (loss == 0 ? "clean" : "loss");
        Optional<String> masscanLabel = scenario.masscanPorts().isPresent() ? masscan() : Optional.empty();
        log.printf("%s / %s: building the lab%n", scenario.name(), path);
        try (Lab lab = Lab.start(scenario.host().withLoss(loss))) {
            LabTarget target = lab.target();
            List<ToolRun> nmapRuns = new ArrayList<>();
            List<ToolRun> portolanRuns = new ArrayList<>();
            List<ToolRun> masscanRuns = new ArrayList<>();
            // alternating runs, so that a noisy moment of the machine does not fall on one tool only
            for (int run = 1; run <= options.repeat(); run++) {
                String suffix = options.repeat() > 1 ? "-" + run : "";
                Path nmapXml = options.out().resolve(tag + "-nmap" + suffix + ".xml");
                List<String> nmapCommand = new ArrayList<>(List.of("nmap"));
                nmapCommand.addAll(ToolRunner.fill(BenchOptions.NMAP_ARGS, values(scenario.technique(), "-T4",
                        scenario.portArgs(), target.ipv4(), List.of(), nmapXml)));
                nmapRuns.add(timed(scenario.name(), path, lab, nmapLabel, nmapCommand, nmapXml, target,
                        scenario.scanned()));

                Path portolanXml = options.out().resolve(tag + "-portolan" + suffix + ".xml");
                List<String> portolanCommand = portolanCommand(scenario.technique(), scenario.portArgs(),
                        target.ipv4(), portolanXml);
                String label = options.standIn() ? "nmap as Portolan (stand-in)" : "Portolan";
                portolanRuns.add(timed(scenario.name(), path, lab, label, portolanCommand, portolanXml, target,
                        scenario.scanned()));

                if (masscanLabel.isPresent()) {
                    masscanRuns.add(masscanPorts(scenario, path, lab, target, masscanLabel.get(),
                            jsonOf(portolanXml), options.out().resolve(tag + "-masscan" + suffix)));
                }
            }
            return new PathResult(scenario.name(), path, ToolRun.combine(nmapRuns), ToolRun.combine(portolanRuns),
                    masscanRuns.isEmpty() ? Optional.empty() : Optional.of(ToolRun.combine(masscanRuns)));
        }
    }

    /** masscan on the scenario's host at the rate Portolan reached in the same round. */
    private ToolRun masscanPorts(Scenario scenario, String path, Lab lab, LabTarget target, String label,
                                 Path portolanJson, Path base) {
        int openTruth = target.truth().open().intersection(scenario.scanned()).size();
        Optional<PortolanSummary> summary = PortolanSummary.read(portolanJson);
        if (summary.isEmpty() || summary.get().rate() <= 0) {
            log.printf("%s / %s: %s: skipped, Portolan's rate is unknown (no summary in %s)%n", scenario.name(), path,
                    label, portolanJson);
            return new ToolRun(label, ToolRun.Outcome.FAILED, Duration.ZERO, 0, openTruth, 0,
                    "Portolan's rate unknown", false);
        }
        long rate = Math.round(summary.get().rate());
        String tool = label + " --rate " + rate;
        Path list = base.resolveSibling(base.getFileName() + ".list");
        String ports = scenario.masscanPorts().orElseThrow();
        List<String> command = Masscan.command(target.ipv4(), ports, rate, target.scannerInterface(),
                lab.macAddress(target), target.scannerIpv4(), list);
        long probes = Masscan.portCount(ports);
        log.printf("%s / %s: %s: %s%n", scenario.name(), path, tool, String.join(" ", command));
        Execution ex = ToolRunner.execute(lab, command, base, options.timeout(), Masscan.interrupts(probes, rate),
                Map.of());
        ToolRun run;
        if (!ex.finished()) {
            run = new ToolRun(tool, ex.outcome(), ex.wall(), 0, openTruth, 0, ex.detail(), false);
        } else if (!Files.exists(list)) {
            run = new ToolRun(tool, ToolRun.Outcome.FAILED, Duration.ZERO, 0, openTruth, 0,
                    "exit " + ex.exitCode() + ex.firstErrorLine(), false);
        } else {
            Set<Integer> open = Masscan.readList(list).getOrDefault(target.ipv4(), Set.of());
            PortSet truth = target.truth().open().intersection(scenario.scanned());
            int found = (int) open.stream().filter(truth::contains).count();
            // masscan lists open ports only: what it calls open and is not counts as wrong
            run = new ToolRun(tool, ToolRun.Outcome.FINISHED, ex.wall(), found, openTruth, open.size() - found,
                    ex.interrupted() ? "stopped with SIGINT after its --wait" : "", false);
        }
        log.printf("%s / %s: %s: %s%n", scenario.name(), path, tool, run.finished()
                ? MarkdownReport.seconds(run.wall()) + ", " + run.openFound() + "/" + run.openTruth() + " open"
                : run.outcome().toString().toLowerCase(Locale.ROOT) + " " + run.detail());
        return run;
    }

    /** The Portolan command (or the stand-in's) for one run. */
    private List<String> portolanCommand(String technique, List<String> ports, String target, Path xml) {
        if (options.standIn()) {
            List<String> command = new ArrayList<>(List.of("nmap"));
            command.addAll(ToolRunner.fill(BenchOptions.NMAP_ARGS, values(technique, "-T4", ports, target,
                    List.of(), xml)));
            return command;
        }
        List<String> command = new ArrayList<>(options.portolan());
        command.addAll(ToolRunner.fill(options.portolanArgs(), values(technique, "-T4", ports, target, List.of(),
                xml)));
        return command;
    }

    static Map<String, List<String>> values(String technique, String timing, List<String> ports,
                                                    String target, List<String> iface, Path xml) {
        Map<String, List<String>> v = new HashMap<>();
        v.put("technique", List.of(technique));
        v.put("timing", List.of(timing));
        v.put("ports", ports);
        v.put("target", List.of(target));
        v.put("interface", iface);
        v.put("xml", List.of(xml.toString()));
        v.put("json", List.of(jsonOf(xml).toString()));
        return v;
    }

    static Path jsonOf(Path xml) {
        return xml.resolveSibling(xml.getFileName().toString().replaceFirst("\\.xml$", "") + ".json");
    }

    private ToolRun timed(String scenario, String path, Lab lab, String label, List<String> command, Path xml,
                          LabTarget target, PortSet scanned) {
        log.printf("%s / %s: %s: %s%n", scenario, path, label, String.join(" ", command));
        ToolRun run = ToolRunner.run(lab, label, command, xml, target, scanned, options.timeout());
        log.printf("%s / %s: %s: %s, %s%n", scenario, path, label,
                run.finished() ? MarkdownReport.seconds(run.wall()) : run.outcome().toString().toLowerCase(Locale.ROOT),
                run.finished() ? run.openFound() + "/" + run.openTruth() + " open, " + run.wrongStates() + " wrong"
                        : run.detail());
        return run;
    }

    private static String percent(double p) {
        String s = String.format(Locale.ROOT, "%.4f", p * 100).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** "nmap 7.93", from nmap --version. */
    static String nmapLabel() {
        Shell.Result r = Shell.check("nmap", "--version");
        String first = r.stdout().lines().findFirst().orElse("");
        Matcher m = Pattern.compile("version (\\S+)").matcher(first);
        return m.find() ? "nmap " + m.group(1) : "nmap";
    }
}
