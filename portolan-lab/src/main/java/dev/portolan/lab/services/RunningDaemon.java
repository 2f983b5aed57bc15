package dev.portolan.lab.services;

import dev.portolan.lab.LabException;
import dev.portolan.lab.Shell;
import dev.portolan.target.Protocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One daemon process in a target namespace, its output in its directory's daemon.log. */
final class RunningDaemon implements AutoCloseable {
    /** initdb and mariadb-install-db take seconds on an idle machine; several times that on a busy one. */
    static final Duration INIT_TIMEOUT = Duration.ofMinutes(2);
    /** Time for a stopping daemon to finish cleanly (MariaDB flushes InnoDB) before it is killed. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final DaemonSpec spec;
    private final DaemonDir dir;
    private final Process process;

    private RunningDaemon(DaemonSpec spec, DaemonDir dir, Process process) {
        this.spec = spec;
        this.dir = dir;
        this.process = process;
    }

    /** Prepares {@code spec}'s files in {@code dir}, runs its init steps, and starts it inside {@code namespace}. */
    static RunningDaemon start(String namespace, DaemonSpec spec, DaemonDir dir) {
        Daemon daemon = spec.daemon();
        for (String exe : daemon.executables()) {
            if (!Shell.onPath(exe)) {
                throw new LabException(daemon.name() + ": `" + exe + "` not found (scripts/install-deps.sh installs "
                        + (daemon.packageName().isEmpty() ? "it" : daemon.packageName()) + ")");
            }
        }
        Launch launch;
        try {
            launch = daemon.prepare(dir, spec.ports());
        } catch (IOException e) {
            throw new LabException(daemon.name() + ": cannot write its files in " + dir.path() + ": " + e.getMessage(), e);
        }
        for (List<String> step : launch.init()) {
            Shell.Result r = Shell.run(INIT_TIMEOUT, null, command(namespace, launch, step));
            if (!r.ok()) {
                throw new LabException(daemon.name() + ": setup step failed (exit " + r.exitCode() + "): "
                        + String.join(" ", step) + ": "
                        + tail(r.stderr() + r.stdout()));
            }
        }
        Path log = dir.resolve("daemon.log");
        try {
            Process p = new ProcessBuilder(command(namespace, launch, launch.command()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new RunningDaemon(spec, dir, p);
        } catch (IOException e) {
            throw new LabException(daemon.name() + ": cannot start: " + e.getMessage(), e);
        }
    }

    /** {@code command} inside the namespace, as the launch's user, with its environment. */
    static List<String> command(String namespace, Launch launch, List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        if (launch.user() != null) {
            // setpriv execs the command itself, so the process we hold is the daemon (signals reach it)
            full.addAll(List.of("setpriv", "--reuid=" + launch.user(), "--regid=" + group(launch.user()),
                    "--init-groups", "--reset-env"));
        }
        if (!launch.environment().isEmpty()) {
            full.add("env");
            launch.environment().forEach((k, v) -> full.add(k + "=" + v));
        }
        full.addAll(command);
        return full;
    }

    private static String group(String user) {
        return Shell.check("id", "-gn", user).stdout().strip();
    }

    /** Waits until every endpoint listens; a LabException with the daemon's last words if it exits or times out. */
    void awaitListening(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new LabException(spec.daemon().name() + " exited with " + process.exitValue()
                        + " before listening on " + spec.endpoints() + ": " + lastWords());
            }
            try {
                if (listening()) {
                    return;
                }
            } catch (IOException e) {
                // read again: the process may be between exec and its first socket
            }
            if (System.nanoTime() > deadline) {
                throw new LabException(spec.daemon().name() + " not listening on " + spec.endpoints() + " after "
                        + timeout.toSeconds() + " s: " + lastWords());
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while starting " + spec.daemon().name());
            }
        }
    }

    private boolean listening() throws IOException {
        for (Protocol protocol : List.of(Protocol.TCP, Protocol.UDP)) {
            List<Integer> wanted = spec.ports(protocol);
            if (!wanted.isEmpty() && !ListeningSockets.of(process.pid(), protocol).containsAll(wanted)) {
                return false;
            }
        }
        return true;
    }

    /** The end of its log, for error messages. */
    String lastWords() {
        try {
            return tail(Files.readString(dir.resolve("daemon.log")));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static String tail(String text) {
        List<String> lines = text.strip().lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }

    DaemonSpec spec() {
        return spec;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Asks it to stop (its own clean-shutdown signal), then kills it and its children if it lingers. */
    @Override
    public void close() {
        // its children (nginx's workers, dovecot's services) are reparented once it exits: note them now
        List<ProcessHandle> children = process.descendants().toList();
        if (process.isAlive()) {
            Shell.run("kill", "-" + spec.daemon().stopSignal(), Long.toString(process.pid()));
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                Shell.destroyTree(process);
            }
        } catch (InterruptedException e) {
            Shell.destroyTree(process);
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public String toString() {
        return spec + " pid " + process.pid();
    }
}
