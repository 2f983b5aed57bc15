package dev.portolan.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A {@link PortListener} running inside a target namespace, started by the lab and stopped with it. */
final class ListenerProcess implements AutoCloseable {
    /** A JVM start on a busy two-core machine can take seconds; a bind failure shows up long before this. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final String namespace;
    private final Process process;
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private final CompletableFuture<String> stderr;

    private ListenerProcess(String namespace, Process process) {
        this.namespace = namespace;
        this.process = process;
        this.stderr = Shell.drain(process.getErrorStream());
        // a platform thread: this read lasts as long as the lab and would pin a virtual thread's carrier (see Shell)
        Thread.ofPlatform().daemon().name("listener-stdout").start(this::readStdout);
    }

    /** Starts a listener for {@code host}'s listening ports in {@code namespace}; call {@link #awaitReady}. */
    static ListenerProcess start(String namespace, LabHost host) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", ownCodeSource(), PortListener.class.getName(), "--until-stdin-closes"));
        if (host.holdConnections()) {
            command.add("--hold");
        }
        if (!host.udp().listening().isEmpty()) {
            command.add("--udp");
            command.add(host.udp().listening().toString());
        }
        if (!host.listening().isEmpty()) {
            command.add(host.listening().toString());
        }
        try {
            return new ListenerProcess(namespace, new ProcessBuilder(command).start());
        } catch (IOException e) {
            throw new LabException("cannot start the port listener in " + namespace + ": " + e.getMessage(), e);
        }
    }

    /** Where PortListener's class lives (a classes directory or the lab jar); it needs nothing else. */
    private static String ownCodeSource() {
        try {
            return Path.of(PortListener.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new LabException("cannot locate the lab's classes: " + e.getMessage(), e);
        }
    }

    private void readStdout() {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("READY")) {
                    ready.complete(line);
                }
            }
        } catch (IOException e) {
            // the process is gone; awaitReady reports it
        }
        ready.completeExceptionally(new IOException("exited before it was ready"));
    }

    /** Waits until every port is bound; a bind failure or a timeout gives a LabException with the reason. */
    void awaitReady() {
        try {
            ready.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            String why = stderrAfterExit();
            throw new LabException("port listener in " + namespace + " failed"
                    + (why.isBlank() ? "" : ": " + why.strip()));
        } catch (TimeoutException e) {
            throw new LabException("port listener in " + namespace + " not ready after "
                    + READY_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while starting the port listener in " + namespace);
        }
    }

    private String stderrAfterExit() {
        try {
            process.waitFor(5, TimeUnit.SECONDS);
            return stderr.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        } catch (ExecutionException | TimeoutException e) {
            return "";
        }
    }

    long pid() {
        return process.pid();
    }

    /** Closes its stdin (it exits by itself), then makes sure by killing it by pid. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                Shell.destroyTree(process);
            }
        } catch (InterruptedException e) {
            Shell.destroyTree(process);
            Thread.currentThread().interrupt();
        }
    }
}
