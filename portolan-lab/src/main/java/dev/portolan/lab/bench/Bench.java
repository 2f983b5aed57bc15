package dev.portolan.lab.bench;

import dev.portolan.lab.Ipv4Prefix;
import dev.portolan.lab.Lab;
import dev.portolan.lab.LabException;
import dev.portolan.lab.LabTarget;
import dev.portolan.lab.NmapXml;
import dev.portolan.lab.NmapXmlException;
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
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark harness: for each scenario and path, builds a lab, runs nmap, Portolan and (where the scenario has
 * it) masscan in it one after the other, grades each against the declared truth and prints Markdown tables. Run
 * it through {@code ./bench}.
 */
public final class Bench {
    /** Where Portolan's launcher reads extra JVM flags from (the GC log that shows its heap). */
    static final String JAVA_OPTS_VARIABLE = "PORTOLAN_JAVA_OPTS";
    /** The sweep also runs Portolan in a heap this small: a scan whose state grew with the range would not fit. */
    static final String SMALL_HEAP = "32m";

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
        for (String name : options.scenarios()) {
            for (double loss : options.pathLosses()) {
                switch (Scenarios.all().get(name)) {
                    case Scenario s -> scans.add(runPath(s, loss, nmap));
                    case SweepScenario s -> sweeps.add(runSweep(s, loss, nmap));
                }
            }
        }
        return new BenchResults(scans, sweeps);
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

    private SweepResult runSweep(SweepScenario scenario, double loss, String nmapLabel) throws IOException {
        String path = pathLabel(loss, false);
        String tag = scenario.name() + "-" + (loss == 0 ? "clean" : "loss");
        Optional<String> masscanLabel = masscan();
        log.printf("%s / %s: building the lab%n", scenario.name(), path);
        List<SweepRun> runs = new ArrayList<>();
        try (Lab lab = Lab.start(scenario.host().withLoss(loss))) {
            LabTarget target = lab.target();
            List<String> ports = List.of("-p", Integer.toString(scenario.port()));
            for (String range : scenario.ranges()) {
                String rangeTag = tag + "-" + range.replace('/', '_');
                SweepRun portolan = portolanSweep(scenario, path, lab, range, options.out().resolve(rangeTag
                        + "-portolan"), Optional.empty());
                runs.add(portolan);
                OptionalDouble rate = portolan.rate();
                if (!options.standIn()) {
                    runs.add(portolanSweep(scenario, path, lab, range, options.out().resolve(rangeTag
                            + "-portolan-xmx" + SMALL_HEAP), Optional.of(SMALL_HEAP)));
                }

                if (masscanLabel.isPresent()) {
                    runs.add(masscanSweep(scenario, path, lab, target, masscanLabel.get(), range, rate,
                            options.out().resolve(rangeTag + "-masscan")));
                }

                Path nmapXml = options.out().resolve(rangeTag + "-nmap.xml");
                List<String> nmapCommand = new ArrayList<>(List.of("nmap"));
                nmapCommand.addAll(ToolRunner.fill(BenchOptions.NMAP_ARGS, values("-sS", "-T5", ports, range,
                        List.of("-e", target.scannerInterface()), nmapXml)));
                SweepRun nmap = sweepRun(scenario, path, lab, nmapLabel, range, nmapCommand, nmapXml, Map.of());
                OptionalDouble nmapRate = nmapElapsed(nmapXml).stream()
                        .map(s -> Ipv4Prefix.parse(range).size() / s).findFirst();
                runs.add(new SweepRun(nmap.tool(), range, nmap.outcome(), nmap.wall(), nmap.hostsFound(),
                        nmap.hostsTruth(), nmap.wrong(), nmapRate,
                        nmapRate.isPresent() ? "at least one probe per host over its elapsed time" : "",
                        nmap.peakRssKib(), OptionalLong.empty(), nmap.detail()));
            }
        }
        return new SweepResult(scenario.name(), path, runs);
    }

    /**
     * Portolan on a sweep range, as a user would sweep: {@code scan -sS -Pn -n -p PORT RANGE -oJ FILE}, graded from
     * that JSON report, whose summary gives its rate; its GC log gives the heap it kept.
     */
    private SweepRun portolanSweep(SweepScenario scenario, String path, Lab lab, String range, Path base,
                                   Optional<String> maxHeap) {
        long truth = Ipv4Prefix.parse(range).size();
        String tool = maxHeap.map(h -> "Portolan (-Xmx" + h + ")").orElse("Portolan");
        if (options.standIn()) {
            Path xml = base.resolveSibling(base.getFileName() + ".xml");
            List<String> command = portolanCommand("-sS", List.of("-p", Integer.toString(scenario.port())), range,
                    xml);
            return sweepRun(scenario, path, lab, "nmap as Portolan (stand-in)", range, command, xml, Map.of());
        }
        Path json = base.resolveSibling(base.getFileName() + ".json");
        Path gcLog = base.resolveSibling(base.getFileName() + ".gc.log");
        List<String> command = new ArrayList<>(options.portolan());
        command.addAll(List.of("scan", "-sS", "-Pn", "-n", "-p", Integer.toString(scenario.port()), range, "-oJ",
                json.toString()));
        Map<String, String> env = Map.of(JAVA_OPTS_VARIABLE, (System.getenv().getOrDefault(JAVA_OPTS_VARIABLE, "")
                + " " + GcLog.flag(gcLog) + maxHeap.map(h -> " -Xmx" + h).orElse("")).strip());
        log.printf("%s / %s: %s: %s=\"%s\" %s%n", scenario.name(), path, tool, JAVA_OPTS_VARIABLE,
                env.get(JAVA_OPTS_VARIABLE), String.join(" ", command));
        Execution ex = ToolRunner.execute(lab, command, base, options.timeout(), List.of(), env);
        SweepRun run;
        if (!ex.finished()) {
            run = SweepRun.failed(tool, range, truth, ex.outcome(), ex.wall(), ex.detail());
        } else if (ex.exitCode() != 0) {
            run = SweepRun.failed(tool, range, truth, ToolRun.Outcome.FAILED, Duration.ZERO,
                    "exit " + ex.exitCode() + ex.firstErrorLine());
        } else {
            try {
                SweepGrade grade = SweepGrade.ofStates(PortolanJsonHosts.read(json), Ipv4Prefix.parse(range),
                        scenario.port());
                OptionalDouble rate = PortolanSummary.read(json).stream().mapToDouble(PortolanSummary::rate)
                        .findFirst();
                run = new SweepRun(tool, range, ToolRun.Outcome.FINISHED, ex.wall(), grade.found(), truth,
                        grade.wrong(), rate, rate.isPresent() ? "its JSON summary" : "", ex.peakRssKib(),
                        GcLog.maxAfterCollectionKib(gcLog), "");
            } catch (IOException e) {
                run = SweepRun.failed(tool, range, truth, ToolRun.Outcome.FAILED, Duration.ZERO,
                        "unreadable JSON report: " + e.getMessage());
            }
        }
        logSweep(scenario, path, run);
        return run;
    }

    /** One run of an nmap-format tool (nmap, Portolan) on a sweep range, graded. */
    private SweepRun sweepRun(SweepScenario scenario, String path, Lab lab, String tool, String range,
                              List<String> command, Path xml, Map<String, String> env) {
        long truth = Ipv4Prefix.parse(range).size();
        log.printf("%s / %s: %s: %s%n", scenario.name(), path, tool, String.join(" ", command));
        Execution ex = ToolRunner.execute(lab, command, ToolRunner.base(xml), options.timeout(), List.of(), env);
        SweepRun run;
        if (!ex.finished()) {
            run = SweepRun.failed(tool, range, truth, ex.outcome(), ex.wall(), ex.detail());
        } else if (ex.exitCode() != 0) {
            run = SweepRun.failed(tool, range, truth, ToolRun.Outcome.FAILED, Duration.ZERO,
                    "exit " + ex.exitCode() + ex.firstErrorLine());
        } else {
            try {
                SweepGrade grade = SweepGrade.ofStates(NmapXml.read(xml), Ipv4Prefix.parse(range), scenario.port());
                run = new SweepRun(tool, range, ToolRun.Outcome.FINISHED, ex.wall(), grade.found(), truth,
                        grade.wrong(), OptionalDouble.empty(), "", ex.peakRssKib(), OptionalLong.empty(), "");
            } catch (NmapXmlException e) {
                run = SweepRun.failed(tool, range, truth, ToolRun.Outcome.FAILED, Duration.ZERO, e.getMessage());
            }
        }
        logSweep(scenario, path, run);
        return run;
    }

    private SweepRun masscanSweep(SweepScenario scenario, String path, Lab lab, LabTarget target, String label,
                                  String range, OptionalDouble portolanRate, Path base) {
        long truth = Ipv4Prefix.parse(range).size();
        if (portolanRate.isEmpty() || portolanRate.getAsDouble() <= 0) {
            log.printf("%s / %s: %s: skipped, Portolan's rate is unknown%n", scenario.name(), path, label);
            return SweepRun.failed(label, range, truth, ToolRun.Outcome.FAILED, Duration.ZERO,
                    "Portolan's rate unknown");
        }
        long rate = Math.round(portolanRate.getAsDouble());
        String tool = label + " --rate " + rate;
        Path list = base.resolveSibling(base.getFileName() + ".list");
        List<String> command = Masscan.command(range, Integer.toString(scenario.port()), rate,
                target.scannerInterface(), lab.macAddress(target), target.scannerIpv4(), list);
        log.printf("%s / %s: %s: %s%n", scenario.name(), path, tool, String.join(" ", command));
        Execution ex = ToolRunner.execute(lab, command, base, options.timeout(), Masscan.interrupts(truth, rate),
                Map.of());
        SweepRun run;
        if (!ex.finished()) {
            run = SweepRun.failed(tool, range, truth, ex.outcome(), ex.wall(), ex.detail());
        } else if (!Files.exists(list)) {
            run = SweepRun.failed(tool, range, truth, ToolRun.Outcome.FAILED, Duration.ZERO,
                    "exit " + ex.exitCode() + ex.firstErrorLine());
        } else {
            SweepGrade grade = SweepGrade.ofOpen(Masscan.readList(list), Ipv4Prefix.parse(range), scenario.port());
            OptionalDouble sent = Masscan.sustainedRate(ex.stderrText());
            run = new SweepRun(tool, range, ToolRun.Outcome.FINISHED, ex.wall(), grade.found(), truth, grade.wrong(),
                    sent, sent.isPresent() ? "its status line (median)" : "", ex.peakRssKib(), OptionalLong.empty(),
                    "--wait " + Masscan.WAIT_SECONDS + " s included" + (ex.interrupted()
                            ? "; stopped with SIGINT after it" : ""));
        }
        logSweep(scenario, path, run);
        return run;
    }

    private void logSweep(SweepScenario scenario, String path, SweepRun run) {
        log.printf("%s / %s: %s on %s: %s%n", scenario.name(), path, run.tool(), run.range(), run.finished()
                ? MarkdownReport.seconds(run.wall()) + ", " + run.hostsFound() + "/" + run.hostsTruth() + " hosts"
                + (run.wrong() > 0 ? ", " + run.wrong() + " wrong" : "")
                : run.outcome().toString().toLowerCase(Locale.ROOT) + " " + run.detail());
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

    private static Map<String, List<String>> values(String technique, String timing, List<String> ports,
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

    /** nmap's own scan time (runstats' elapsed, in seconds) from the end of its XML report. */
    static OptionalDouble nmapElapsed(Path xml) {
        try {
            if (!Files.exists(xml)) {
                return OptionalDouble.empty();
            }
            long size = Files.size(xml);
            String tail;
            try (var in = Files.newInputStream(xml)) {
                in.skipNBytes(Math.max(0, size - 4096));
                tail = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            Matcher m = Pattern.compile("<finished [^>]*elapsed=\"([0-9.]+)\"").matcher(tail);
            return m.find() && Double.parseDouble(m.group(1)) > 0 ? OptionalDouble.of(Double.parseDouble(m.group(1)))
                    : OptionalDouble.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalDouble.empty();
        }
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
