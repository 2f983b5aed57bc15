package dev.portolan.technique.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.portolan.api.Progress;
import dev.portolan.api.ScanConfig;
import dev.portolan.api.ScanListener;
import dev.portolan.engine.TimingTemplate;
import dev.portolan.net.Errno;
import dev.portolan.net.NativeAccess;
import dev.portolan.result.HostResult;
import dev.portolan.result.HostStatus;
import dev.portolan.result.PortResult;
import dev.portolan.result.PortState;
import dev.portolan.result.Reason;
import dev.portolan.result.ScanSummary;
import dev.portolan.target.PortList;
import dev.portolan.target.Protocol;
import dev.portolan.target.Target;
import dev.portolan.target.TargetSet;
import dev.portolan.technique.discovery.LocalAddresses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectScannerTest {
    /** -T4 with a short first timeout, so the dropped ports of these tests cost little. */
    private static final TimingTemplate FAST = TimingTemplate.AGGRESSIVE.withInitialRttTimeout(Duration.ofMillis(200));

    private final Loopback lo = new Loopback();
    private final Recorder recorder = new Recorder();
    private final InetAddress v4 = InetAddress.getLoopbackAddress();

    ConnectScannerTest() {
    }

    @AfterEach
    void closeListeners() {
        lo.close();
    }

    /** Everything the scanner reported. */
    static final class Recorder implements ScanListener {
        final List<PortResult> portsDone = Collections.synchronizedList(new ArrayList<>());
        final List<HostResult> hosts = new CopyOnWriteArrayList<>();
        final List<Progress> progress = new CopyOnWriteArrayList<>();
        final List<String> warnings = new CopyOnWriteArrayList<>();

        @Override
        public void portDone(Target target, PortResult result) {
            portsDone.add(result);
        }

        @Override
        public void hostDone(HostResult host) {
            hosts.add(host);
        }

        @Override
        public void progress(Progress p) {
            progress.add(p);
        }

        @Override
        public void warning(String message) {
            warnings.add(message);
        }
    }

    /** The sockets under test: what this machine would pick (epoll on Linux); subclasses pick others. */
    Sockets sockets() {
        return Sockets.preferred();
    }

    /** {@link #sockets()} whose socket call fails with "Too many open files" whenever {@code fail} says so. */
    Sockets scarceSockets(BooleanSupplier fail) {
        if (!NativeAccess.available()) {
            return ConnectScannerNioTest.scarceNio(fail);
        }
        return new EpollSockets((libc, family) -> fail.getAsBoolean() ? -Errno.EMFILE
                : EpollSockets.SYSTEM.open(libc, family));
    }

    private ConnectScanner scanner(ScanConfig config, ScanListener listener) {
        return new ConnectScanner(config, listener, LocalAddresses.ofThisMachine(), ConnectIo.defaultLanes(),
                probes -> sockets());
    }

    private static ScanConfig.Builder config(List<InetAddress> hosts, int... ports) {
        List<Target> targets = hosts.stream().map(Target::of).toList();
        return ScanConfig.builder(TargetSet.of(targets), PortList.of(Protocol.TCP, ports)).timing(FAST);
    }

    private static PortResult port(int port, PortState state, Reason reason) {
        return new PortResult(Protocol.TCP, port, state, reason, 0,
                dev.portolan.service.ServiceNames.builtin().name(Protocol.TCP, port));
    }

    @Test
    void reportsExactStatesAndReasonsOnLoopback() throws IOException {
        int open1 = lo.listen(v4);
        int open2 = lo.listen(v4);
        int closed1 = Loopback.closedPort(v4);
        int closed2 = Loopback.closedPort(v4);
        int dropped = lo.blackhole(v4);
        Set<Integer> listening = Loopback.listeningFor(v4);
        int[] range = IntStream.rangeClosed(1, 300).toArray();
        int[] all = IntStream.concat(IntStream.of(open1, open2, closed1, closed2, dropped), IntStream.of(range))
                .toArray();

        ScanSummary summary = scanner(config(List.of(v4), all).build(), recorder).run();

        assertThat(recorder.hosts).hasSize(1);
        HostResult host = recorder.hosts.getFirst();
        assertThat(host.status()).isEqualTo(HostStatus.UP);
        assertThat(host.statusReason()).isEqualTo(Reason.LOCALHOST_RESPONSE);
        assertThat(host.timedOut()).isFalse();
        int[] expectedPorts = IntStream.of(all).distinct().sorted().toArray();
        assertThat(host.ports()).extracting(PortResult::port).containsExactly(IntStream.of(expectedPorts).boxed()
                .toArray(Integer[]::new));
        assertThat(host.ports()).contains(
                port(open1, PortState.OPEN, Reason.SYN_ACK),
                port(open2, PortState.OPEN, Reason.SYN_ACK),
                port(closed1, PortState.CLOSED, Reason.CONN_REFUSED),
                port(closed2, PortState.CLOSED, Reason.CONN_REFUSED),
                port(dropped, PortState.FILTERED, Reason.NO_RESPONSE));
        for (int p : range) {
            if (!listening.contains(p)) {
                assertThat(host.ports()).contains(port(p, PortState.CLOSED, Reason.CONN_REFUSED));
            }
        }
        assertThat(recorder.portsDone).containsExactlyInAnyOrderElementsOf(host.ports());
        assertThat(host.times()).isPresent();
        assertThat(summary.hostsUp()).isEqualTo(1);
        assertThat(summary.hostsDown()).isZero();
        assertThat(summary.interrupted()).isFalse();
        // the dropped port: a first try and nmap's one retry, both unanswered
        assertThat(summary.probesUnanswered()).isEqualTo(1);
        assertThat(summary.probesRetried()).isEqualTo(1);
        assertThat(summary.probesSent()).isEqualTo(expectedPorts.length + 1L);
        assertThat(recorder.warnings).isEmpty();
    }

    @Test
    void scansIpv6Loopback() throws IOException {
        InetAddress v6 = InetAddress.getByName("::1");
        int open;
        try {
            open = lo.listen(v6);
        } catch (IOException e) {
            assumeThat(e).as("IPv6 loopback is not available here").isNull();
            return;
        }
        int closed = Loopback.closedPort(v6);
        ScanSummary summary = scanner(config(List.of(v6), open, closed).build(), recorder).run();
        HostResult host = recorder.hosts.getFirst();
        assertThat(host.target().ip()).isEqualTo("::1");
        assertThat(host.status()).isEqualTo(HostStatus.UP);
        assertThat(host.ports()).containsExactlyInAnyOrder(
                port(open, PortState.OPEN, Reason.SYN_ACK),
                port(closed, PortState.CLOSED, Reason.CONN_REFUSED));
        assertThat(summary.probesSent()).isEqualTo(2);
    }

    @Test
    void allPortsOfLoopbackFindExactlyTheListeners() throws Exception {
        Set<Integer> mine = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            mine.add(lo.listen(v4));
        }
        Set<Integer> stable = new HashSet<>(Loopback.listeningFor(v4));
        Set<Integer> seen = Collections.synchronizedSet(new HashSet<>(stable));
        // other programs may open listeners meanwhile: watch the kernel's table while the scan runs
        AtomicBoolean scanning = new AtomicBoolean(true);
        ExecutorService watcher = Executors.newSingleThreadExecutor();
        Future<?> watching = watcher.submit(() -> {
            while (scanning.get()) {
                try {
                    seen.addAll(Loopback.listeningFor(v4));
                    Thread.sleep(20);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        int[] every = IntStream.rangeClosed(0, 65535).toArray();
        ScanSummary summary;
        try {
            summary = scanner(config(List.of(v4), every).build(), recorder).run();
        } finally {
            scanning.set(false);
            watcher.shutdown();
        }
        watching.get();
        Set<Integer> after = Loopback.listeningFor(v4);
        seen.addAll(after);
        stable.retainAll(after);

        HostResult host = recorder.hosts.getFirst();
        assertThat(host.ports()).hasSize(65536);
        for (int i = 0; i < 65536; i++) {
            assertThat(host.ports().get(i).port()).isEqualTo(i);
        }
        assertThat(recorder.portsDone).hasSize(65536);
        List<Integer> open = host.portsIn(PortState.OPEN).stream().map(PortResult::port).toList();
        assertThat(open).containsAll(mine);
        assertThat(seen).as("every open port was listening").containsAll(open);
        List<String> wrong = new ArrayList<>();
        for (PortResult p : host.ports()) {
            boolean never = !seen.contains(p.port());
            if (never && !(p.state() == PortState.CLOSED && p.reason() == Reason.CONN_REFUSED)) {
                wrong.add(p.port() + " " + p.state() + " " + p.reason());
            }
            if (stable.contains(p.port()) && p.state() == PortState.CLOSED) {
                wrong.add(p.port() + " listened throughout but came out closed");
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(summary.probesSent() - summary.probesRetried()).isEqualTo(65536);
        assertThat(summary.probesUnanswered()).isEqualTo(host.portsIn(PortState.FILTERED).size());
        assertThat(recorder.progress).isNotEmpty();
        Progress last = recorder.progress.getLast();
        assertThat(last.done()).isEqualTo(65536);
        assertThat(last.total()).isEqualTo(65536);
        assertThat(last.hostsDone()).isEqualTo(1);
    }

    @Test
    void cancelStopsTheScanAndReportsOnlyFinishedHosts() throws Exception {
        InetAddress second = InetAddress.getByName("127.0.0.2");
        int closed = Loopback.closedPort(v4);
        int dropped = lo.blackhole(second);
        TimingTemplate patient = TimingTemplate.NORMAL.withInitialRttTimeout(Duration.ofSeconds(30))
                .withMaxRttTimeout(Duration.ofSeconds(30));
        ConnectScanner[] scanner = new ConnectScanner[1];
        ScanListener cancelOnFirstHost = new ScanListener() {
            @Override
            public void hostDone(HostResult host) {
                recorder.hosts.add(host);
                scanner[0].cancel();
            }
        };
        ScanConfig cfg = config(List.of(v4, second), closed, dropped).timing(patient).build();
        scanner[0] = scanner(cfg, cancelOnFirstHost);
        ScanSummary summary = scanner[0].run();

        assertThat(summary.interrupted()).isTrue();
        assertThat(recorder.hosts).extracting(h -> h.target().ip()).containsExactly("127.0.0.1");
        assertThat(summary.hostsUp()).isEqualTo(1);
        assertThat(summary.exitLabel()).isEqualTo("error");
    }

    @Test
    void cancelFromAnotherThreadEndsAScanThatWouldTakeMinutes() throws Exception {
        int dropped = lo.blackhole(v4);
        TimingTemplate patient = TimingTemplate.NORMAL.withInitialRttTimeout(Duration.ofSeconds(30))
                .withMaxRttTimeout(Duration.ofSeconds(30));
        ConnectScanner scanner = scanner(config(List.of(v4), dropped).timing(patient).build(), recorder);
        ExecutorService runner = Executors.newSingleThreadExecutor();
        Future<ScanSummary> result = runner.submit(scanner::run);
        while (recorder.progress.isEmpty()) {
            Thread.sleep(10);
        }
        scanner.cancel();
        ScanSummary summary = result.get(10, TimeUnit.SECONDS);
        runner.shutdown();
        assertThat(summary.interrupted()).isTrue();
        assertThat(recorder.hosts).isEmpty();
        assertThat(summary.probesSent()).isEqualTo(1);
    }

    @Test
    void hostTimeoutReportsTheHostCutShort() throws IOException {
        int closed = Loopback.closedPort(v4);
        int dropped = lo.blackhole(v4);
        TimingTemplate t = TimingTemplate.NORMAL.withInitialRttTimeout(Duration.ofSeconds(20))
                // the dropped port's probe must outlive the host timeout also once a round trip is measured
                .withMinRttTimeout(Duration.ofSeconds(20))
                .withMaxRttTimeout(Duration.ofSeconds(20)).withHostTimeout(Duration.ofMillis(300));
        ScanSummary summary = scanner(config(List.of(v4), closed, dropped).timing(t).build(), recorder)
                .run();
        HostResult host = recorder.hosts.getFirst();
        assertThat(host.timedOut()).isTrue();
        assertThat(host.status()).isEqualTo(HostStatus.UP);
        assertThat(host.ports()).containsExactly(port(closed, PortState.CLOSED, Reason.CONN_REFUSED));
        assertThat(summary.interrupted()).isFalse();
        assertThat(summary.hostsUp()).isEqualTo(1);
    }

    @Test
    void connectPingFindsAHostUpAndPingOnlySkipsThePorts() throws IOException {
        Set<Integer> listening = Loopback.listeningFor(v4);
        ScanConfig cfg = config(List.of(v4), 1, 2, 3).pingOnly(true).build();
        // loopback would be up without a probe; pretend it is a remote host to exercise the ping
        ScanSummary summary = new ConnectScanner(cfg, recorder, a -> false, 2, probes -> sockets()).run();
        HostResult host = recorder.hosts.getFirst();
        assertThat(host.status()).isEqualTo(HostStatus.UP);
        if (!listening.contains(80) && !listening.contains(443)) {
            assertThat(host.statusReason()).isEqualTo(Reason.CONN_REFUSED);
        } else {
            assertThat(host.statusReason()).isIn(Reason.CONN_REFUSED, Reason.SYN_ACK);
        }
        assertThat(host.ports()).isEmpty();
        assertThat(recorder.portsDone).isEmpty();
        assertThat(summary.probesSent()).isBetween(1L, 2L);
        assertThat(summary.hostsUp()).isEqualTo(1);
    }

    @Test
    void skipDiscoveryMarksHostsUpByTheUser() throws IOException {
        int closed = Loopback.closedPort(v4);
        ScanConfig cfg = config(List.of(v4), closed).skipDiscovery(true).build();
        scanner(cfg, recorder).run();
        HostResult host = recorder.hosts.getFirst();
        assertThat(host.statusReason()).isEqualTo(Reason.USER_SET);
        assertThat(host.ports()).containsExactly(port(closed, PortState.CLOSED, Reason.CONN_REFUSED));
    }

    @Test
    void manyLoopbackHostsAreEachReportedOnceWithAllPorts() throws IOException {
        List<InetAddress> hosts = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            hosts.add(InetAddress.getByName("127.0.1." + i));
        }
        int open = lo.listen(InetAddress.getByName("127.0.1.7"));
        int closed = Loopback.closedPort(v4);
        ScanSummary summary = scanner(config(hosts, open, closed).seed(7).build(), recorder).run();
        assertThat(recorder.hosts).hasSize(40);
        assertThat(recorder.hosts).extracting(h -> h.target().ip()).doesNotHaveDuplicates();
        for (HostResult h : recorder.hosts) {
            PortState expected = h.target().ip().equals("127.0.1.7") ? PortState.OPEN : PortState.CLOSED;
            assertThat(h.ports()).extracting(PortResult::port).containsExactly(Math.min(open, closed),
                    Math.max(open, closed));
            assertThat(h.ports()).filteredOn(p -> p.port() == open).extracting(PortResult::state)
                    .containsExactly(expected);
        }
        assertThat(recorder.portsDone).hasSize(80);
        assertThat(summary.hostsUp()).isEqualTo(40);
        assertThat(summary.probesSent()).isEqualTo(80);
    }

    @Test
    void runningOutOfDescriptorsSlowsDownAndLosesNothing() throws IOException {
        int open = lo.listen(v4);
        int[] ports = IntStream.concat(IntStream.of(open), IntStream.rangeClosed(1, 200)).toArray();
        AtomicInteger opened = new AtomicInteger();
        // every fifth socket fails as if the process were out of descriptors
        Sockets scarce = scarceSockets(() -> opened.incrementAndGet() % 5 == 0);
        Set<Integer> listening = Loopback.listeningFor(v4);
        ScanSummary summary = new ConnectScanner(config(List.of(v4), ports).build(), recorder,
                dev.portolan.technique.discovery.LocalAddresses.loopbackOnly(), 2, probes -> scarce).run();
        HostResult host = recorder.hosts.getFirst();
        assertThat(host.ports()).hasSize(201);
        assertThat(host.ports()).contains(port(open, PortState.OPEN, Reason.SYN_ACK));
        for (int p = 1; p <= 200; p++) {
            if (!listening.contains(p)) {
                assertThat(host.ports()).contains(port(p, PortState.CLOSED, Reason.CONN_REFUSED));
            }
        }
        // the failed opens are not probes: each port went out once
        assertThat(summary.probesSent()).isEqualTo(201);
        assertThat(summary.probesRetried()).isZero();
        assertThat(recorder.warnings).hasSize(1);
        assertThat(recorder.warnings.getFirst()).contains("Too many open files").contains("slowing down");
    }

    @Test
    void runsOnlyOnce() {
        ConnectScanner s = new ConnectScanner(config(List.of(v4), 1).build(), ScanListener.NONE);
        s.run();
        org.assertj.core.api.Assertions.assertThatThrownBy(s::run).isInstanceOf(IllegalStateException.class);
    }
}
