package dev.portolan.target;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/** Resolves the names of a target list, several at once, since a long -iL file of names waits mostly on DNS. */
final class NameLookup {
    private static final int PARALLEL = 16;

    private NameLookup() {
    }

    /** Each distinct name with its addresses; an empty list when it does not resolve. */
    static Map<String, List<InetAddress>> resolve(Collection<String> names, Resolver resolver) {
        Map<String, List<InetAddress>> out = new LinkedHashMap<>();
        if (names.size() <= 1) {
            names.forEach(n -> out.put(n, lookup(resolver, n)));
            return out;
        }
        Semaphore permits = new Semaphore(PARALLEL);
        Map<String, Future<List<InetAddress>>> pending = new LinkedHashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String name : names) {
                pending.computeIfAbsent(name, n -> pool.submit(() -> {
                    permits.acquire();
                    try {
                        return lookup(resolver, n);
                    } finally {
                        permits.release();
                    }
                }));
            }
            for (var e : pending.entrySet()) {
                out.put(e.getKey(), e.getValue().get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetSpecException("", "interrupted while resolving target names");
        } catch (ExecutionException e) {
            throw new IllegalStateException("name lookup failed", e.getCause());
        }
        return out;
    }

    private static List<InetAddress> lookup(Resolver resolver, String name) {
        try {
            List<InetAddress> found = resolver.resolve(name);
            return found == null ? List.of() : List.copyOf(found);
        } catch (UnknownHostException | SecurityException e) {
            return List.of();
        }
    }
}
