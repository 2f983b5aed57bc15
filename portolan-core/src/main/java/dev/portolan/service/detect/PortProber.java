package dev.portolan.service.detect;

import dev.portolan.result.ServiceDetails;
import dev.portolan.service.probe.Probe;
import dev.portolan.service.probe.ProbeSelector;
import dev.portolan.service.probe.Response;
import dev.portolan.service.probe.ServiceMatch;
import dev.portolan.service.probe.ServiceMatcher;
import dev.portolan.service.tls.ServerAnswer;
import dev.portolan.service.tls.TlsInspection;
import dev.portolan.service.tls.TlsInspector;
import dev.portolan.service.tls.TlsProbe;
import dev.portolan.service.tls.TlsSockets;
import dev.portolan.service.tls.TlsVersion;
import dev.portolan.target.Protocol;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Finds out what one open TCP port runs, with nmap's method: wait for a banner (the NULL probe), then send the
 * probes the selector plans for the port, one per connection, until a signature matches hard; a soft match narrows
 * the rest to probes that can name that service's version. A silent port is asked whether it speaks TLS; if it
 * does, its certificate is read and the probes go inside TLS.
 */
final class PortProber {
    private final ProbeSelector selector;
    private final ServiceMatcher matcher;
    private final VersionOptions options;
    private final BooleanSupplier cancelled;

    PortProber(ProbeSelector selector, ServiceMatcher matcher, VersionOptions options, BooleanSupplier cancelled) {
        this.selector = selector;
        this.matcher = matcher;
        this.options = options;
        this.cancelled = cancelled;
    }

    /**
     * What runs on {@code to}.
     *
     * @param serverName the name the user gave the host, sent as SNI
     * @param srttMicros the host's smoothed round-trip time from the port scan, 0 when unknown
     * @param tableName the port table's name for the port, reported when nothing better is found
     */
    ServiceDetails probe(InetSocketAddress to, Optional<String> serverName, long srttMicros,
                         Optional<String> tableName) {
        Waits waits = new Waits(options.minWait(), srttMicros);
        long budgetEnd = System.nanoTime() + options.portBudget().toNanos();
        int port = to.getPort();
        List<Probe> planned = selector.plan(Protocol.TCP, port, false, options.intensity());
        Optional<Probe> nullProbe = planned.stream().filter(Probe::isNull).findFirst();
        Deque<Probe> queue = withoutNull(planned);
        Optional<ServiceMatch> soft = Optional.empty();
        Optional<TlsInspection.Tls> tls = Optional.empty();
        String banner = "";
        try {
            if (nullProbe.isPresent()) {
                Probe probe = nullProbe.get();
                Socket s = connect(to, waits);
                Exchange.Answer a = Exchange.read(s, waits.forProbe(probe), waits.quiet(),
                        bytes -> hard(probe, port, false, bytes).isPresent());
                if (a.silent() && a.closed() && a.millis() < probe.tcpWrappedMs()) {
                    s.close();
                    return tcpwrapped();
                }
                Optional<ServiceMatch> m = match(probe, port, false, a.bytes());
                if (m.isPresent() && !m.get().soft()) {
                    s.close();
                    return found(m.get(), tls);
                }
                if (m.isPresent()) {
                    soft = m;
                    queue = narrowed(queue, m.get());
                }
                banner = Banner.printable(a.bytes());
                // closed before anything else: a server that serves one connection at a time would wait on it
                s.close();
            }
            if (banner.isEmpty() && soft.isEmpty()) {
                tls = tls(to, serverName, waits);
                if (tls.isPresent()) {
                    queue = withoutNull(selector.plan(Protocol.TCP, port, true, options.intensity()));
                }
            }
            boolean overTls = tls.isPresent();
            while (!queue.isEmpty() && !cancelled.getAsBoolean() && System.nanoTime() < budgetEnd) {
                Probe probe = queue.poll();
                boolean inTls = overTls;
                Socket s = open(to, serverName, inTls, waits);
                if (s == null) {
                    continue;
                }
                Exchange.Answer a;
                try (s) {
                    s.getOutputStream().write(probe.payload());
                    s.getOutputStream().flush();
                    a = Exchange.read(s, waits.forProbe(probe), waits.quiet(),
                            bytes -> hard(probe, port, inTls, bytes).isPresent());
                } catch (IOException e) {
                    // the service hung up on this probe: on to the next
                    continue;
                }
                Optional<ServiceMatch> m = match(probe, port, inTls, a.bytes());
                if (m.isPresent() && m.get().asksForTls()) {
                    // a TLS service answered plain text (nginx's "plain HTTP request was sent to HTTPS port"):
                    // the probing starts again inside TLS
                    Optional<TlsInspection.Tls> found = tls(to, serverName, waits);
                    if (found.isPresent()) {
                        tls = found;
                        overTls = true;
                        queue = withoutNull(selector.plan(Protocol.TCP, port, true, options.intensity()));
                        soft = Optional.empty();
                        continue;
                    }
                }
                if (m.isPresent() && !m.get().soft()) {
                    return found(m.get(), tls);
                }
                if (m.isPresent() && soft.isEmpty()) {
                    soft = m;
                    queue = narrowed(queue, m.get());
                }
                if (banner.isEmpty()) {
                    banner = Banner.printable(a.bytes());
                }
            }
            if (soft.isPresent()) {
                return found(soft.get(), tls);
            }
            return ServiceDetails.fromTable(tableName.orElse("unknown"), tls, banner);
        } catch (IOException e) {
            // the port stopped answering (closed since the port scan, or the host went away)
            return ServiceDetails.fromTable(tableName.orElse("unknown"), tls, banner);
        }
    }

    private static Deque<Probe> withoutNull(List<Probe> plan) {
        Deque<Probe> queue = new ArrayDeque<>(plan);
        queue.removeIf(Probe::isNull);
        return queue;
    }

    /** After a soft match only the probes that can still name that service's version are worth sending. */
    private static Deque<Probe> narrowed(Deque<Probe> queue, ServiceMatch soft) {
        return new ArrayDeque<>(ProbeSelector.afterSoftMatch(List.copyOf(queue), soft.service()));
    }

    private Optional<TlsInspection.Tls> tls(InetSocketAddress to, Optional<String> serverName, Waits waits)
            throws IOException {
        Duration wait = Duration.ofMillis(waits.forTls());
        ServerAnswer answer = TlsProbe.hello(to, TlsVersion.TLS_1_3, serverName, wait);
        if (!(answer instanceof ServerAnswer.Hello || answer instanceof ServerAnswer.HelloRetry
                || answer instanceof ServerAnswer.Alert)) {
            return Optional.empty();
        }
        TlsInspection inspection = new TlsInspector(wait, options.checkTlsVersions()).inspect(to, serverName);
        return inspection instanceof TlsInspection.Tls t ? Optional.of(t) : Optional.empty();
    }

    private Optional<ServiceMatch> hard(Probe probe, int port, boolean tls, byte[] bytes) {
        return match(probe, port, tls, bytes).filter(m -> !m.soft());
    }

    private Optional<ServiceMatch> match(Probe probe, int port, boolean tls, byte[] bytes) {
        if (bytes.length == 0) {
            return Optional.empty();
        }
        return matcher.match(Response.of(Protocol.TCP, probe.name(), port, tls, bytes));
    }

    private static Socket connect(InetSocketAddress to, Waits waits) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(to, (int) waits.connect());
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** A fresh connection for one probe, inside TLS when the service speaks it; null when TLS fails this time. */
    private static Socket open(InetSocketAddress to, Optional<String> serverName, boolean tls, Waits waits)
            throws IOException {
        Socket plain = connect(to, waits);
        if (!tls) {
            return plain;
        }
        try {
            plain.setSoTimeout((int) waits.forTls());
            return TlsSockets.client(plain, to, serverName);
        } catch (IOException e) {
            plain.close();
            return null;
        }
    }

    private static ServiceDetails found(ServiceMatch m, Optional<TlsInspection.Tls> tls) {
        return new ServiceDetails(m.service(), m.product(), m.version(), m.info(), m.hostname(), m.os(),
                m.device(), m.cpes(), ServiceDetails.Method.PROBED, 10, tls, "");
    }

    private static ServiceDetails tcpwrapped() {
        return new ServiceDetails("tcpwrapped", "", "", "", "", "", "", List.of(), ServiceDetails.Method.PROBED, 8,
                Optional.empty(), "");
    }
}
