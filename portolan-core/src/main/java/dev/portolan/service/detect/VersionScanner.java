package dev.portolan.service.detect;

import dev.portolan.result.HostResult;
import dev.portolan.result.HostTimes;
import dev.portolan.result.PortResult;
import dev.portolan.result.PortState;
import dev.portolan.result.Reason;
import dev.portolan.result.ServiceDetails;
import dev.portolan.service.probe.NmapProbes;
import dev.portolan.service.probe.ServiceCatalog;
import dev.portolan.target.Protocol;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Version detection over a port scan's results: every open TCP port and every open or open|filtered UDP port of a
 * host is probed (ports of all hosts in parallel, up to the options' limit) and its result gains
 * {@link ServiceDetails}. Thread-safe; one per scan.
 */
public final class VersionScanner implements AutoCloseable {
    private final ServiceCatalog catalog;
    private final PortProber prober;
    private final UdpProber udpProber;
    private final Semaphore slots;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    public VersionScanner(VersionOptions options, ServiceCatalog catalog) {
        this.catalog = catalog;
        this.prober = new PortProber(catalog.selector(), catalog.matcher(), options, cancelled::get);
        this.udpProber = new UdpProber(catalog.selector(), catalog.matcher(), options, cancelled::get, threads);
        this.slots = new Semaphore(options.parallelism());
    }

    /** A scanner over Portolan's signatures, and nmap's when installed and wanted. */
    public static VersionScanner of(VersionOptions options) {
        ServiceCatalog catalog = ServiceCatalog.load(options.signatureFiles(), options.nmapProbes(),
                NmapProbes.DEFAULT_PATH);
        return new VersionScanner(options, catalog);
    }

    /** Lines the user may want to know about the signatures (nmap's file missing, lines Java cannot express). */
    public List<String> notes() {
        return catalog.notes();
    }

    /**
     * {@code host} with details on each open TCP port and each open or open|filtered UDP port; a UDP port that
     * answers a probe becomes open (udp-response), as with nmap. After {@link #cancel()} the ports not yet done stay
     * bare.
     */
    public HostResult detect(HostResult host) {
        List<PortResult> ports = host.ports();
        List<Future<PortResult>> pending = new ArrayList<>(ports.size());
        long srtt = host.times().map(HostTimes::srttMicros).orElse(0L);
        HostRtt udpRtt = new HostRtt(srtt);
        Optional<String> serverName = host.target().userName();
        for (PortResult p : ports) {
            if (!probed(p) || cancelled.get()) {
                pending.add(null);
                continue;
            }
            InetSocketAddress to = new InetSocketAddress(host.target().address(), p.port());
            pending.add(threads.submit(() -> {
                slots.acquire();
                try {
                    return p.protocol() == Protocol.UDP ? udp(p, to, udpRtt)
                            : p.withDetails(prober.probe(to, serverName, srtt, p.service()));
                } finally {
                    slots.release();
                }
            }));
        }
        List<PortResult> out = new ArrayList<>(ports.size());
        for (int i = 0; i < ports.size(); i++) {
            out.add(pending.get(i) == null ? ports.get(i) : await(pending.get(i), ports.get(i)));
        }
        return host.withPorts(out);
    }

    private static boolean probed(PortResult p) {
        return switch (p.protocol()) {
            case TCP -> p.state() == PortState.OPEN;
            case UDP -> p.state() == PortState.OPEN || p.state() == PortState.OPEN_FILTERED;
            default -> false;
        };
    }

    private PortResult udp(PortResult p, InetSocketAddress to, HostRtt rtt) {
        UdpProber.Outcome o = udpProber.probe(to, rtt, p.service());
        if (!o.answered()) {
            // silence says nothing new: the port keeps its state; an open one (it answered the port scan) shows its
            // table name as unconfirmed, as an open TCP port nothing recognises does
            return p.state() == PortState.OPEN ? p.withDetails(ServiceDetails.fromTable(
                    p.service().orElse("unknown"), Optional.empty(), "")) : p;
        }
        PortResult open = p.state() == PortState.OPEN ? p
                : new PortResult(p.protocol(), p.port(), PortState.OPEN, Reason.UDP_RESPONSE, 0, p.service());
        return o.details().map(open::withDetails).orElse(open);
    }

    private static PortResult await(Future<PortResult> f, PortResult bare) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            // a probe that failed in an unforeseen way leaves the port as the port scan found it
            return bare;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return bare;
        }
    }

    /** Stops sending further probes; ports being probed finish their current probe. */
    public void cancel() {
        cancelled.set(true);
    }

    @Override
    public void close() {
        cancel();
        threads.shutdownNow();
    }
}
