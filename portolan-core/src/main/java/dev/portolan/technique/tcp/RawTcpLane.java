package dev.portolan.technique.tcp;

import dev.portolan.craft.ProbeCrafting;
import dev.portolan.craft.ProbeWriter;
import dev.portolan.engine.Clock;
import dev.portolan.net.BpfFilters;
import dev.portolan.net.Errno;
import dev.portolan.net.ErrnoException;
import dev.portolan.net.Interfaces;
import dev.portolan.net.Libc;
import dev.portolan.net.PacketBatch;
import dev.portolan.net.Poll;
import dev.portolan.net.RawSocket;
import dev.portolan.net.RouteSources;
import dev.portolan.net.SendSockets;
import dev.portolan.net.SendThread;
import dev.portolan.net.Sockaddr;
import dev.portolan.packet.Ipv4Address;
import dev.portolan.packet.Ipv6Address;
import dev.portolan.packet.TcpFlags;
import dev.portolan.packet.TcpHeader;
import dev.portolan.packet.TcpOption;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One lane of a raw TCP scan (-sS, -sA, -sW, -sM, -sF, -sN, -sX, --scanflags) over raw IPv4 sockets: {@link #launch}
 * sends the technique's probe with the cookie where the reply will echo it, {@link #await} reads SYN-ACKs, RSTs and
 * ICMP unreachables, keeps those {@link TcpReplies} validates and hands them to the probe in flight for that
 * (target, port). Host discovery probes are SYNs whatever the technique. Nothing is sent after a SYN-ACK: the kernel
 * resets it.
 */
final class RawTcpLane implements SocketLane {
    /** nmap's probes: window 1024, TTL 64, and an MSS option of 1460 when SYN is set. */
    static final int WINDOW = 1024;
    static final int MSS = 1460;
    static final int TTL = 64;
    /** The longest single poll, so a wakeup from another thread is seen within it. */
    static final long POLL_SLICE_NANOS = 10_000_000L;
    /** Probes sent per sendmmsg: one lane turn of {@link ConnectIo#SEND_BATCH}. */
    private static final int SEND_BATCH = ConnectIo.SEND_BATCH;
    private static final int RECEIVE_BATCH = 64;
    private static final int SNAP = 2048;
    private static final int PROBE_ROOM = 64;
    /** Batches between the lane and its send thread: one being filled, the others queued or being sent. */
    private static final int SEND_BATCHES = 6;
    /** Room for the answers that come while the lane builds the next batch: a burst of SYN-ACKs is ~1 KiB each. */
    static final int RECEIVE_BUFFER = 8 << 20;

    private final Clock clock;
    private final TcpReplies scanReplies;
    private final TcpReplies discoveryReplies;
    /** The replies (and technique) of the job running now: the port scan's, or SYN for discovery. */
    private TcpReplies replies;
    private TcpTechnique technique;
    private final int sourcePort;
    private final Arena arena = Arena.ofShared();
    private final Libc libc;
    /**
     * The send threads' own, one each: errno capture is per Libc, and each thread sends on its own socket, so the
     * kernel's work for the probes (on a veth link the target's too) runs on as many cores.
     */
    private final SendSockets senders;
    private final RawSocket tcp;
    private final RawSocket icmp;
    private final Poll poll;
    /** Sends filled batches while this lane builds the next and reads the answers. */
    private final SendThread<Slots> sendThread;
    /** The batch being filled, and its packets and slots (the fields below are the batch's own). */
    private SendThread.Batch<Slots> filling;
    private PacketBatch sendBatch;
    private final PacketBatch receiveBatch;
    private final Sockaddr to;
    private final byte[] in = new byte[SNAP];
    private final RouteSources sources;
    /** Writes each probe as -g, --ttl, -D, -f ... ask: one packet, or one per decoy and fragment. */
    private final ProbeWriter scanWriter;
    private final ProbeWriter discoveryWriter;
    private ProbeWriter writer;
    /** The same for IPv6 targets. */
    private final ProbeWriter scanWriter6;
    private final ProbeWriter discoveryWriter6;
    private ProbeWriter writer6;
    private final ProbeWriter.Sequence sequence = (source, target, port) -> replies.sequence(source, target, port);
    private final ProbeWriter.Sequence6 sequence6 = (sourceHigh, sourceLow, targetHigh, targetLow, port) ->
            replies.sequence6(sourceHigh, sourceLow, targetHigh, targetLow, port);
    private final ProbeWriter.Packets toBatch = this::put;
    private final ProbeCrafting crafting;
    /** -S as address bits (0: the route's source, or -S is IPv6). */
    private final int spoofedSource;
    private final int slots;
    /** Probes in flight by (IPv4 target bits << 16 | port, or {@link RawTcp6#key}): where a validated reply goes. */
    private final ProbeTable inFlight = new ProbeTable();
    /** The probes filled into {@link #sendBatch} and not sent yet, with their keys. */
    private Probe[] pending;
    private long[] pendingKeys;
    /** The target whose address each send slot holds (-1: none yet), so a run to one host copies it once. */
    private long[] slotTargets;
    private int pendingCount;
    // the last target, so that a run of probes to one host asks nothing again
    private InetAddress lastAddress;
    private int lastTarget;
    private int lastSource;
    /** The probe being written, its key and its target's slot mark, for the packets {@link #put} receives. */
    private Probe current;
    private long currentKey;
    private long currentTarget;
    /** The last target when it is IPv6 (null for IPv4). */
    private RawTcp6.Target last6;
    /** The IPv6 sockets, opened at the first IPv6 target; null before. */
    private RawTcp6 v6;
    /** The family of the probes in the send batch: one sendmmsg goes to one socket. */
    private boolean pendingV6;
    private volatile boolean woken;

    /** What a send batch carries beside its packets: per slot the probe (null for decoys, fragments), key, target. */
    private record Slots(Probe[] probes, long[] keys, long[] targets) {
        Slots(int slots) {
            this(new Probe[slots], new long[slots], new long[slots]);
            Arrays.fill(targets, -1);
        }
    }

    private RawTcpLane(Clock clock, TcpReplies replies, int sourcePort, ProbeCrafting crafting, Libc libc,
                       SendSockets senders, RawSocket tcp, RawSocket icmp, RouteSources sources) {
        this.clock = clock;
        this.sources = sources;
        this.scanReplies = replies;
        this.discoveryReplies = replies.with(TcpTechnique.SYN);
        this.replies = replies;
        this.technique = replies.technique();
        this.sourcePort = sourcePort;
        this.libc = libc;
        this.senders = senders;
        this.tcp = tcp;
        this.icmp = icmp;
        this.crafting = crafting;
        this.scanWriter = writer(false, crafting, technique);
        this.discoveryWriter = writer(false, crafting, TcpTechnique.SYN);
        this.writer = scanWriter;
        this.scanWriter6 = writer(true, crafting, technique);
        this.discoveryWriter6 = writer(true, crafting, TcpTechnique.SYN);
        this.writer6 = scanWriter6;
        this.spoofedSource = crafting.source().filter(a -> a instanceof Inet4Address)
                .map(a -> Ipv4Address.of((Inet4Address) a).bits()).orElse(0);
        int room = PROBE_ROOM;
        int perProbe = SEND_BATCH;
        for (ProbeWriter w : List.of(scanWriter, discoveryWriter, scanWriter6, discoveryWriter6)) {
            room = Math.max(room, w.maxPacketLength());
            perProbe = Math.max(perProbe, w.packetsPerProbe());
        }
        this.slots = perProbe;
        this.poll = Poll.allocate(libc, 4);
        poll.watch(0, tcp.fd(), Poll.POLLIN);
        poll.watch(1, icmp.fd(), Poll.POLLIN);
        // IPv4 replies carry their sender in their header: the kernel is not asked for it
        this.receiveBatch = PacketBatch.withoutAddresses(arena, RECEIVE_BATCH, SNAP);
        this.to = Sockaddr.allocate(arena);
        // the threads start last, so that nothing above can fail and leave them running
        this.sendThread = new SendThread<>("portolan-send", SEND_BATCHES, clock::nanoTime, senders.sockets().length);
        for (int i = 0; i < SEND_BATCHES; i++) {
            sendThread.addSpare(new SendThread.Batch<>(PacketBatch.allocate(arena, slots, room), new Slots(slots)));
        }
        fill(sendThread.next(b -> { }));
    }

    /** Makes {@code b} the batch being filled. */
    private void fill(SendThread.Batch<Slots> b) {
        filling = b;
        sendBatch = b.packets();
        pending = b.attachment().probes();
        pendingKeys = b.attachment().keys();
        slotTargets = b.attachment().targets();
    }

    private static ProbeWriter writer(boolean ipv6, ProbeCrafting crafting, TcpTechnique technique) {
        return ipv6 ? ProbeWriter.ipv6(crafting, tcpPrototype(technique), TTL, technique::acknowledgment,
                ThreadLocalRandom.current())
                : new ProbeWriter(crafting, tcpPrototype(technique), TTL, technique::acknowledgment,
                ThreadLocalRandom.current());
    }

    /**
     * Opens the raw sender (bound to -e's interface when given) and the filtered TCP and ICMP receivers; needs root
     * or CAP_NET_RAW.
     */
    static RawTcpLane open(Clock clock, TcpReplies replies, int sourcePort, ProbeCrafting crafting)
            throws IOException {
        Libc libc = Libc.open();
        SendSockets senders = null;
        RawSocket tcp = null;
        RawSocket icmp = null;
        try {
            int outputInterface = 0;
            if (crafting.device().isPresent()) {
                String name = crafting.device().get();
                outputInterface = Interfaces.byName(name).orElseThrow(() -> new IOException("-e " + name
                        + ": no such network interface")).index();
            }
            senders = SendSockets.ipv4(SendThread.perCore(), crafting.device());
            tcp = RawSocket.ipv4(libc, Libc.IPPROTO_TCP);
            // nothing queues before the real filter is in place, and what came before it is dropped
            tcp.attach(BpfFilters.rejectAll());
            tcp.drain();
            tcp.attach(BpfFilters.ipv4TcpRepliesToPorts(BpfFilters.Framing.IP, sourcePort, sourcePort));
            tcp.setReceiveBuffer(RECEIVE_BUFFER);
            icmp = RawSocket.ipv4(libc, Libc.IPPROTO_ICMP);
            return new RawTcpLane(clock, replies, sourcePort, crafting, libc, senders, tcp, icmp,
                    RouteSources.ofThisMachine(outputInterface));
        } catch (IOException | RuntimeException e) {
            if (senders != null) {
                senders.close();
            }
            for (RawSocket s : new RawSocket[] {tcp, icmp}) {
                if (s != null) {
                    s.close();
                }
            }
            libc.close();
            throw e;
        }
    }

    /** Fills {@code p}'s probe into the send batch; it leaves with the batch, when full or at the next {@link #await}. */
    @Override
    public void launch(Probe p, InetAddress address, int port, LaneResults results) {
        if (address != lastAddress) {
            if (address instanceof Inet6Address a6) {
                launch6(p, a6, port, results);
                return;
            }
            if (pendingV6 && pendingCount > 0) {
                flush(results);
            }
            pendingV6 = false;
            last6 = null;
            int target = Ipv4Address.of((Inet4Address) address).bits();
            Integer source = spoofedSource != 0 ? Integer.valueOf(spoofedSource) : sourceFor(address);
            if (source == null) {
                results.answered(p, Outcome.NET_UNREACH, clock.nanoTime());
                return;
            }
            lastAddress = address;
            lastTarget = target;
            lastSource = source;
            to.set(address, 0);
        } else if (last6 != null) {
            launch6(p, (Inet6Address) address, port, results);
            return;
        }
        begin(p, key(lastTarget, port), lastTarget & 0xffff_ffffL, writer, results);
        writer.write(lastSource, lastTarget, sourcePort, port, sequence, toBatch);
        written(results);
    }

    /**
     * Makes room in the send batch for {@code p}'s packets, and makes it the probe being written: its key, and
     * {@code target} marking the slots that hold its target's address (IPv4 bits, or {@link RawTcp6#KEY_BIT} | id).
     */
    private void begin(Probe p, long key, long target, ProbeWriter w, LaneResults results) {
        if (pendingCount + w.packetsPerProbe() > slots) {
            flush(results);
        }
        current = p;
        currentKey = key;
        currentTarget = target;
    }

    /** The probe is in the batch: the batch leaves when full. */
    private void written(LaneResults results) {
        current = null;
        if (pendingCount >= SEND_BATCH) {
            flush(results);
        }
    }

    /** One packet of the probe being written into the next send slot; only the real one carries the probe. */
    private void put(byte[] packet, int length, boolean real) {
        int slot = pendingCount++;
        sendBatch.put(slot, packet, 0, length);
        if (slotTargets[slot] != currentTarget) {
            sendBatch.setAddress(slot, to);
            slotTargets[slot] = currentTarget;
        }
        pending[slot] = real ? current : null;
        pendingKeys[slot] = currentKey;
    }

    /** {@link #launch} to an IPv6 target: the same cookie rules and crafting over the IPv6 sockets. */
    private void launch6(Probe p, Inet6Address address, int port, LaneResults results) {
        if (address != lastAddress) {
            if (v6 == null) {
                try {
                    drainSends(results);
                    Ipv6Address spoofed6 = crafting.source().filter(a -> a instanceof Inet6Address)
                            .map(a -> Ipv6Address.of((Inet6Address) a)).orElse(null);
                    v6 = RawTcp6.open(libc, senders.firstLibc(), arena, sourcePort, sources, crafting.device(), spoofed6);
                } catch (ErrnoException e) {
                    results.unexpected(p, "raw IPv6 sockets: " + e.getMessage(), clock.nanoTime());
                    return;
                }
                poll.watch(2, v6.tcp.fd(), Poll.POLLIN);
                poll.watch(3, v6.icmp.fd(), Poll.POLLIN);
            }
            if (!pendingV6 && pendingCount > 0) {
                flush(results);
            }
            pendingV6 = true;
            RawTcp6.Target t = v6.target(address);
            if (t == null) {
                lastAddress = null;
                results.answered(p, Outcome.NET_UNREACH, clock.nanoTime());
                return;
            }
            lastAddress = address;
            last6 = t;
            to.set(address, 0);
        }
        RawTcp6.Target t = last6;
        begin(p, RawTcp6.key(t.id(), port), RawTcp6.KEY_BIT | t.id(), writer6, results);
        writer6.write(t.source(), t.address(), sourcePort, port, sequence6, toBatch);
        written(results);
    }

    /**
     * Hands the filled batch to the send thread and takes the next: a probe's clock starts here, and it is in flight
     * from now on, so an answer that comes before the batch is back finds it.
     */
    private void flush(LaneResults results) {
        int count = pendingCount;
        pendingCount = 0;
        long now = clock.nanoTime();
        for (int i = 0; i < count; i++) {
            Probe p = pending[i];
            if (p != null) {
                p.launchedAt = now;
                inFlight.put(pendingKeys[i], p);
            }
        }
        if (pendingV6) {
            sendThread.submit(filling, v6.sender, count);
        } else {
            sendThread.submit(filling, senders.sockets(), count);
        }
        fill(sendThread.next(b -> settle(b, results)));
    }

    /**
     * Reads a batch back from the send thread: a probe whose packet did not leave is out of flight and failed; one
     * that left is timed from when it left, not from when it was handed over, so the wait in the queue never counts
     * as round trip (an answer read before this still counts it: a slightly longer round trip, never a shorter one).
     */
    private void settle(SendThread.Batch<Slots> b, LaneResults results) {
        Probe[] probes = b.attachment().probes();
        long sentAt = b.sentAt();
        for (int i = 0; i < b.count(); i++) {
            Probe p = probes[i];
            probes[i] = null;
            int r = b.result(i);
            if (p == null) {
                continue;
            }
            if (r != 0) {
                inFlight.removeIf(p);
                failed(p, r, results);
            } else if (sentAt - p.launchedAt > 0) {
                p.launchedAt = sentAt;
            }
        }
    }

    /** Settles every batch the send thread has given back so far. */
    private void reclaim(LaneResults results) {
        sendThread.reclaim(b -> settle(b, results));
    }

    /** Waits until the send thread has sent everything submitted, and settles it. */
    private void drainSends(LaneResults results) {
        sendThread.drain(b -> settle(b, results));
    }

    private void failed(Probe p, int r, LaneResults results) {
        if (-r == Errno.ENOBUFS || -r == Errno.EAGAIN) {
            results.unsent(p, "raw send buffer full (" + Errno.name(-r) + ")");
        } else if (-r == Errno.ENETUNREACH) {
            results.answered(p, Outcome.NET_UNREACH, p.launchedAt);
        } else if (-r == Errno.EHOSTUNREACH) {
            results.answered(p, Outcome.HOST_UNREACH, p.launchedAt);
        } else if (-r == Errno.EPERM || -r == Errno.EACCES) {
            // a local firewall rule, or a broadcast address (as the connect scan reads them)
            results.answered(p, Outcome.PROHIBITED, p.launchedAt);
        } else {
            results.unexpected(p, "raw send: " + Errno.name(-r) + " " + Errno.message(-r), p.launchedAt);
        }
    }

    /** The source the kernel picks for {@code address}, asked once per routing-table prefix; null: no route. */
    private Integer sourceFor(InetAddress address) {
        return sources.sourceFor(address).map(a -> a instanceof Inet4Address v4 ? Ipv4Address.of(v4).bits() : null)
                .orElse(null);
    }

    /** The technique's TCP header with the per-probe fields zero. */
    static TcpHeader tcpPrototype(TcpTechnique technique) {
        List<TcpOption> options = (technique.flags() & TcpFlags.SYN) != 0 ? List.of(new TcpOption.Mss(MSS)) : List.of();
        return TcpHeader.of(0, 0, 0, 0, technique.flags(), WINDOW, options);
    }

    /** Discovery jobs send SYNs (nmap's TCP ping), port jobs the technique's probe. */
    @Override
    public void jobStarts(boolean discovery) {
        TcpReplies next = discovery ? discoveryReplies : scanReplies;
        if (next != replies) {
            // the last job is over: whatever it left unsent is final already
            drainSends(new LaneResults());
            Arrays.fill(pending, null);
            pendingCount = 0;
            replies = next;
            technique = next.technique();
            writer = discovery ? discoveryWriter : scanWriter;
            writer6 = discovery ? discoveryWriter6 : scanWriter6;
            lastAddress = null;
            last6 = null;
        }
    }

    private static long key(int target, int port) {
        return (target & 0xffff_ffffL) << 16 | port;
    }

    @Override
    public void await(long timeoutNanos, LaneResults results) throws IOException {
        if (pendingCount > 0) {
            flush(results);
        }
        reclaim(results);
        long end = clock.nanoTime() + timeoutNanos;
        boolean found = drainAll(results);
        while (!found && !woken) {
            long left = end - clock.nanoTime();
            if (left <= 0) {
                break;
            }
            int millis = (int) Math.max(1, Math.min(left, POLL_SLICE_NANOS) / 1_000_000);
            int r = poll.await(v6 == null ? 2 : 4, millis);
            if (r < 0 && -r != Errno.EINTR) {
                throw new ErrnoException("poll of the raw receive sockets", -r);
            }
            if (r > 0) {
                found = drainAll(results);
            }
        }
        reclaim(results);
        woken = false;
    }

    private boolean drainAll(LaneResults results) throws ErrnoException {
        boolean found = drain(tcp, results) | drain(icmp, results);
        if (v6 != null) {
            long now = clock.nanoTime();
            RawTcp6.Answers answers = (key, outcome, ttl, at) -> answer(key, outcome, ttl, results, at);
            found |= v6.drainTcp(replies, in, now, answers) | v6.drainIcmp(replies, in, now, answers);
        }
        return found;
    }

    /** Reads every queued packet of {@code socket}: true when one answered a probe. */
    private boolean drain(RawSocket socket, LaneResults results) throws ErrnoException {
        boolean found = false;
        while (true) {
            int n = socket.receive(receiveBatch, RECEIVE_BATCH);
            if (n < 0) {
                if (-n == Errno.EAGAIN || -n == Errno.EINTR) {
                    return found;
                }
                throw new ErrnoException("receive on " + socket, -n);
            }
            long now = clock.nanoTime();
            for (int i = 0; i < n; i++) {
                int length = receiveBatch.copy(i, in);
                found |= accept(replies.classify(in, length), results, now);
            }
            if (n < RECEIVE_BATCH) {
                return found;
            }
        }
    }

    private boolean accept(long reply, LaneResults results, long now) {
        if (reply == 0) {
            return false;
        }
        return answer(key(TcpReplies.packedTarget(reply), TcpReplies.packedPort(reply)),
                TcpReplies.packedOutcome(reply), TcpReplies.packedTtl(reply), results, now);
    }

    private boolean answer(long key, Outcome outcome, int ttl, LaneResults results, long now) {
        Probe p = inFlight.remove(key);
        if (p == null) {
            // a late or duplicate answer for a probe already final
            return false;
        }
        p.replyTtl = ttl;
        results.answered(p, outcome, now);
        return true;
    }

    @Override
    public void abandon(Probe p) {
        // a retry of the same pair may own the key by now
        inFlight.removeIf(p);
    }

    @Override
    public void wakeup() {
        woken = true;
    }

    @Override
    public void close() {
        sendThread.close();
        inFlight.clear();
        pendingCount = 0;
        tcp.close();
        icmp.close();
        if (v6 != null) {
            // before the send sockets: its sender uses the first send thread's Libc
            v6.close();
        }
        senders.close();
        libc.close();
        arena.close();
    }

    /**
     * Probes by a 48-bit key in open addressing without boxing: linear probing with tombstones, so that a probe's
     * slot stays put while it is in and {@link Probe#fd} can hold it for {@link #removeIf}.
     */
    static final class ProbeTable {
        private static final long EMPTY = -1;
        private static final long GONE = -2;
        private long[] keys;
        private Probe[] probes;
        private int size;
        private int used;

        ProbeTable() {
            allocate(1024);
        }

        private void allocate(int capacity) {
            keys = new long[capacity];
            Arrays.fill(keys, EMPTY);
            probes = new Probe[capacity];
            size = 0;
            used = 0;
        }

        int size() {
            return size;
        }

        /** Puts {@code p} under {@code key} (at least 0), in place of any probe there. */
        void put(long key, Probe p) {
            if ((used + 1) * 2 > keys.length) {
                rehash(size * 4 > keys.length ? keys.length * 2 : keys.length);
            }
            int mask = keys.length - 1;
            int free = -1;
            for (int i = hash(key) & mask; ; i = (i + 1) & mask) {
                long k = keys[i];
                if (k == key) {
                    probes[i].fd = -1;
                    probes[i] = p;
                    p.fd = i;
                    return;
                }
                if (k == GONE && free < 0) {
                    free = i;
                } else if (k == EMPTY) {
                    if (free < 0) {
                        free = i;
                        used++;
                    }
                    keys[free] = key;
                    probes[free] = p;
                    p.fd = free;
                    size++;
                    return;
                }
            }
        }

        /** Takes out and returns the probe under {@code key}, or null. */
        Probe remove(long key) {
            int mask = keys.length - 1;
            for (int i = hash(key) & mask; ; i = (i + 1) & mask) {
                long k = keys[i];
                if (k == key) {
                    return removeAt(i);
                }
                if (k == EMPTY) {
                    return null;
                }
            }
        }

        /** Takes {@code p} out when it is still in (under its key; a newer probe may have taken its place). */
        void removeIf(Probe p) {
            int i = p.fd;
            if (i >= 0 && i < probes.length && probes[i] == p) {
                removeAt(i);
            }
        }

        private Probe removeAt(int i) {
            Probe p = probes[i];
            probes[i] = null;
            keys[i] = GONE;
            p.fd = -1;
            size--;
            return p;
        }

        void clear() {
            allocate(keys.length);
        }

        private void rehash(int capacity) {
            long[] oldKeys = keys;
            Probe[] oldProbes = probes;
            allocate(capacity);
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldProbes[i] != null) {
                    put(oldKeys[i], oldProbes[i]);
                }
            }
        }

        private static int hash(long key) {
            long h = key * 0x9E37_79B9_7F4A_7C15L;
            return (int) (h >>> 32);
        }
    }
}
