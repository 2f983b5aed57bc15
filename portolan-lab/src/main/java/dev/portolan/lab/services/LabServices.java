package dev.portolan.lab.services;

import dev.portolan.lab.LabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * The daemons of one lab target: all started at once, each in its own directory below the lab's, waited for
 * until they listen, and stopped (and their directory removed) together.
 */
public final class LabServices implements AutoCloseable {
    /** A cold start of every daemon at once on a busy two-core machine; an idle one needs a few seconds. */
    static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    private final Path dir;
    private final List<RunningDaemon> running = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<List<ServiceTruth>>> starts = new ArrayList<>();
    private List<ServiceTruth> truth = List.of();

    private LabServices(Path dir) {
        this.dir = dir;
    }

    /** Starts every daemon of {@code specs} inside {@code namespace}, files below {@code dir}; see {@link #awaitReady}. */
    public static LabServices start(String namespace, List<DaemonSpec> specs, Path dir) {
        LabServices services = new LabServices(dir);
        try {
            Files.createDirectories(dir);
            // the daemons' own users must reach their directories below
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new LabException("cannot make the lab's files directory " + dir + ": " + e.getMessage(), e);
        }
        var threads = Executors.newVirtualThreadPerTaskExecutor();
        for (DaemonSpec spec : specs) {
            services.starts.add(CompletableFuture.supplyAsync(() -> services.startOne(namespace, spec), threads));
        }
        threads.shutdown();
        return services;
    }

    private List<ServiceTruth> startOne(String namespace, DaemonSpec spec) {
        DaemonDir daemonDir;
        try {
            daemonDir = new DaemonDir(dir.resolve(spec.daemon().name()));
            daemonDir.mkdir("");
        } catch (IOException e) {
            throw new LabException(spec.daemon().name() + ": cannot make its directory: " + e.getMessage(), e);
        }
        RunningDaemon daemon = RunningDaemon.start(namespace, spec, daemonDir);
        running.add(daemon);
        daemon.awaitListening(READY_TIMEOUT);
        return ServiceTruth.of(spec);
    }

    /** Waits until every daemon listens; a LabException naming each one that did not (after all have tried). */
    public void awaitReady() {
        List<String> failures = new ArrayList<>();
        List<ServiceTruth> all = new ArrayList<>();
        for (CompletableFuture<List<ServiceTruth>> start : starts) {
            try {
                all.addAll(start.get());
            } catch (ExecutionException e) {
                failures.add(e.getCause() instanceof LabException le ? le.getMessage() : String.valueOf(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while starting the lab's daemons");
            }
        }
        if (!failures.isEmpty()) {
            throw new LabException("lab daemons failed to start: " + String.join("; ", failures));
        }
        truth = List.copyOf(all);
    }

    /** What each port of the started daemons really runs, in the order they were declared. */
    public List<ServiceTruth> truth() {
        return truth;
    }

    /** Process ids of the daemons (their children not included). */
    public List<Long> pids() {
        return running.stream().map(RunningDaemon::pid).toList();
    }

    public Path directory() {
        return dir;
    }

    /** Stops every daemon (all at once, each cleanly first) and removes the directory with all their files. */
    @Override
    public void close() {
        for (CompletableFuture<?> start : starts) {
            start.handle((v, e) -> null).join();
        }
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            running.forEach(d -> threads.submit(d::close));
        }
        deleteTree(dir);
    }

    /** Removes {@code dir} and everything below it, if it exists; links are removed, never followed. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new LabException("cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }
}
