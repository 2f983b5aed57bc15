package dev.portolan.net;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The source address the kernel would use towards each destination, asked once per routing-table prefix
 * ({@link RoutePrefixes}) and remembered for the scan. Not thread-safe: one per sending lane.
 */
public final class RouteSources {
    /** How the kernel is asked; a seam for tests. */
    @FunctionalInterface
    public interface Lookup {
        Optional<InetAddress> sourceFor(InetAddress destination);
    }

    private final RoutePrefixes prefixes;
    private final Lookup lookup;
    private final Map<RoutePrefix, Optional<InetAddress>> byPrefix = new HashMap<>();

    public RouteSources(RoutePrefixes prefixes, Lookup lookup) {
        this.prefixes = prefixes;
        this.lookup = lookup;
    }

    /** This machine's tables and routes as the kernel gives them; empty answers where it has no route. */
    public static RouteSources ofThisMachine() throws ErrnoException {
        return ofThisMachine(0);
    }

    /** The same, with routes limited to the interface of index {@code outputInterface} (-e; 0: any). */
    public static RouteSources ofThisMachine(int outputInterface) throws ErrnoException {
        return new RouteSources(RoutePrefixes.load(), destination -> {
            try {
                return Optional.of(RouteLookup.sourceFor(destination, outputInterface).source());
            } catch (ErrnoException e) {
                return Optional.empty();
            }
        });
    }

    /** The source address for {@code destination}, empty when the kernel has no route to it. */
    public Optional<InetAddress> sourceFor(InetAddress destination) {
        Optional<RoutePrefix> prefix = prefixes.longestMatch(destination);
        if (prefix.isEmpty()) {
            // no table, the default route included, knows it: the kernel would answer ENETUNREACH
            return Optional.empty();
        }
        return byPrefix.computeIfAbsent(prefix.get(), p -> lookup.sourceFor(destination));
    }
}
