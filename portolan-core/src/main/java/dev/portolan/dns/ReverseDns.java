package dev.portolan.dns;

import dev.portolan.target.Addresses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Reverse-DNS (PTR) names through the system resolver, many lookups at once, each bounded in time so that a
 * silent name server cannot hold up the reports.
 */
public final class ReverseDns implements AutoCloseable {
    private final ExecutorService lookups = Executors.newVirtualThreadPerTaskExecutor();
    private final long timeoutMillis;

    public ReverseDns(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    /** The PTR names of {@code address}, or an empty list when it has none or the lookup took too long. */
    public CompletableFuture<List<String>> lookup(InetAddress address) {
        return CompletableFuture.supplyAsync(() -> ptr(address), lookups)
                .completeOnTimeout(List.of(), timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private static List<String> ptr(InetAddress address) {
        try {
            String ip = Addresses.format(address);
            String name = InetAddress.getByAddress(address.getAddress()).getCanonicalHostName();
            if (name == null || name.isBlank() || name.equals(ip) || name.equals(address.getHostAddress())) {
                return List.of();
            }
            return List.of(name);
        } catch (UnknownHostException | SecurityException e) {
            return List.of();
        }
    }

    @Override
    public void close() {
        lookups.shutdownNow();
    }
}
