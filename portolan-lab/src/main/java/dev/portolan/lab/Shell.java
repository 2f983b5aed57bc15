package dev.portolan.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Runs one external command with a timeout and captured output; the only way the lab touches the system. */
public final class Shell {
    /** Long enough for any ip/iptables call, short enough that a hung one does not hang the tests. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private Shell() {
    }

    /** What a finished command printed and returned. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        public Result {
            command = List.copyOf(command);
            Objects.requireNonNull(stdout, "stdout");
            Objects.requireNonNull(stderr, "stderr");
        }

        public boolean ok() {
            return exitCode == 0;
        }

        /** This result, or a {@link ShellException} naming the command and its stderr when it failed. */
        public Result orThrow() {
            if (!ok()) {
                throw ShellException.failed(this);
            }
            return this;
        }
    }

    /** Runs {@code command} and throws a {@link ShellException} unless it exits 0. */
    public static Result check(String... command) {
        return run(DEFAULT_TIMEOUT, null, List.of(command)).orThrow();
    }

    /** Runs {@code command} and returns its result whatever the exit code. */
    public static Result run(String... command) {
        return run(DEFAULT_TIMEOUT, null, List.of(command));
    }

    /**
     * Runs {@code command}, feeding it {@code stdin} (null for none), and returns its result whatever the exit
     * code; throws a {@link ShellException} when it cannot start or runs longer than {@code timeout}.
     */
    public static Result run(Duration timeout, String stdin, List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new ShellException(command, -1, "", "cannot start " + render(command) + ": " + e.getMessage());
        }
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the command closed its stdin early; its exit code and stderr tell the story
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                destroyTree(process);
                throw ShellException.timedOut(command, timeout, err.getNow(""));
            }
            return new Result(command, process.exitValue(), out.get(), err.get());
        } catch (InterruptedException e) {
            destroyTree(process);
            Thread.currentThread().interrupt();
            throw new ShellException(command, -1, "", "interrupted while running " + render(command));
        } catch (ExecutionException e) {
            throw new ShellException(command, -1, "", "cannot read output of " + render(command) + ": " + e.getCause());
        }
    }

    /** Whether {@code tool} is an executable file, given as a path or found on PATH (or in the sbin directories). */
    public static boolean onPath(String tool) {
        if (tool.contains("/")) {
            return java.nio.file.Files.isExecutable(java.nio.file.Path.of(tool));
        }
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Kills a process we started and everything it started, by process id. */
    public static void destroyTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Reads a stream to its end on its own thread, so that a chatty command never blocks on a full pipe. A platform
     * thread: reads of pipes that stay open (a listener's) pin virtual threads' carriers, and with two cores two of
     * them left every other drain unscheduled, so a finished command's output was never read.
     */
    static CompletableFuture<String> drain(InputStream stream) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("shell-drain").start(() -> {
            try (stream) {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.complete("");
            }
        });
        return text;
    }

    /** The command as one would type it, for messages. */
    static String render(List<String> command) {
        return command.stream()
                .map(a -> a.isEmpty() || a.chars().anyMatch(c -> " \t'\"$*?;&|<>()".indexOf(c) >= 0)
                        ? "'" + a.replace("'", "'\\''") + "'" : a)
                .collect(Collectors.joining(" "));
    }
}
