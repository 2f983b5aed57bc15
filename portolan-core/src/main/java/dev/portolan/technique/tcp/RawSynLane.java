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
import dev.portolan.net.RouteLookup;
import dev.portolan.net.Sockaddr;
import dev.portolan.packet.Ipv4Address;
import dev.portolan.packet.TcpFlags;
import dev.portolan.packet.TcpHeader;
import dev.portolan.packet.TcpOption;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One lane of a SYN scan over raw IPv4 sockets: {@link #launch} sends a SYN whose sequence number is the cookie,
 * {@link #await} reads SYN-ACKs, RSTs and ICMP unreachables, keeps those {@link SynReplies} validates and hands them
 * to the probe in flight for that (target, port). Nothing is sent after a SYN-ACK: the kernel resets it.
 */
final class RawSynLane implements SocketLane {
    /** nmap's SYN: window 1024 and an MSS option of 1460, TTL 64. */
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
    /** nmap's SYN; ports and numbers are filled in per probe. */
    private static final TcpHeader SYN = TcpHeader.of(0, 0, 0, 0, TcpFlags.SYN, WINDOW,
            List.of(new TcpOption.Mss(MSS)));

    private final Clock clock;
    private final SynReplies replies;
    private final int sourcePort;
    private final Arena arena = Arena.ofShared();
    private final Libc libc;
    private final RawSocket sender;
    private final RawSocket tcp;
    private final RawSocket icmp;
    private final Poll poll;
    private final PacketBatch sendBatch;
    private final PacketBatch receiveBatch;
    private final Sockaddr to;
    private final byte[] in = new byte[SNAP];
    /** Writes each probe as -g, --ttl, -D, -f ... ask: one packet, or one per decoy and fragment. */
    private final ProbeWriter writer;
    private final ProbeWriter.Sequence sequence;
    private final ProbeWriter.Packets toBatch = this::put;
    /** -S as address bits (0: the route's source); -e as an interface index (0: any). */
    private final int spoofedSource;
    private final int outputInterface;
    private final int slots;
    /** The kernel's source address per destination /24 (null: no route), asked once per scan. */
    private final Map<Integer, Integer> sources = new HashMap<>();
    /** Probes in flight by (target bits << 16 | port): where a validated reply goes. */
    private final ProbeTable inFlight = new ProbeTable();
    /** The probes filled into {@link #sendBatch} and not sent yet, with their keys. */
    private final Probe[] pending;
    private final long[] pendingKeys;
    /** The target whose address each send slot holds (-1: none yet), so a run to one host copies it once. */
    private final long[] slotTargets;
    private int pendingCount;
    // the last target, so that a run of probes to one host asks nothing again
    private InetAddress lastAddress;
    private int lastTarget;
    private int lastSource;
    private Probe current;
    private long currentKey;
    private volatile boolean woken;

    private RawSynLane(Clock clock, SynReplies replies, int sourcePort, ProbeCrafting crafting, int outputInterface,
                       Libc libc, RawSocket sender, RawSocket tcp, RawSocket icmp) {
        this.clock = clock;
        this.replies = replies;
        this.sourcePort = sourcePort;
        this.libc = libc;
        this.sender = sender;
        this.tcp = tcp;
        this.icmp = icmp;
        this.writer = new ProbeWriter(crafting, SYN, TTL, ThreadLocalRandom.current());
        this.sequence = replies::sequence;
        this.spoofedSource = crafting.source().filter(a -> a instanceof Inet4Address)
                .map(a -> Ipv4Address.of((Inet4Address) a).bits()).orElse(0);
        this.outputInterface = outputInterface;
        this.slots = Math.max(SEND_BATCH, writer.packetsPerProbe());
        this.pending = new Probe[slots];
        this.pendingKeys = new long[slots];
        this.slotTargets = new long[slots];
        this.poll = Poll.allocate(libc, 2);
        poll.watch(0, tcp.fd(), Poll.POLLIN);
        poll.watch(1, icmp.fd(), Poll.POLLIN);
        this.sendBatch = PacketBatch.allocate(arena, slots, Math.max(PROBE_ROOM, writer.maxPacketLength()));
        this.receiveBatch = PacketBatch.allocate(arena, RECEIVE_BATCH, SNAP);
        this.to = Sockaddr.allocate(arena);
        Arrays.fill(slotTargets, -1);
    }

    /**
     * Opens the raw sender (bound to -e's interface when given) and the filtered TCP and ICMP receivers; needs root
     * or CAP_NET_RAW.
     */
    static RawSynLane open(Clock clock, SynReplies replies, int sourcePort, ProbeCrafting crafting)
            throws IOException {
        Libc libc = Libc.open();
        RawSocket sender = null;
        RawSocket tcp = null;
        RawSocket icmp = null;
        try {
            sender = RawSocket.ipv4Sender(libc);
            int outputInterface = 0;
            if (crafting.device().isPresent()) {
                String name = crafting.device().get();
                sender.bindToDevice(name);
                outputInterface = Interfaces.byName(name).orElseThrow(() -> new IOException("-e " + name
                        + ": no such network interface")).index();
            }
            tcp = RawSocket.ipv4(libc, Libc.IPPROTO_TCP);
            // nothing queues before the real filter is in place, and what came before it is dropped
            tcp.attach(BpfFilters.rejectAll());
            tcp.drain();
            tcp.attach(BpfFilters.ipv4TcpRepliesToPorts(BpfFilters.Framing.IP, sourcePort, sourcePort));
            icmp = RawSocket.ipv4(libc, Libc.IPPROTO_ICMP);
            return new RawSynLane(clock, replies, sourcePort, crafting, outputInterface, libc, sender, tcp, icmp);
        } catch (IOException | RuntimeException e) {
            for (RawSocket s : new RawSocket[] {sender, tcp, icmp}) {
                if (s != null) {
                    s.close();
                }
            }
            libc.close();
            throw e;
        }
    }

    /** Fills {@code p}'s SYN into the send batch; it leaves with the batch, when full or at the next {@link #await}. */
    @Override
    public void launch(Probe p, InetAddress address, int port, LaneResults results) {
        if (address != lastAddress) {
            if (!(address instanceof Inet4Address v4)) {
                results.unexpected(p, "the SYN scan does not do IPv6 yet", clock.nanoTime());
                return;
            }
            int target = Ipv4Address.of(v4).bits();
            Integer source = spoofedSource != 0 ? Integer.valueOf(spoofedSource) : sourceFor(address, target);
            if (source == null) {
                results.answered(p, Outcome.NET_UNREACH, clock.nanoTime());
                return;
            }
            lastAddress = address;
            lastTarget = target;
            lastSource = source;
            to.set(address, 0);
        }
        if (pendingCount + writer.packetsPerProbe() > slots) {
            flush(results);
        }
        current = p;
        currentKey = key(lastTarget, port);
        writer.write(lastSource, lastTarget, sourcePort, port, sequence, toBatch);
        current = null;
        if (pendingCount >= SEND_BATCH) {
            flush(results);
        }
    }

    /** One packet of the probe being written into the next send slot; only the real one carries the probe. */
    private void put(byte[] packet, int length, boolean real) {
        int slot = pendingCount++;
        sendBatch.put(slot, packet, 0, length);
        long target = lastTarget & 0xffff_ffffL;
        if (slotTargets[slot] != target) {
            sendBatch.setAddress(slot, to);
            slotTargets[slot] = target;
        }
        pending[slot] = real ? current : null;
        pendingKeys[slot] = currentKey;
    }

    /** Sends the filled batch with as few sendmmsg calls as the socket allows; a probe's clock starts here. */
    private void flush(LaneResults results) {
        int count = pendingCount;
        pendingCount = 0;
        long now = clock.nanoTime();
        int first = 0;
        while (first < count) {
            int r = sender.send(sendBatch, first, count - first);
            if (r > 0) {
                for (int i = first; i < first + r; i++) {
                    Probe p = pending[i];
                    if (p == null) {
                        // a decoy's copy or a later fragment: no probe waits on it
                        continue;
                    }
                    p.launchedAt = now;
                    inFlight.put(pendingKeys[i], p);
                    pending[i] = null;
                }
                first += r;
            } else {
                // the first of the rest failed alone: the others go again in the next call
                Probe p = pending[first];
                pending[first] = null;
                if (p != null) {
                    p.launchedAt = now;
                    failed(p, r == 0 ? -Errno.EAGAIN : r, results);
                }
                first++;
            }
        }
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

    /** The source the kernel picks for {@code address}, asked once per destination /24. */
    private Integer sourceFor(InetAddress address, int target) {
        Integer net = target >>> 8;
        if (sources.containsKey(net)) {
            return sources.get(net);
        }
        Integer bits;
        try {
            bits = RouteLookup.sourceFor(address, outputInterface).source() instanceof Inet4Address s
                    ? Ipv4Address.of(s).bits()
                    : null;
        } catch (ErrnoException e) {
            bits = null;
        }
        sources.put(net, bits);
        return bits;
    }

    private static long key(int target, int port) {
        return (target & 0xffff_ffffL) << 16 | port;
    }

    @Override
    public void await(long timeoutNanos, LaneResults results) throws IOException {
        if (pendingCount > 0) {
            flush(results);
        }
        long end = clock.nanoTime() + timeoutNanos;
        boolean found = drain(tcp, results) | drain(icmp, results);
        while (!found && !woken) {
            long left = end - clock.nanoTime();
            if (left <= 0) {
                break;
            }
            int millis = (int) Math.max(1, Math.min(left, POLL_SLICE_NANOS) / 1_000_000);
            int r = poll.await(2, millis);
            if (r < 0 && -r != Errno.EINTR) {
                throw new ErrnoException("poll of the raw receive sockets", -r);
            }
            if (r > 0) {
                found = drain(tcp, results) | drain(icmp, results);
            }
        }
        woken = false;
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
        Probe p = inFlight.remove(key(SynReplies.packedTarget(reply), SynReplies.packedPort(reply)));
        if (p == null) {
            // a late or duplicate answer for a probe already final
            return false;
        }
        p.replyTtl = SynReplies.packedTtl(reply);
        results.answered(p, SynReplies.packedOutcome(reply), now);
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
        inFlight.clear();
        pendingCount = 0;
        sender.close();
        tcp.close();
        icmp.close();
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
