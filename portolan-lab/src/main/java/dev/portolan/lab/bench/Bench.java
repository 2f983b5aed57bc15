package dev.portolan.lab.bench;

import dev.portolan.lab.Lab;
import dev.portolan.lab.LabException;
import dev.portolan.lab.LabHost;
import dev.portolan.lab.LabTarget;
import dev.portolan.lab.Shell;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark harness: for each scenario and path, builds a lab, runs nmap and Portolan in it one after the
 * other, grades both against the declared truth and prints a Markdown table. Run it through {@code ./bench}.
 */
public final class Bench {
    private final BenchOptions options;
    private final PrintStream log;

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
            List<PathResult> results = new Bench(options, System.err).run();
            String table = MarkdownReport.table(results);
            Files.writeString(options.out().resolve("results.md"), table);
            System.out.print(table);
            System.err.println("reports and table in " + options.out());
        } catch (LabException | IOException | BenchUsageException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Runs every requested scenario on every requested path. */
    List<PathResult> run() throws IOException {
        Lab.unavailableReason().ifPresent(why -> {
            throw new LabException("cannot run the benchmarks: " + why);
        });
        if (!options.standIn() && !Shell.onPath(options.portolan().getFirst())) {
            throw new LabException("Portolan launcher not found: " + options.portolan().getFirst());
        }
        checkPortolanBuilt();
        Files.createDirectories(options.out());
        String nmap = nmapLabel();
        List<PathResult> results = new ArrayList<>();
        for (String name : options.scenarios()) {
            Scenario scenario = Scenarios.all().get(name);
            for (double loss : options.pathLosses()) {
                results.add(runPath(scenario, loss, nmap));
            }
        }
        return results;
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

    private PathResult runPath(Scenario scenario, double loss, String nmapLabel) throws IOException {
        String path = (loss == 0 ? "clean" : String.format(Locale.ROOT, "%s%% loss each way", percent(loss)))
                + (options.repeat() > 1 ? " (median of " + options.repeat() + ")" : "");
        String tag = scenario.name() + "-" + (loss == 0 ? "clean" : "loss");
        LabHost host = scenario.host().withLoss(loss);
        log.printf("%s / %s: building the lab%n", scenario.name(), path);
        try (Lab lab = Lab.start(host)) {
            LabTarget target = lab.target();
            List<ToolRun> nmapRuns = new ArrayList<>();
            List<ToolRun> portolanRuns = new ArrayList<>();
            // alternating runs, so that a noisy moment of the machine does not fall on one tool only
            for (int run = 1; run <= options.repeat(); run++) {
                String suffix = options.repeat() > 1 ? "-" + run : "";
                Path nmapXml = options.out().resolve(tag + "-nmap" + suffix + ".xml");
                List<String> nmapCommand = new ArrayList<>(List.of("nmap"));
                nmapCommand.addAll(ToolRunner.fill(BenchOptions.NMAP_ARGS, scenario.portArgs(), target.ipv4(),
                        nmapXml));
                nmapRuns.add(timed(scenario, path, lab, nmapLabel, nmapCommand, nmapXml, target));

                Path portolanXml = options.out().resolve(tag + "-portolan" + suffix + ".xml");
                List<String> portolanCommand = new ArrayList<>(options.standIn() ? List.of("nmap")
                        : options.portolan());
                String args = options.standIn() ? BenchOptions.NMAP_ARGS : options.portolanArgs();
                portolanCommand.addAll(ToolRunner.fill(args, scenario.portArgs(), target.ipv4(), portolanXml));
                String label = options.standIn() ? "nmap as Portolan (stand-in)" : "Portolan";
                portolanRuns.add(timed(scenario, path, lab, label, portolanCommand, portolanXml, target));
            }
            return new PathResult(scenario.name(), path, ToolRun.combine(nmapRuns), ToolRun.combine(portolanRuns));
        }
    }

    private ToolRun timed(Scenario scenario, String path, Lab lab, String label, List<String> command, Path xml,
                          LabTarget target) {
        log.printf("%s / %s: %s: %s%n", scenario.name(), path, label, String.join(" ", command));
        ToolRun run = ToolRunner.run(lab, label, command, xml, target, scenario.scanned(), options.timeout());
        log.printf("%s / %s: %s: %s, %s%n", scenario.name(), path, label,
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
