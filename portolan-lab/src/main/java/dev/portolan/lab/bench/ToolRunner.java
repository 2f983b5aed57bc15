package dev.portolan.lab.bench;

import dev.portolan.lab.GroundTruth;
import dev.portolan.lab.Lab;
import dev.portolan.lab.LabException;
import dev.portolan.lab.LabTarget;
import dev.portolan.lab.NmapXml;
import dev.portolan.lab.NmapXmlException;
import dev.portolan.lab.PortSet;
import dev.portolan.lab.Shell;
import dev.portolan.result.PortState;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one scanner command inside a lab's scanner namespace, times it, and grades its XML against the truth. */
final class ToolRunner {
    private ToolRunner() {
    }

    /** {@code template} split into tokens with {ports}, {target} and {xml} filled in. */
    static List<String> fill(String template, List<String> ports, String target, Path xml) {
        List<String> out = new ArrayList<>();
        for (String token : template.strip().split("\\s+")) {
            switch (token) {
                case "{ports}" -> out.addAll(ports);
                case "{target}" -> out.add(target);
                case "{xml}" -> out.add(xml.toString());
                default -> out.add(token);
            }
        }
        if (!template.contains("{target}") || !template.contains("{xml}")) {
            throw new BenchUsageException("argument template needs {target} and {xml}: " + template);
        }
        return out;
    }

    /**
     * Runs {@code command} in the scanner namespace with stdout and stderr to files beside {@code xml}, and grades
     * the report it wrote for {@code target} over {@code scanned}.
     */
    static ToolRun run(Lab lab, String tool, List<String> command, Path xml, LabTarget target, PortSet scanned,
                       Duration timeout) {
        GroundTruth truth = target.truth();
        int openTruth = truth.open().intersection(scanned).size();
        String base = xml.getFileName().toString().replaceFirst("\\.xml$", "");
        Path stdout = xml.resolveSibling(base + ".stdout");
        Path stderr = xml.resolveSibling(base + ".stderr");
        Process process;
        long start = System.nanoTime();
        try {
            process = new ProcessBuilder(lab.inScanner(command))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        } catch (IOException e) {
            return failed(tool, openTruth, "cannot start: " + e.getMessage());
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                Shell.destroyTree(process);
                return new ToolRun(tool, ToolRun.Outcome.TIMED_OUT, timeout, 0, openTruth, 0, "");
            }
        } catch (InterruptedException e) {
            Shell.destroyTree(process);
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while running " + tool);
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        if (process.exitValue() != 0) {
            return failed(tool, openTruth, "exit " + process.exitValue() + firstLine(stderr));
        }
        Map<Integer, PortState> states;
        try {
            states = NmapXml.read(xml).getOrDefault(target.ipv4(), Collections.emptySortedMap());
        } catch (NmapXmlException e) {
            return failed(tool, openTruth, e.getMessage());
        }
        int wrong = truth.mismatches(scanned, states).size();
        return new ToolRun(tool, ToolRun.Outcome.FINISHED, wall, truth.openFound(states), openTruth, wrong, "");
    }

    private static ToolRun failed(String tool, int openTruth, String why) {
        return new ToolRun(tool, ToolRun.Outcome.FAILED, Duration.ZERO, 0, openTruth, 0, why);
    }

    private static String firstLine(Path file) {
        try {
            List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "" : ": " + lines.getFirst().strip();
        } catch (IOException e) {
            return "";
        }
    }
}
