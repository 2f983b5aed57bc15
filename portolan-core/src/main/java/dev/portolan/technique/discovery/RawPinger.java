package dev.portolan.technique.discovery;

import dev.portolan.engine.FeistelPermutation;
import dev.portolan.engine.Permutation;
import dev.portolan.engine.TimingTemplate;
import dev.portolan.engine.cookie.KeyMaterial;
import dev.portolan.engine.cookie.SipHash;
import dev.portolan.engine.cookie.SynCookie;
import dev.portolan.net.ErrnoException;
import dev.portolan.net.HardwareAddress;
import dev.portolan.net.Interface;
import dev.portolan.net.Libc;
import dev.portolan.net.NativeSocket;
import dev.portolan.net.PacketBatch;
import dev.portolan.net.PacketSocket;
import dev.portolan.net.Poll;
import dev.portolan.net.RawSocket;
import dev.portolan.net.Route;
import dev.portolan.net.RouteLookup;
import dev.portolan.net.RoutePrefix;
import dev.portolan.net.RoutePrefixes;
import dev.portolan.net.SendThread;
import dev.portolan.net.Sockaddr;
import dev.portolan.packet.InternetChecksum;
import dev.portolan.packet.Ipv4EchoTemplate;
import dev.portolan.result.HostInventory;
import dev.portolan.result.Reason;
import dev.portolan.target.Addresses;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;

/**
 * Stateless raw discovery (root or CAP_NET_RAW): ICMP echo, timestamp and mask requests, TCP SYN and ACK, UDP over
 * raw IPv4 sockets, ICMPv6 echo over a raw IPv6 socket, and ARP over AF_PACKET on directly connected segments.
 * Each round is a few passes over a permutation of the hosts not yet answered; replies are validated by keyed
 * hashes (ICMP identifier and sequence, TCP cookie), so no table of sent probes is kept. The probes of a pass leave
 * in sendmmsg(2) batches, one per socket, and replies come in with recvmmsg(2).
 */
final class RawPinger implements HostDiscovery {
    private static final int BATCH = 64;
    private static final int SMALL_SWEEP = 1024;
    /**
     * Loops over every host run in chunks of this many, a method call per chunk: a method is compiled after about a
     * hundred calls, where a loop run once in a method's one call is only compiled by on-stack replacement after
     * some 60 000 rounds, near the end of a /16, and runs interpreted until then.
     */
    private static final int CHUNK = 64;
    /** Send threads for a large sweep's echo requests: one per core, at most two (as the raw TCP scan). */
    private static final int SEND_THREADS = SendThread.perCore();
    private static final int SEND_BATCHES = 6;
    private static final int ARP_FRAME = 60;
    /** Room per reply slot: the headers read are within the first 100 bytes of any reply. */
    private static final int REPLY_ROOM = 256;
    /** A /16 answers in a burst: the default receive buffer holds a few hundred replies, this some tens of thousands. */
    private static final int RECEIVE_BUFFER = 16 << 20;
    private static final long MILLI = 1_000_000L;

    private final DiscoveryOptions options;
    private final SynCookie cookie = SynCookie.random();
    private final SipHash icmpKey;
    private final int sourcePort;
    private volatile boolean cancelled;

    RawPinger(DiscoveryOptions options) {
        this.options = options;
        this.icmpKey = SipHash.of(KeyMaterial.fresh(16));
        // the port only spreads the probes; the cookie is what proves a reply
        this.sourcePort = 20_000 + ThreadLocalRandom.current().nextInt(12_000);
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    @Override
    public List<PingVerdict> discover(List<InetAddress> hosts, TimingTemplate timing, double maxRate,
                                      Consumer<String> warnings) throws IOException {
        PingVerdict[] all = new PingVerdict[hosts.size()];
        discover(hosts, timing, maxRate, warnings, (i, v) -> all[i] = v);
        return Arrays.asList(all);
    }

    @Override
    public void discover(List<InetAddress> hosts, TimingTemplate timing, double maxRate, Consumer<String> warnings,
                         Verdicts each) throws IOException {
        try (Libc libc = Libc.open(); Arena arena = Arena.ofConfined()) {
            Sweep sweep = new Sweep(hosts, libc, arena, timing, maxRate, warnings, each);
            try {
                sweep.run();
            } finally {
                sweep.close();
            }
        }
    }

    /** {@link #icmpTag} of the IPv4 address whose bits are {@code address}, without its bytes. */
    int icmpTag4(int address) {
        long w = 0;
        for (int shift = 24; shift >= 0; shift -= 8) {
            w = w << 8 ^ (address >>> shift & 0xff) ^ (w >>> 56);
        }
        return (int) (icmpKey.hash(w, 4) & 0xffff);
    }

    /** The ICMP identifier for a target: a keyed hash, so that replies to other programs' pings do not count. */
    int icmpTag(byte[] address) {
        long w = 0;
        for (byte b : address) {
            w = w << 8 ^ (b & 0xff) ^ (w >>> 56);
        }
        return (int) (icmpKey.hash(w, address.length) & 0xffff);
    }

    /** One run of discovery over a list of hosts. */
    private final class Sweep {
        final List<InetAddress> hosts;
        final Libc libc;
        final TimingTemplate timing;
        final double maxRate;
        final Consumer<String> warnings;
        /** Takes each host's verdict once, as soon as it is final. */
        final Verdicts each;
        /** Whether the host's verdict went to {@link #each} already. */
        final boolean[] told;
        final int n;
        final int[] src4;
        final int[] dst4;
        final boolean[] v6;
        final Interface[] arpIface;
        /** The interface of an IPv6 host on a directly connected segment, asked by neighbour solicitation. */
        final Interface[] ndIface;
        final int[] tag;
        final long[] sentAt;
        final boolean[] answeredRound;
        /** The serial number of the last pass that sent to each host, to count the hosts a pass still waits for. */
        final int[] inPass;
        final Reason[] reason;
        final String[] probe;
        final int[] ttl;
        final String[] mac;
        final long[] firstRtt;
        final int[] received;
        final long[] rttMin;
        final long[] rttMax;
        final long[] rttSum;
        final boolean[] routable;
        final Ipv4Index byV4;
        final Map<InetAddress, Integer> byV6 = new HashMap<>();
        final Map<Integer, PacketSocket> arpSockets = new HashMap<>();
        /** Inventories are values: a sweep's hosts share one per probe and reply TTL (see {@link #sharedInventory}). */
        final Map<String, HostInventory[]> sharedInventories = new HashMap<>();
        final List<PingProbe> ipProbes = options.ipProbes();
        /**
         * A host gets ICMP echo first and the other probes only while it stays silent. nmap sends them all at once
         * and calls a host up on the first reply of any kind, with that reply's reason: so a host is up here exactly
         * when nmap would find it up, and its reason is one nmap could give (the one of the probe that went first).
         */
        final ProbeStages stages;
        /** How many times each probe goes out in a round: the first try and the retries. */
        final int sends;
        final Sockaddr to;
        /** IPv6 replies come without their header: the hop limit arrives as ancillary data, read in batches. */
        final PacketBatch batch6;
        /** Replies of the IPv4 sockets and ARP, read a batch at a time. */
        final PacketBatch replies;
        final Arena arena;
        final byte[] buffer = new byte[2048];
        final byte[] echo = new byte[16];
        final byte[] timestamp = new byte[20];
        final byte[] mask = new byte[12];
        /** Echo requests with their IPv4 header for the send threads, the per-host fields patched in place. */
        Ipv4EchoTemplate echoTemplate;
        /** An ICMP request behind its IPv4 header, for the send threads (see {@link #withIpv4Header}). */
        byte[] ipIcmp = new byte[0];
        RawSocket icmp4;
        RawSocket tcp4;
        RawSocket udp4;
        RawSocket icmp6;
        PingOutbox icmp4Out;
        PingOutbox tcp4Out;
        PingOutbox udp4Out;
        PingOutbox icmp6Out;
        final Map<Integer, PingOutbox> arpOut = new HashMap<>();
        final List<PingOutbox> outboxes = new ArrayList<>();
        /** The serial number of the current pass, and how many of the hosts it sent to have not answered yet. */
        int pass;
        int waiting;
        Poll poll;
        int pollCount;
        final List<IntSupplier> readers = new ArrayList<>();
        int round;
        long maxSeenRtt;
        long windowStart;
        long windowSent;
        /**
         * When the batch of replies being read came in: every reply of a batch was there when the call returned, so
         * one clock reading serves them all (and a reply read later in a batch is not timed longer for it).
         */
        long receivedAt;

        Sweep(List<InetAddress> hosts, Libc libc, Arena arena, TimingTemplate timing, double maxRate,
              Consumer<String> warnings, Verdicts each) throws IOException {
            this.hosts = hosts;
            this.each = each;
            this.libc = libc;
            this.timing = timing;
            this.maxRate = maxRate;
            this.warnings = warnings;
            this.arena = arena;
            n = hosts.size();
            told = new boolean[n];
            sends = options.count() == 1 ? options.retries() + 1 : 1;
            stages = ProbeStages.of(ipProbes, sends);
            byV4 = new Ipv4Index(n);
            inPass = new int[n];
            src4 = new int[n];
            dst4 = new int[n];
            v6 = new boolean[n];
            arpIface = new Interface[n];
            ndIface = new Interface[n];
            tag = new int[n];
            sentAt = new long[n];
            answeredRound = new boolean[n];
            // one round (the default) reports each host at its first answer: nothing of it is kept
            int kept = options.count() == 1 ? 0 : n;
            reason = new Reason[kept];
            probe = new String[kept];
            ttl = new int[kept];
            mac = new String[kept];
            firstRtt = new long[kept];
            received = new int[kept];
            rttMin = new long[kept];
            rttMax = new long[kept];
            rttSum = new long[kept];
            routable = new boolean[n];
            to = Sockaddr.allocate(arena);
            batch6 = PacketBatch.allocate(arena, 32, 2048, 64);
            // IPv4 replies and ARP frames carry their sender: the kernel is not asked for it
            replies = PacketBatch.withoutAddresses(arena, BATCH, REPLY_ROOM);
            prepare();
        }

        private void prepare() throws IOException {
            boolean noRoute = false;
            // the kernel is asked once per routing-table prefix, not once per host of a /16
            RoutePrefixes prefixes;
            try {
                prefixes = RoutePrefixes.load();
            } catch (ErrnoException e) {
                throw new IOException("host discovery: " + e.getMessage(), e);
            }
            Routing routing = new Routing(prefixes);
            // a call per chunk of hosts (see CHUNK)
            for (int from = 0; from < n; from += CHUNK) {
                noRoute |= !prepare(from, Math.min(n, from + CHUNK), routing);
            }
            boolean otherThanEcho = ipProbes.stream().anyMatch(p -> p.kind() != PingKind.ECHO);
            if (!byV6.isEmpty() && !options.probes().isEmpty() && otherThanEcho) {
                warnings.accept("IPv6 hosts get ICMPv6 echo (and neighbour discovery on-link) only: the other "
                        + "probes are sent over IPv4");
            }
            if (noRoute) {
                warnings.accept("some targets have no route from here: they are reported down");
            }
            try {
                boolean any4 = !byV4.isEmpty();
                if (any4 && !ipProbes.isEmpty()) {
                    icmp4 = receiving(RawSocket.ipv4(libc, Libc.IPPROTO_ICMP));
                    icmp4Out = n >= SMALL_SWEEP && SEND_THREADS > 1 ? asyncOutbox() : outbox(icmp4);
                    readers.add(() -> read(icmp4, this::readIcmp4));
                    if (ipProbes.stream().anyMatch(p -> p.kind() == PingKind.SYN || p.kind() == PingKind.ACK)) {
                        tcp4 = receiving(RawSocket.ipv4(libc, Libc.IPPROTO_TCP));
                        tcp4Out = outbox(tcp4);
                        readers.add(() -> read(tcp4, this::readTcp4));
                    }
                    if (ipProbes.stream().anyMatch(p -> p.kind() == PingKind.UDP)) {
                        udp4 = receiving(RawSocket.ipv4(libc, Libc.IPPROTO_UDP));
                        udp4Out = outbox(udp4);
                        readers.add(() -> read(udp4, this::readUdp4));
                    }
                }
                if (!byV6.isEmpty()) {
                    icmp6 = RawSocket.ipv6(libc, Libc.IPPROTO_ICMPV6);
                    icmp6.setMulticastHopLimit(255);
                    icmp6.setHopLimit(255);
                    icmp6.setReceiveHopLimit(true);
                    icmp6Out = outbox(icmp6);
                    readers.add(() -> readIcmp6());
                }
                for (Interface iface : arpIface) {
                    if (iface != null && !arpSockets.containsKey(iface.index())) {
                        PacketSocket s = PacketSocket.open(libc, iface.index(), PacketSocket.ETH_P_ARP);
                        arpSockets.put(iface.index(), s);
                        arpOut.put(iface.index(), outbox(s));
                        readers.add(() -> read(s, this::readArp));
                    }
                }
            } catch (ErrnoException e) {
                close();
                throw new IOException("host discovery: " + e.getMessage(), e);
            }
            List<Integer> fds = new ArrayList<>();
            for (var s : new NativeSocket[]{icmp4, tcp4, udp4, icmp6}) {
                if (s != null) {
                    fds.add(s.fd());
                }
            }
            arpSockets.values().forEach(s -> fds.add(s.fd()));
            poll = Poll.allocate(libc, Math.max(1, fds.size()));
            for (int k = 0; k < fds.size(); k++) {
                poll.watch(k, fds.get(k), Poll.POLLIN);
            }
            pollCount = fds.size();
        }

        /** {@link #prepare(int, Routing)} of hosts {@code from} to {@code to}: false when one has no route. */
        private boolean prepare(int from, int to, Routing routing) {
            boolean all = true;
            for (int i = from; i < to; i++) {
                all &= prepare(i, routing);
            }
            return all;
        }

        /** Works out host {@code i}'s tag, route and source: false when it has no route. */
        private boolean prepare(int i, Routing routing) {
            // the hosts of a target set are read as bits, not made (see TargetHosts)
            TargetHosts view = hosts instanceof TargetHosts t ? t : null;
            if (view != null ? view.isIpv4(i) : hosts.get(i) instanceof Inet4Address) {
                int d = view != null ? view.ipv4Bits(i) : bits(hosts.get(i));
                tag[i] = icmpTag4(d);
                Route route = routing.ipv4(d);
                if (route == null) {
                    return false;
                }
                routable[i] = true;
                dst4[i] = d;
                src4[i] = routing.lastSource;
                byV4.put(d, i);
                if (routing.lastOnLink && options.usesArp()) {
                    arpIface[i] = route.iface();
                }
                return true;
            }
            InetAddress a = hosts.get(i);
            tag[i] = icmpTag(a.getAddress());
            Optional<Route> found = routing.prefixes.longestMatch(a).flatMap(p -> route(a, p, routing.routes));
            if (found.isEmpty()) {
                return false;
            }
            Route route = found.get();
            routable[i] = true;
            v6[i] = true;
            byV6.put(strip((Inet6Address) a), i);
            if (onLink(route) && options.usesArp()) {
                ndIface[i] = route.iface();
            }
            return true;
        }

        void run() {
            int passes = Math.max(sends, stages.passes());
            for (round = 0; round < options.count() && !cancelled; round++) {
                if (round > 0) {
                    // made false: the first round's needs no clearing
                    Arrays.fill(answeredRound, false);
                }
                for (int p = 0; p < passes && !cancelled; p++) {
                    // the hosts found are marked as this pass's already: the pass begins only when there are some
                    int[] pending = pending(p, pass + 1);
                    if (pending.length == 0) {
                        continue;
                    }
                    pass++;
                    waiting = pending.length;
                    List<PingProbe> probes = stages.in(p);
                    Permutation order = FeistelPermutation.of(pending.length,
                            tag.length == 0 ? 1 : (long) round << 32 ^ p ^ sourcePort);
                    // a small sweep sends and reads after every host, so that round trips are not inflated by batching
                    int hostsPerBatch = pending.length < SMALL_SWEEP ? 1 : BATCH;
                    for (int k = 0; k < pending.length && !cancelled; k += hostsPerBatch) {
                        sendBatch(pending, order, k, Math.min(pending.length, k + hostsPerBatch), probes);
                    }
                    // the wait shrinks as round trips become known: one reply ends the 1 s initial guess
                    long lastSend = System.nanoTime();
                    while (!cancelled && waiting > 0 && System.nanoTime() - (lastSend + waitNanos()) < 0) {
                        receive((int) Math.max(1, Math.min(10, (lastSend + waitNanos() - System.nanoTime()) / MILLI)));
                    }
                }
            }
            for (int from = 0; from < n; from += CHUNK) {
                tellRest(from, Math.min(n, from + CHUNK));
            }
        }

        /** The verdicts of hosts {@code from} to {@code to} not told yet. */
        private void tellRest(int from, int to) {
            for (int i = from; i < to; i++) {
                if (!told[i]) {
                    told[i] = true;
                    each.verdict(i, verdict(i));
                }
            }
        }

        /**
         * Sends to the hosts at positions {@code from} to {@code to} of the pass's {@code order}, then sends what is
         * filled and takes the answers in.
         */
        private void sendBatch(int[] pending, Permutation order, int from, int to, List<PingProbe> probes) {
            for (int k = from; k < to; k++) {
                send(pending[(int) order.map(k)], probes);
            }
            flush();
            receive(0);
        }

        /**
         * The routable hosts still waiting for an answer in this round that pass {@code p} sends to, in index order,
         * each marked as pass {@code mark}'s: ARP, neighbour solicitation and ICMPv6 echo are one probe each, sent in
         * the first passes only.
         */
        private int[] pending(int p, int mark) {
            boolean single = p < sends;
            boolean ip = !stages.in(p).isEmpty();
            int[] found = new int[n];
            int count = 0;
            for (int from = 0; from < n; from += CHUNK) {
                count = pending(from, Math.min(n, from + CHUNK), single, ip, mark, found, count);
            }
            return Arrays.copyOf(found, count);
        }

        /** Adds the waiting hosts of {@code from} to {@code to} to {@code found}, marked as pass {@code mark}'s. */
        private int pending(int from, int to, boolean single, boolean ip, int mark, int[] found, int count) {
            for (int i = from; i < to; i++) {
                if (waitsFor(i, single, ip)) {
                    inPass[i] = mark;
                    found[count++] = i;
                }
            }
            return count;
        }

        private boolean waitsFor(int i, boolean single, boolean ip) {
            return routable[i] && !answeredRound[i]
                    && (arpIface[i] != null || ndIface[i] != null || v6[i] ? single : ip);
        }

        /** How long a pass waits for late answers: a few round trips once any is known, else the initial timeout. */
        private long waitNanos() {
            long min = timing.minRttTimeout().toNanos();
            long max = timing.maxRttTimeout().toNanos();
            if (maxSeenRtt == 0) {
                return Math.min(timing.initialRttTimeout().toNanos(), max);
            }
            return Math.max(min, Math.min(max, 4 * maxSeenRtt + 10 * MILLI));
        }

        /** Fills host {@code i}'s probes of this pass into the outboxes: ARP or ND on-link, else {@code probes}. */
        private void send(int i, List<PingProbe> probes) {
            sentAt[i] = System.nanoTime();
            if (arpIface[i] != null) {
                sendArp(i);
            } else if (ndIface[i] != null) {
                sendSolicitation(i);
            } else if (v6[i]) {
                sendEcho6(i);
            } else {
                // by index: an iterator per host is garbage without escape analysis (C1)
                for (int k = 0; k < probes.size(); k++) {
                    sendIp4(i, probes.get(k));
                }
            }
        }

        private void flush() {
            for (PingOutbox o : outboxes) {
                o.flush();
            }
        }

        private void pace() {
            if (maxRate <= 0) {
                return;
            }
            long now = System.nanoTime();
            if (windowSent == 0) {
                windowStart = now;
            }
            windowSent++;
            long due = windowStart + (long) (windowSent * 1e9 / maxRate);
            if (due - now > 0) {
                // what is filled leaves before the wait, so that the rate holds packet by packet
                flush();
            }
            while (due - System.nanoTime() > 0 && !cancelled) {
                receive((int) Math.max(0, (due - System.nanoTime()) / MILLI));
                if (due - System.nanoTime() > 0 && (due - System.nanoTime()) < MILLI) {
                    Thread.onSpinWait();
                }
            }
        }

        private void transmit(PingOutbox out, byte[] packet, int length, InetAddress target) {
            pace();
            to.set(target, 0);
            out.add(packet, length, to);
        }

        /** {@link #transmit} of {@code packet} to IPv4 host {@code i}. */
        private void transmit4(PingOutbox out, byte[] packet, int i) {
            pace();
            out.addIpv4(packet, packet.length, dst4[i]);
        }

        /**
         * The echo requests of a large sweep leave through send threads, one per core (at most {@link #SEND_THREADS}):
         * the kernel's work for each echo and its reply (on a veth link both namespaces') then runs on as many cores.
         * Small sweeps send on the reading thread, so that round trips are not inflated by a queue.
         */
        private PingOutbox asyncOutbox() throws ErrnoException {
            PingOutbox o = PingOutbox.handedOver("portolan-ping-send", SEND_THREADS, SEND_BATCHES, BATCH, ARP_FRAME);
            outboxes.add(o);
            return o;
        }

        private PingOutbox outbox(NativeSocket socket) {
            PingOutbox o = PingOutbox.direct(socket, arena, BATCH, ARP_FRAME, () -> receive(1), () -> cancelled);
            outboxes.add(o);
            return o;
        }

        private RawSocket receiving(RawSocket s) {
            try {
                s.setReceiveBuffer(RECEIVE_BUFFER);
            } catch (ErrnoException e) {
                // the default buffer still works; a burst of replies beyond it is lost and sent for again
            }
            return s;
        }

        private void sendIp4(int i, PingProbe p) {
            byte[] b;
            switch (p.kind()) {
                case ECHO -> {
                    if (icmp4Out.handsOver()) {
                        transmit4(icmp4Out, echoTemplate(src4[i]).write(dst4[i], tag[i] | 1, tag[i], round,
                                sentAt[i]), i);
                        return;
                    }
                    b = cleared(echo);
                    b[0] = 8;
                    putIcmpIds(b, i);
                    put64(b, 8, sentAt[i]);
                }
                case TIMESTAMP -> {
                    b = cleared(timestamp);
                    b[0] = 13;
                    putIcmpIds(b, i);
                    put32(b, 8, (int) (System.currentTimeMillis() % 86_400_000L));
                }
                case MASK -> {
                    b = cleared(mask);
                    b[0] = 17;
                    putIcmpIds(b, i);
                }
                case SYN, ACK -> {
                    b = tcpProbe(i, p);
                    transmit4(tcp4Out, b, i);
                    return;
                }
                case UDP -> {
                    b = udpProbe(i, p);
                    transmit4(udp4Out, b, i);
                    return;
                }
                default -> {
                    return;
                }
            }
            put16(b, 2, InternetChecksum.of(b, 0, b.length));
            if (icmp4Out.handsOver()) {
                b = withIpv4Header(i, b);
            }
            transmit4(icmp4Out, b, i);
        }

        /**
         * {@code icmp} behind the IPv4 header the send threads' sockets expect: from the route's source to host
         * {@code i}, TTL 64, a non-zero identification from the host's tag; the kernel adds the checksum.
         */
        private byte[] withIpv4Header(int i, byte[] icmp) {
            int length = 20 + icmp.length;
            byte[] b = ipIcmp.length == length ? ipIcmp : (ipIcmp = new byte[length]);
            b[0] = 0x45;
            b[1] = 0;
            put16(b, 2, length);
            put16(b, 4, tag[i] | 1);
            put16(b, 6, 0);
            b[8] = 64;
            b[9] = (byte) Libc.IPPROTO_ICMP;
            put16(b, 10, 0);
            put32(b, 12, src4[i]);
            put32(b, 16, dst4[i]);
            System.arraycopy(icmp, 0, b, 20, icmp.length);
            return b;
        }

        /** The send threads' echo requests from {@code source}: made again only when the source changes. */
        private Ipv4EchoTemplate echoTemplate(int source) {
            if (echoTemplate == null || echoTemplate.source() != source) {
                echoTemplate = new Ipv4EchoTemplate(source, 64);
            }
            return echoTemplate;
        }

        /** {@code b} zeroed: the ICMP requests are built in these and copied into a batch at once. */
        private static byte[] cleared(byte[] b) {
            Arrays.fill(b, (byte) 0);
            return b;
        }

        private void putIcmpIds(byte[] b, int i) {
            put16(b, 4, tag[i]);
            put16(b, 6, round & 0xffff);
        }

        private byte[] tcpProbe(int i, PingProbe p) {
            byte[] b = new byte[20];
            int c = cookie.ipv4(src4[i], dst4[i], sourcePort, p.port());
            put16(b, 0, sourcePort);
            put16(b, 2, p.port());
            boolean syn = p.kind() == PingKind.SYN;
            put32(b, 4, c);
            put32(b, 8, syn ? 0 : c);
            b[12] = 5 << 4;
            b[13] = (byte) (syn ? 0x02 : 0x10);
            put16(b, 14, 1024);
            long sum = InternetChecksum.ipv4PseudoHeader(src4[i], dst4[i], 6, 20);
            put16(b, 16, InternetChecksum.finish(
                    InternetChecksum.add(sum, b, 0, 20)));
            return b;
        }

        private byte[] udpProbe(int i, PingProbe p) {
            byte[] b = new byte[8];
            put16(b, 0, sourcePort);
            put16(b, 2, p.port());
            put16(b, 4, 8);
            long sum = InternetChecksum.ipv4PseudoHeader(src4[i], dst4[i], 17, 8);
            int c = InternetChecksum.finish(InternetChecksum.add(sum, b, 0, 8));
            put16(b, 6, c == 0 ? 0xffff : c);
            return b;
        }

        private void sendEcho6(int i) {
            if (ipProbes.stream().noneMatch(p -> p.kind() == PingKind.ECHO) && !options.probes().isEmpty()) {
                return;
            }
            byte[] b = new byte[16];
            b[0] = (byte) 128;
            putIcmpIds(b, i);
            put64(b, 8, System.nanoTime());
            // the kernel computes the ICMPv6 checksum of raw IPPROTO_ICMPV6 sockets
            transmit(icmp6Out, b, b.length, hosts.get(i));
        }

        /** A neighbour solicitation to the target's solicited-node group, as the kernel would send it. */
        private void sendSolicitation(int i) {
            Interface iface = ndIface[i];
            byte[] target = hosts.get(i).getAddress();
            byte[] group = new byte[16];
            group[0] = (byte) 0xff;
            group[1] = 0x02;
            group[11] = 0x01;
            group[12] = (byte) 0xff;
            group[13] = target[13];
            group[14] = target[14];
            group[15] = target[15];
            byte[] b = new byte[32];
            b[0] = (byte) 135;
            System.arraycopy(target, 0, b, 8, 16);
            b[24] = 1;
            b[25] = 1;
            System.arraycopy(iface.mac().orElseThrow().bytes(), 0, b, 26, 6);
            try {
                transmit(icmp6Out, b, b.length, Inet6Address.getByAddress(null, group, iface.index()));
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException("a 16-byte address was refused", e);
            }
        }

        private void sendArp(int i) {
            Interface iface = arpIface[i];
            byte[] own = iface.mac().orElseThrow().bytes();
            byte[] f = new byte[ARP_FRAME];
            for (int k = 0; k < 6; k++) {
                f[k] = (byte) 0xff;
                f[6 + k] = own[k];
                f[22 + k] = own[k];
            }
            put16(f, 12, 0x0806);
            put16(f, 14, 1);
            put16(f, 16, 0x0800);
            f[18] = 6;
            f[19] = 4;
            put16(f, 20, 1);
            put32(f, 28, src4[i]);
            put32(f, 38, dst4[i]);
            pace();
            arpOut.get(iface.index()).add(f, f.length, null);
        }

        /** Waits up to {@code millis} for any socket to be readable, then reads everything queued. */
        private void receive(int millis) {
            if (pollCount == 0) {
                if (millis > 0) {
                    try {
                        Thread.sleep(millis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        cancelled = true;
                    }
                }
                return;
            }
            // without a wait, every socket is read at once: a poll would only cost a call per batch of probes
            if (millis > 0 && poll.await(pollCount, millis) <= 0) {
                return;
            }
            boolean more = true;
            while (more) {
                more = false;
                for (var reader : readers) {
                    if (reader.getAsInt() > 0) {
                        more = true;
                    }
                }
            }
        }

        /** Reads a batch from {@code s}, each packet into {@link #buffer} for {@code handler}: how many came. */
        private int read(NativeSocket s, IntConsumer handler) {
            int got = s.receive(replies, replies.capacity());
            receivedAt = System.nanoTime();
            for (int k = 0; k < got; k++) {
                handler.accept(replies.copy(k, buffer));
            }
            return got;
        }

        /** An ICMP packet of {@code len} bytes in {@link #buffer}, its IPv4 header first. */
        private void readIcmp4(int len) {
            if (len < 28) {
                return;
            }
            int ihl = (buffer[0] & 0x0f) * 4;
            if (len < ihl + 8) {
                return;
            }
            int src = get32(buffer, 12);
            int type = buffer[ihl] & 0xff;
            int i = byV4.get(src);
            if (type == 0 || type == 14 || type == 18) {
                if (i < 0 || get16(buffer, ihl + 4) != tag[i] || get16(buffer, ihl + 6) != (round & 0xffff)) {
                    return;
                }
                PingKind kind = type == 0 ? PingKind.ECHO : type == 14 ? PingKind.TIMESTAMP : PingKind.MASK;
                long rtt = type == 0 && len >= ihl + 16 ? receivedAt - get64(buffer, ihl + 8) : -1;
                answered(i, kind.icmpReason(), kind.letters(), buffer[8] & 0xff, rtt, null);
            } else if (type == 3 && (buffer[ihl + 1] & 0xff) == 3 && len >= ihl + 8 + 28) {
                int q = ihl + 8;
                int qihl = (buffer[q] & 0x0f) * 4;
                int qdst = get32(buffer, q + 16);
                int h = byV4.get(qdst);
                if (h < 0 || (buffer[q + 9] & 0xff) != 17 || len < q + qihl + 4 || qdst != src
                        || get16(buffer, q + qihl) != sourcePort) {
                    return;
                }
                answered(h, Reason.PORT_UNREACH, "PU" + get16(buffer, q + qihl + 2), buffer[8] & 0xff, -1, null);
            }
        }

        private void readTcp4(int len) {
            if (len < 40) {
                return;
            }
            int ihl = (buffer[0] & 0x0f) * 4;
            if (len < ihl + 20 || get16(buffer, ihl + 2) != sourcePort) {
                return;
            }
            int src = get32(buffer, 12);
            int i = byV4.get(src);
            if (i < 0) {
                return;
            }
            int port = get16(buffer, ihl);
            int seq = get32(buffer, ihl + 4);
            int ack = get32(buffer, ihl + 8);
            int flags = buffer[ihl + 13] & 0x3f;
            int c = cookie.ipv4(src4[i], dst4[i], sourcePort, port);
            boolean synAck = (flags & 0x12) == 0x12 && ack == c + 1;
            boolean rst = (flags & 0x04) != 0 && (ack == c + 1 || seq == c);
            if (!synAck && !rst) {
                return;
            }
            String letters = synAck || ack == c + 1 ? "PS" : "PA";
            answered(i, synAck ? Reason.SYN_ACK : Reason.RESET, letters + port, buffer[8] & 0xff, -1, null);
        }

        private void readUdp4(int len) {
            if (len < 28) {
                return;
            }
            int ihl = (buffer[0] & 0x0f) * 4;
            if (len < ihl + 8 || get16(buffer, ihl + 2) != sourcePort) {
                return;
            }
            int i = byV4.get(get32(buffer, 12));
            if (i >= 0) {
                answered(i, Reason.UDP_RESPONSE, "PU" + get16(buffer, ihl), buffer[8] & 0xff, -1, null);
            }
        }

        /** Reads a batch from the ICMPv6 socket; returns how many packets came. */
        private int readIcmp6() {
            int got = icmp6.receive(batch6, batch6.capacity());
            receivedAt = System.nanoTime();
            for (int k = 0; k < got; k++) {
                int len = batch6.copy(k, buffer);
                if (len >= 24 && (buffer[0] & 0xff) == 136) {
                    readAdvertisement(len);
                } else if (len >= 8 && (buffer[0] & 0xff) == 129) {
                    readEcho6(len, batch6.address(k), batch6.hopLimit(k));
                }
            }
            return got;
        }

        private void readEcho6(int len, Sockaddr sender, int hopLimit) {
            InetAddress a = sender.toSocketAddress().getAddress();
            Integer i = byV6.get(a instanceof Inet6Address v6a && v6a.getScopeId() != 0 ? strip(v6a) : a);
            if (i == null || get16(buffer, 4) != tag[i] || get16(buffer, 6) != (round & 0xffff)) {
                return;
            }
            long rtt = len >= 16 ? receivedAt - get64(buffer, 8) : -1;
            answered(i, Reason.ECHO_REPLY, "PE", Math.max(0, hopLimit), rtt, null);
        }

        /** A neighbour advertisement for a target on the segment: up, with the MAC its option gives. */
        private void readAdvertisement(int len) {
            byte[] target = Arrays.copyOfRange(buffer, 8, 24);
            Integer i;
            try {
                i = byV6.get(InetAddress.getByAddress(target));
            } catch (java.net.UnknownHostException e) {
                return;
            }
            if (i == null || ndIface[i] == null) {
                return;
            }
            String hw = null;
            for (int o = 24; o + 8 <= len && buffer[o + 1] != 0; o += (buffer[o + 1] & 0xff) * 8) {
                if (buffer[o] == 2 && buffer[o + 1] == 1) {
                    hw = macText(buffer, o + 2);
                }
            }
            answered(i, Reason.ND_RESPONSE, "PR", 0, -1, hw);
        }

        private void readArp(int len) {
            if (len < 42 || get16(buffer, 12) != 0x0806 || get16(buffer, 20) != 2) {
                return;
            }
            int i = byV4.get(get32(buffer, 28));
            if (i < 0 || arpIface[i] == null || get32(buffer, 38) != src4[i]) {
                return;
            }
            answered(i, Reason.ARP_RESPONSE, "PR", 0, -1, macText(buffer, 22));
        }

        private void answered(int i, Reason why, String letters, int replyTtl, long rttNanos, String hw) {
            if (answeredRound[i]) {
                return;
            }
            answeredRound[i] = true;
            if (inPass[i] == pass) {
                waiting--;
            }
            long rtt = rttNanos >= 0 ? rttNanos : receivedAt - sentAt[i];
            long micros = Math.max(1, rtt / 1000);
            maxSeenRtt = Math.max(maxSeenRtt, rtt);
            if (options.count() == 1) {
                // one round: the first answer is final, so the host is reported while the sweep goes on
                told[i] = true;
                each.verdict(i, firstAnswer(why, letters, replyTtl, micros, hw));
                return;
            }
            if (received[i] == 0) {
                reason[i] = why;
                probe[i] = letters;
                ttl[i] = replyTtl;
                firstRtt[i] = micros;
                rttMin[i] = micros;
            }
            if (hw != null) {
                mac[i] = hw;
            }
            received[i]++;
            rttMin[i] = Math.min(rttMin[i], micros);
            rttMax[i] = Math.max(rttMax[i], micros);
            rttSum[i] += micros;
        }

        /** The verdict of a host whose one round ended with this answer. */
        private PingVerdict firstAnswer(Reason why, String letters, int replyTtl, long micros, String hw) {
            if (hw == null) {
                return new PingVerdict(true, why, OptionalLong.of(micros), sharedInventory(letters, replyTtl));
            }
            return new PingVerdict(true, why, OptionalLong.of(micros),
                    inventory(Optional.of(hw), replyTtl, Optional.of(letters), Optional.empty()));
        }

        /** A host's inventory; the IEEE list is read only when a MAC was seen: a sweep through a router has none. */
        private static HostInventory inventory(Optional<String> hw, int replyTtl, Optional<String> letters,
                                               Optional<HostInventory.PingStats> stats) {
            return new HostInventory(hw, hw.flatMap(m -> OuiVendors.installed().vendor(m)), replyTtl, letters, stats);
        }

        private PingVerdict verdict(int i) {
            if (options.count() == 1) {
                // an answer of the one round was reported when it came (see answered): this host had none
                return PingVerdict.DOWN;
            }
            Optional<HostInventory.PingStats> stats = Optional.of(new HostInventory.PingStats(options.count(),
                    received[i], rttMin[i], received[i] == 0 ? 0 : rttSum[i] / received[i], rttMax[i]));
            HostInventory inventory = inventory(Optional.ofNullable(mac[i]), ttl[i], Optional.ofNullable(probe[i]),
                    stats);
            if (received[i] == 0) {
                return new PingVerdict(false, Reason.NO_RESPONSE, OptionalLong.empty(), inventory);
            }
            return new PingVerdict(true, reason[i], OptionalLong.of(firstRtt[i]), inventory);
        }

        /** The inventory of an answered host without MAC or -c statistics: one value per probe and TTL, shared. */
        private HostInventory sharedInventory(String letters, int replyTtl) {
            int t = replyTtl & 0xff;
            HostInventory[] byTtl = sharedInventories.computeIfAbsent(letters, k -> new HostInventory[256]);
            HostInventory inventory = byTtl[t];
            if (inventory == null || inventory.replyTtl() != replyTtl) {
                inventory = new HostInventory(Optional.empty(), Optional.empty(), replyTtl, Optional.of(letters),
                        Optional.empty());
                byTtl[t] = inventory;
            }
            return inventory;
        }

        void close() {
            outboxes.forEach(PingOutbox::close);
            for (var s : new NativeSocket[]{icmp4, tcp4, udp4, icmp6}) {
                if (s != null) {
                    s.close();
                }
            }
            arpSockets.values().forEach(PacketSocket::close);
            arpSockets.clear();
        }
    }

    /** Whether a route leads straight onto an Ethernet segment, where ARP or neighbour discovery can ask. */
    private static boolean onLink(Route route) {
        return route.gateway().isEmpty() && !route.iface().isLoopback()
                && route.iface().mac().filter(HardwareAddress::isEthernet).isPresent();
    }

    /** The kernel's route to {@code a} (of {@code prefix}), asked once per prefix; empty when it has none. */
    /** A sweep's routes, asked of the kernel once per routing-table prefix: the hosts of a range share theirs. */
    private static final class Routing {
        final RoutePrefixes prefixes;
        final Map<RoutePrefix, Optional<Route>> routes = new HashMap<>();
        RoutePrefix lastPrefix;
        Route lastRoute;
        /** Whether {@link #lastRoute} is on a directly connected segment, and its source address's bits. */
        boolean lastOnLink;
        int lastSource;

        Routing(RoutePrefixes prefixes) {
            this.prefixes = prefixes;
        }

        /** The route to the IPv4 address whose bits are {@code d}, or null: it becomes {@link #lastRoute}. */
        Route ipv4(int d) {
            RoutePrefix prefix = prefixes.longestMatchIpv4(d);
            if (prefix != lastPrefix) {
                lastPrefix = prefix;
                lastRoute = prefix == null ? null
                        : route(Addresses.ipv4(Integer.toUnsignedLong(d)), prefix, routes).orElse(null);
                lastOnLink = lastRoute != null && onLink(lastRoute);
                lastSource = lastRoute == null ? 0 : bits(lastRoute.source());
            }
            return lastRoute;
        }
    }

    private static Optional<Route> route(InetAddress a, RoutePrefix prefix, Map<RoutePrefix, Optional<Route>> routes) {
        return routes.computeIfAbsent(prefix, p -> {
            try {
                return Optional.of(RouteLookup.sourceFor(a));
            } catch (ErrnoException e) {
                return Optional.empty();
            }
        });
    }

    private static String macText(byte[] b, int offset) {
        StringBuilder m = new StringBuilder(17);
        for (int k = 0; k < 6; k++) {
            m.append(k == 0 ? "" : ":").append(String.format(java.util.Locale.ROOT, "%02X", b[offset + k] & 0xff));
        }
        return m.toString();
    }

    private static InetAddress strip(Inet6Address a) {
        try {
            return InetAddress.getByAddress(a.getAddress());
        } catch (java.net.UnknownHostException e) {
            return a;
        }
    }

    private static int bits(InetAddress a) {
        return (int) Addresses.ipv4Value((Inet4Address) a);
    }

    static int get16(byte[] b, int o) {
        return (b[o] & 0xff) << 8 | (b[o + 1] & 0xff);
    }

    static int get32(byte[] b, int o) {
        return (b[o] & 0xff) << 24 | (b[o + 1] & 0xff) << 16 | (b[o + 2] & 0xff) << 8 | (b[o + 3] & 0xff);
    }

    static long get64(byte[] b, int o) {
        return (long) get32(b, o) << 32 | (get32(b, o + 4) & 0xffff_ffffL);
    }

    static void put16(byte[] b, int o, int v) {
        b[o] = (byte) (v >>> 8);
        b[o + 1] = (byte) v;
    }

    static void put32(byte[] b, int o, int v) {
        put16(b, o, v >>> 16);
        put16(b, o + 2, v);
    }

    static void put64(byte[] b, int o, long v) {
        put32(b, o, (int) (v >>> 32));
        put32(b, o + 4, (int) v);
    }
}
