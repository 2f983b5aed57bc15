package dev.portolan.lab.bench;

import dev.portolan.lab.Lab;
import dev.portolan.lab.LabTarget;
import dev.portolan.lab.NmapXmlException;
import dev.portolan.lab.services.NmapServices;
import dev.portolan.lab.services.ServiceGrade;
import dev.portolan.lab.services.ServiceTruth;
import dev.portolan.target.Protocol;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The version-detection benchmark on one path: {@code nmap -sS -sV} and {@code portolan scan -sS -sV} on the same
 * lab host with real daemons, in the same run, each graded from its nmap XML against the daemons' truth records.
 */
final class ServiceBench {
    private final BenchOptions options;
    private final PrintStream log;

    ServiceBench(BenchOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    ServiceResult run(ServiceScenario scenario, double loss, String path) {
        String tag = scenario.name() + "-" + (loss == 0 ? "clean" : "loss");
        log.printf("%s / %s: building the lab (starting the daemons)%n", scenario.name(), path);
        try (Lab lab = Lab.start(scenario.host().withLoss(loss))) {
            LabTarget target = lab.target();
            List<ServiceTruth> truth = lab.services(target).stream().filter(t -> t.protocol() == Protocol.TCP)
                    .toList();
            String ports = truth.stream().map(t -> Integer.toString(t.port())).distinct()
                    .collect(Collectors.joining(","));
            List<String> args = List.of("-n", "-Pn", "-sS", "-sV", "-p", ports, target.ipv4());
            Path nmapXml = options.out().resolve(tag + "-nmap.xml");
            List<String> nmap = new ArrayList<>(List.of("nmap"));
            nmap.addAll(args);
            nmap.addAll(List.of("-oX", nmapXml.toString()));
            ServiceRun nmapRun = graded(scenario, path, lab, "nmap -sV", nmap, nmapXml, truth);
            Path portolanXml = options.out().resolve(tag + "-portolan.xml");
            List<String> portolan = new ArrayList<>(options.standIn() ? List.of("nmap") : options.portolan());
            if (!options.standIn()) {
                portolan.add("scan");
            }
            portolan.addAll(args);
            portolan.addAll(List.of("-oX", portolanXml.toString()));
            ServiceRun portolanRun = graded(scenario, path, lab,
                    options.standIn() ? "nmap as Portolan (stand-in)" : "Portolan -sV", portolan, portolanXml, truth);
            return new ServiceResult(scenario.name(), path, nmapRun, portolanRun);
        }
    }

    private ServiceRun graded(ServiceScenario scenario, String path, Lab lab, String tool, List<String> command,
                              Path xml, List<ServiceTruth> truth) {
        log.printf("%s / %s: %s: %s%n", scenario.name(), path, tool, String.join(" ", command));
        Execution ex = ToolRunner.execute(lab, command, ToolRunner.base(xml), options.timeout(), List.of(), Map.of());
        ServiceRun run;
        if (!ex.finished()) {
            run = ServiceRun.failed(tool, ex.outcome(), ex.wall(), truth.size(), ex.detail());
        } else if (ex.exitCode() != 0) {
            run = ServiceRun.failed(tool, ToolRun.Outcome.FAILED, Duration.ZERO, truth.size(),
                    "exit " + ex.exitCode() + ex.firstErrorLine());
        } else {
            try {
                List<ServiceGrade> grades = ServiceGrade.grade(truth, NmapServices.read(xml));
                int named = (int) grades.stream().filter(ServiceGrade::named).count();
                List<ServiceGrade> telling = grades.stream().filter(g -> !g.truth().version().isEmpty()).toList();
                int versioned = (int) telling.stream().filter(ServiceGrade::versioned).count();
                run = new ServiceRun(tool, ToolRun.Outcome.FINISHED, ex.wall(), named, versioned, telling.size(),
                        truth.size(), "");
            } catch (NmapXmlException | IllegalArgumentException e) {
                run = ServiceRun.failed(tool, ToolRun.Outcome.FAILED, Duration.ZERO, truth.size(),
                        "unreadable report: " + e.getMessage());
            }
        }
        log.printf("%s / %s: %s: %s%n", scenario.name(), path, tool, run.finished()
                ? MarkdownReport.seconds(run.wall()) + ", named " + run.named() + "/" + run.total() + ", versions "
                + run.versioned() + "/" + run.versionsTelling() : run.outcome() + " " + run.detail());
        return run;
    }
}
