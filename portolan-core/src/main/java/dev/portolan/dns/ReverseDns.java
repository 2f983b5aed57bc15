package dev.portolan.dns;

import dev.portolan.target.Addresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Reverse-DNS (PTR) names, many lookups at once, each bounded in time so that a silent name server cannot hold up
 * the reports: through the system resolver by default, or straight to the given name servers (nmap's
 * {@code --dns-servers}) with dnsjava.
 */
public final class ReverseDns implements AutoCloseable {
    private final ExecutorService lookups = Executors.newVirtualThreadPerTaskExecutor();
    private final long timeoutMillis;
    private final ExtendedResolver servers;

    /** Through the system resolver. */
    public ReverseDns(long timeoutMillis) {
        this(timeoutMillis, List.of());
    }

    /** Through {@code servers}, asked in turn until one answers; the system resolver when the list is empty. */
    public ReverseDns(long timeoutMillis, List<InetSocketAddress> servers) {
        this.timeoutMillis = timeoutMillis;
        this.servers = servers.isEmpty() ? null : resolver(servers, timeoutMillis);
    }

    private static ExtendedResolver resolver(List<InetSocketAddress> servers, long timeoutMillis) {
        // dnsjava logs through SLF4J; with no provider SLF4J would print a warning on every run
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        List<org.xbill.DNS.Resolver> each = new ArrayList<>();
        for (InetSocketAddress s : servers) {
            SimpleResolver r = new SimpleResolver(s);
            r.setTimeout(Duration.ofMillis(Math.max(1, timeoutMillis / Math.max(1, servers.size()))));
            each.add(r);
        }
        ExtendedResolver resolver = new ExtendedResolver(each);
        resolver.setRetries(1);
        resolver.setTimeout(Duration.ofMillis(timeoutMillis));
        return resolver;
    }

    /** The PTR names of {@code address}, or an empty list when it has none or the lookup took too long. */
    public CompletableFuture<List<String>> lookup(InetAddress address) {
        CompletableFuture<List<String>> names = servers == null
                ? CompletableFuture.supplyAsync(() -> ptr(address), lookups)
                : ptrFromServers(address);
        return names.completeOnTimeout(List.of(), timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private CompletableFuture<List<String>> ptrFromServers(InetAddress address) {
        Record question = Record.newRecord(ReverseMap.fromAddress(address), Type.PTR, DClass.IN);
        return servers.sendAsync(Message.newQuery(question)).toCompletableFuture()
                .thenApply(ReverseDns::names)
                .exceptionally(failure -> List.of());
    }

    /** The PTR targets of an answer, without the root's trailing dot, as nmap prints them. */
    static List<String> names(Message answer) {
        if (answer.getRcode() != Rcode.NOERROR) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (Record r : answer.getSection(Section.ANSWER)) {
            if (r instanceof PTRRecord ptr) {
                names.add(ptr.getTarget().toString(true));
            }
        }
        return List.copyOf(names);
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
