package dev.portolan.service.detect;

import dev.portolan.result.ServiceDetails;
import dev.portolan.service.probe.Probe;
import dev.portolan.service.probe.ProbeSelector;
import dev.portolan.service.probe.Response;
import dev.portolan.service.probe.ServiceMatch;
import dev.portolan.service.probe.ServiceMatcher;
import dev.portolan.target.Protocol;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Finds out what one UDP port runs, with nmap's probes and rules: the UDP probes the selector plans (those listing
 * the port first, then by rarity), each from a socket of its own so a late answer is never taken for another
 * probe's; the first hard match in plan order wins, a soft match narrows the rest. Unlike nmap, which waits 5 s on
 * each probe in turn, probes go out in waves ({@link #WAVE}; the probes listing the port form the first waves) and a
 * wave ends when every probe in it has its answer or its wait: a silent port costs a few waits, not one per probe.
 * Thread-safe; one per scan.
 */
final class UdpProber {
    /** Probes in flight at once to one port. */
    static final int WAVE = 8;

    private final ProbeSelector selector;
    private final ServiceMatcher matcher;
    private final VersionOptions options;
    private final BooleanSupplier cancelled;
    private final ExecutorService threads;

    UdpProber(ProbeSelector selector, ServiceMatcher matcher, VersionOptions options, BooleanSupplier cancelled,
              ExecutorService threads) {
        this.selector = selector;
        this.matcher = matcher;
        this.options = options;
        this.cancelled = cancelled;
        this.threads = threads;
    }

    /**
     * What one UDP port's probing found.
     *
     * @param answered a datagram came back to some probe: the port is open, whatever the port scan said
     * @param details what it runs; empty when nothing answered (the port keeps its table name, as with nmap)
     */
    record Outcome(boolean answered, Optional<ServiceDetails> details) {
        static final Outcome SILENT = new Outcome(false, Optional.empty());
    }

    /** One probe's exchange: the bytes that came back (empty: none), or the port said it is closed. */
    record Answer(byte[] bytes, boolean refused, long micros) {
        static final Answer NONE = new Answer(new byte[0], false, 0);

        boolean silent() {
            return bytes.length == 0;
        }
    }

    /**
     * What runs on UDP port {@code to}.
     *
     * @param rtt the host's round-trip estimate, shared by its ports: waits follow it, answers refine it
     * @param tableName the port table's name for the port, reported when an answer matches nothing
     */
    Outcome probe(InetSocketAddress to, HostRtt rtt, Optional<String> tableName) {
        long budgetEnd = System.nanoTime() + options.portBudget().toNanos();
        int port = to.getPort();
        List<Probe> planned = selector.plan(Protocol.UDP, port, false, options.intensity());
        Deque<Probe> queue = new ArrayDeque<>(planned);
        long listing = planned.stream().filter(p -> p.lists(port, false)).count();
        Optional<ServiceMatch> soft = Optional.empty();
        boolean answered = false;
        String banner = "";
        int sent = 0;
        while (!queue.isEmpty() && !cancelled.getAsBoolean() && System.nanoTime() < budgetEnd) {
            // the probes listing the port go in waves of their own: likely answers before any stranger's payload
            int size = (int) Math.min(WAVE, sent < listing ? listing - sent : WAVE);
            List<Probe> wave = new ArrayList<>(size);
            while (wave.size() < size && !queue.isEmpty()) {
                wave.add(queue.poll());
            }
            sent += wave.size();
            Waits waits = new Waits(options.minWait(), rtt.micros());
            Wave w = new Wave(to, wave, waits, rtt, soft);
            w.run();
            answered |= w.answeredAny();
            if (w.found.isPresent()) {
                return new Outcome(true, Optional.of(found(w.found.get())));
            }
            if (w.refused) {
                // the port unreachable says the service went away since the port scan: nothing more to learn
                break;
            }
            if (soft.isEmpty() && w.soft.isPresent()) {
                soft = w.soft;
                queue = new ArrayDeque<>(ProbeSelector.afterSoftMatch(List.copyOf(queue), soft.get().service()));
            }
            if (banner.isEmpty()) {
                banner = w.firstBanner();
            }
        }
        if (soft.isPresent()) {
            return new Outcome(true, Optional.of(found(soft.get())));
        }
        if (!answered) {
            return Outcome.SILENT;
        }
        return new Outcome(true, Optional.of(ServiceDetails.fromTable(tableName.orElse("unknown"), Optional.empty(),
                banner)));
    }

    /** One wave of probes to one port, each on its own socket, judged in plan order as nmap's sequence would be. */
    private final class Wave {
        final InetSocketAddress to;
        final List<Probe> probes;
        final Waits waits;
        final HostRtt rtt;
        final Optional<ServiceMatch> softBefore;
        final Answer[] answers;
        final List<Optional<ServiceMatch>> matches;
        final DatagramSocket[] sockets;
        Optional<ServiceMatch> found = Optional.empty();
        Optional<ServiceMatch> soft = Optional.empty();
        boolean refused;
        /** Set once the wave is decided: probes not yet sent are not sent. */
        volatile boolean over;

        Wave(InetSocketAddress to, List<Probe> probes, Waits waits, HostRtt rtt, Optional<ServiceMatch> softBefore) {
            this.to = to;
            this.probes = probes;
            this.waits = waits;
            this.rtt = rtt;
            this.softBefore = softBefore;
            this.answers = new Answer[probes.size()];
            this.sockets = new DatagramSocket[probes.size()];
            this.matches = new ArrayList<>(Collections.nCopies(probes.size(), null));
        }

        /** The longest any probe of the wave waits, and a second more for the threads to report. */
        long longestWait() {
            return probes.stream().mapToLong(waits::forProbe).max().orElse(0) + 1000;
        }

        void run() {
            LinkedBlockingQueue<Done> done = new LinkedBlockingQueue<>();
            List<Future<?>> tasks = new ArrayList<>(probes.size());
            for (int i = 0; i < probes.size(); i++) {
                int k = i;
                tasks.add(threads.submit(() -> {
                    Probe probe = probes.get(k);
                    // the match of the first datagram, made to decide whether to read on, is kept for the judge
                    Memo memo = new Memo(to.getPort());
                    Answer a;
                    try {
                        a = exchange(k, bytes -> memo.match(probe, bytes).filter(m -> !m.soft()).isPresent());
                    } catch (IOException | RuntimeException e) {
                        // a socket that could not be opened, or was closed under the read: no answer
                        a = Answer.NONE;
                    }
                    done.add(new Done(k, a, memo.match(probe, a.bytes())));
                }));
            }
            try {
                for (int left = probes.size(); left > 0; left--) {
                    Done d = done.poll(longestWait(), TimeUnit.MILLISECONDS);
                    if (d == null) {
                        break;
                    }
                    answers[d.slot()] = d.answer();
                    matches.set(d.slot(), d.match());
                    if (!d.answer().silent()) {
                        rtt.sample(d.answer().micros());
                    }
                    if (d.answer().refused()) {
                        refused = true;
                        break;
                    }
                    if (judge()) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                // the wave is decided: the probes still waiting stop now
                over = true;
                for (Future<?> t : tasks) {
                    t.cancel(true);
                }
                synchronized (sockets) {
                    for (DatagramSocket s : sockets) {
                        if (s != null) {
                            s.close();
                        }
                    }
                }
            }
            // what did not report in time counts as silence
            for (int i = 0; i < answers.length; i++) {
                if (answers[i] == null) {
                    answers[i] = Answer.NONE;
                }
            }
            judge();
        }

        /**
         * The answers so far in plan order: true once a hard match is certain to be the one nmap's sequence would
         * give (every probe before it is done). A probe nmap would have left out after an earlier soft match is
         * skipped.
         */
        boolean judge() {
            Optional<ServiceMatch> s = softBefore;
            Optional<ServiceMatch> firstSoft = Optional.empty();
            for (int i = 0; i < probes.size(); i++) {
                Answer a = answers[i];
                if (a == null) {
                    return false;
                }
                Probe p = probes.get(i);
                if (s.isPresent() && !p.detects(s.get().service())) {
                    continue;
                }
                if (matches.get(i) == null) {
                    matches.set(i, match(p, to.getPort(), a.bytes()));
                }
                Optional<ServiceMatch> m = matches.get(i);
                if (m.isPresent() && !m.get().soft()) {
                    found = m;
                    return true;
                }
                if (m.isPresent() && s.isEmpty()) {
                    s = m;
                    firstSoft = m;
                }
            }
            soft = firstSoft;
            return false;
        }

        boolean answeredAny() {
            for (Answer a : answers) {
                if (a != null && !a.silent()) {
                    return true;
                }
            }
            return false;
        }

        String firstBanner() {
            for (Answer a : answers) {
                if (a != null && !a.silent()) {
                    return Banner.printable(a.bytes());
                }
            }
            return "";
        }

        private Answer exchange(int k, Predicate<byte[]> hard) throws IOException {
            Probe probe = probes.get(k);
            DatagramSocket s = new DatagramSocket();
            synchronized (sockets) {
                if (over) {
                    s.close();
                    return Answer.NONE;
                }
                sockets[k] = s;
            }
            try (s) {
                s.connect(to);
                return Datagrams.exchange(s, probe.payload(), waits.forProbe(probe), waits.quiet(), hard);
            }
        }
    }

    /** A probe's answer as its thread reports it, with what it matched. */
    private record Done(int slot, Answer answer, Optional<ServiceMatch> match) {
    }

    /** The last bytes matched and the result: one answer is matched once, however often it is asked about. */
    private final class Memo {
        private final int port;
        private byte[] bytes;
        private Optional<ServiceMatch> result = Optional.empty();

        Memo(int port) {
            this.port = port;
        }

        Optional<ServiceMatch> match(Probe probe, byte[] answer) {
            if (bytes == null || !Arrays.equals(bytes, answer)) {
                bytes = answer;
                result = UdpProber.this.match(probe, port, answer);
            }
            return result;
        }
    }

    private Optional<ServiceMatch> match(Probe probe, int port, byte[] bytes) {
        if (bytes.length == 0) {
            return Optional.empty();
        }
        return matcher.match(Response.of(Protocol.UDP, probe.name(), port, false, bytes));
    }

    private static ServiceDetails found(ServiceMatch m) {
        return new ServiceDetails(m.service(), m.product(), m.version(), m.info(), m.hostname(), m.os(),
                m.device(), m.cpes(), ServiceDetails.Method.PROBED, 10, Optional.empty(), "");
    }
}
