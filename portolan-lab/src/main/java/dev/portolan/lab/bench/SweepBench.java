package dev.portolan.lab.bench;

import dev.portolan.lab.Ipv4Prefix;
import dev.portolan.lab.Lab;
import dev.portolan.lab.LabTarget;
import dev.portolan.lab.NmapXml;
import dev.portolan.lab.NmapXmlException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sweep benchmark on one path: a lab host answering for a whole range, each range scanned by Portolan (also in
 * a small heap), masscan at Portolan's rate and nmap -T5, each graded against "every address open on the port".
 */
final class SweepBench {
    /** Where Portolan's launcher reads extra JVM flags from (the GC log that shows its heap). */
    static final String JAVA_OPTS_VARIABLE = "PORTOLAN_JAVA_OPTS";
    /** The sweep also runs Portolan in a heap this small: a scan whose state grew with the range would not fit. */
    static final String SMALL_HEAP = "32m";

    private final BenchOptions options;
    private final PrintStream log;
    private final Optional<String> masscanLabel;
    private final String nmapLabel;

    SweepBench(BenchOptions options, PrintStream log, Optional<String> masscanLabel, String nmapLabel) {
        this.options = options;
        this.log = log;
        this.masscanLabel = masscanLabel;
        this.nmapLabel = nmapLabel;
    }

    /** Every tool on every range of {@code scenario}, on a fresh lab with {@code loss} each way. */
    SweepResult run(SweepScenario scenario, double loss, String path) {
        String tag = scenario.name() + "-" + (loss == 0 ? "clean" : "loss");
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
                nmapCommand.addAll(ToolRunner.fill(BenchOptions.NMAP_ARGS, Bench.values("-sS", "-T5", ports, range,
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
            // nmap reaches the range through the target as a gateway only when told the interface
            List<String> command = new ArrayList<>(List.of("nmap"));
            command.addAll(ToolRunner.fill(BenchOptions.NMAP_ARGS, Bench.values("-sS", "-T4",
                    List.of("-p", Integer.toString(scenario.port())), range,
                    List.of("-e", lab.target().scannerInterface()), xml)));
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
}
