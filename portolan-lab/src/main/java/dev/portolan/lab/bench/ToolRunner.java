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
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/** Runs one scanner command inside a lab's scanner namespace, times it, and grades its XML against the truth. */
final class ToolRunner {
    /** GNU time, for the peak resident memory of the tool (its {@code -f %M}). */
    static final Path TIME = Path.of("/usr/bin/time");

    private ToolRunner() {
    }

    /**
     * {@code template} split into tokens, each {@code {name}} token replaced by {@code values.get("name")} (which
     * may be several tokens or none); {target} and {xml} must be there.
     */
    static List<String> fill(String template, Map<String, List<String>> values) {
        if (!template.contains("{target}") || !template.contains("{xml}")) {
            throw new BenchUsageException("argument template needs {target} and {xml}: " + template);
        }
        List<String> out = new ArrayList<>();
        for (String token : template.strip().split("\\s+")) {
            if (token.length() > 2 && token.startsWith("{") && token.endsWith("}")) {
                List<String> value = values.get(token.substring(1, token.length() - 1));
                if (value == null) {
                    throw new BenchUsageException("unknown placeholder " + token + " in: " + template);
                }
                out.addAll(value);
            } else {
                out.add(token);
            }
        }
        return out;
    }

    /**
     * Runs {@code command} in the scanner namespace with stdout and stderr to files beside {@code xml}, and grades
     * the report it wrote for {@code target} over {@code scanned}.
     */
    static ToolRun run(Lab lab, String tool, List<String> command, Path xml, LabTarget target, PortSet scanned,
                       Duration timeout) {
        return grade(tool, execute(lab, command, base(xml), timeout, List.of(), Map.of()), xml, target, scanned);
    }

    /** {@code xml} without its extension: where the tool's other files go. */
    static Path base(Path xml) {
        return xml.resolveSibling(xml.getFileName().toString().replaceFirst("\\.xml$", ""));
    }

    /** Grades the nmap-format report {@code xml} that a finished execution left. */
    static ToolRun grade(String tool, Execution ex, Path xml, LabTarget target, PortSet scanned) {
        GroundTruth truth = target.truth();
        int openTruth = truth.open().intersection(scanned).size();
        if (!ex.finished()) {
            return new ToolRun(tool, ex.outcome(), ex.wall(), 0, openTruth, 0, ex.detail());
        }
        if (ex.exitCode() != 0) {
            return failed(tool, openTruth, "exit " + ex.exitCode() + ex.firstErrorLine());
        }
        Map<Integer, PortState> states;
        try {
            states = NmapXml.read(xml).getOrDefault(target.ipv4(), Collections.emptySortedMap());
        } catch (NmapXmlException e) {
            return failed(tool, openTruth, e.getMessage());
        }
        int wrong = truth.mismatches(scanned, states).size();
        return new ToolRun(tool, ToolRun.Outcome.FINISHED, ex.wall(), truth.openFound(states), openTruth, wrong, "");
    }

    /**
     * Runs {@code command} inside the scanner namespace under GNU time (when installed), with its output in
     * {@code base}.stdout / .stderr and its peak memory in {@code base}.rss; sends it SIGINT at each of
     * {@code interrupts} (from its start) that it lives to see, and kills it at {@code timeout}.
     */
    static Execution execute(Lab lab, List<String> command, Path base, Duration timeout, List<Duration> interrupts,
                             Map<String, String> environment) {
        Path stdout = sibling(base, ".stdout");
        Path stderr = sibling(base, ".stderr");
        Path rss = sibling(base, ".rss");
        List<String> full = new ArrayList<>();
        if (Files.isExecutable(TIME)) {
            // "--" ends time's options: the tool's own never reach it
            full.addAll(List.of(TIME.toString(), "-f", "%M", "-o", rss.toString(), "--"));
        }
        full.addAll(command);
        Process process;
        long start = System.nanoTime();
        try {
            ProcessBuilder builder = new ProcessBuilder(lab.inScanner(full))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            return new Execution(ToolRun.Outcome.FAILED, Duration.ZERO, -1, false, OptionalLong.empty(), stderr,
                    "cannot start: " + e.getMessage());
        }
        boolean interrupted = false;
        try {
            for (Duration at : interrupts) {
                if (at.compareTo(timeout) >= 0 || exited(process, start, at)) {
                    break;
                }
                interrupt(process);
                interrupted = true;
            }
            if (!exited(process, start, timeout)) {
                Shell.destroyTree(process);
                return new Execution(ToolRun.Outcome.TIMED_OUT, timeout, -1, interrupted, OptionalLong.empty(),
                        stderr, "");
            }
        } catch (InterruptedException e) {
            Shell.destroyTree(process);
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while running " + command.getFirst());
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        return new Execution(ToolRun.Outcome.FINISHED, wall, process.exitValue(), interrupted, peakRss(rss), stderr,
                "");
    }

    /** Waits until {@code at} after {@code start}; true when the process ended before. */
    private static boolean exited(Process process, long start, Duration at) throws InterruptedException {
        long left = start + at.toNanos() - System.nanoTime();
        return process.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS);
    }

    /** SIGINT (a Ctrl-C) to the tool: the launched process's descendants, which are the tool under GNU time. */
    private static void interrupt(Process process) {
        List<Long> pids = process.descendants().map(ProcessHandle::pid).toList();
        for (long pid : pids.isEmpty() ? List.of(process.pid()) : pids) {
            Shell.run("kill", "-INT", Long.toString(pid));
        }
    }

    private static OptionalLong peakRss(Path rss) {
        try {
            if (!Files.exists(rss)) {
                return OptionalLong.empty();
            }
            // time writes "Command exited with non-zero status N" before the figure when the tool failed
            List<String> lines = Files.readAllLines(rss).stream().map(String::strip).filter(l -> l.matches("\\d+"))
                    .toList();
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.getLast()));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    static Path sibling(Path base, String extension) {
        return base.resolveSibling(base.getFileName() + extension);
    }

    private static ToolRun failed(String tool, int openTruth, String why) {
        return new ToolRun(tool, ToolRun.Outcome.FAILED, Duration.ZERO, 0, openTruth, 0, why);
    }
}
