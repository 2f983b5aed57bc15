package dev.portolan.technique.tcp;

import dev.portolan.engine.Clock;
import dev.portolan.net.BpfFilters;
import dev.portolan.net.Errno;
import dev.portolan.net.ErrnoException;
import dev.portolan.net.Libc;
import dev.portolan.net.PacketBatch;
import dev.portolan.net.Poll;
import dev.portolan.net.RawSocket;
import dev.portolan.net.RouteLookup;
import dev.portolan.net.Sockaddr;
import dev.portolan.packet.Bytes;
import dev.portolan.packet.IpPacket;
import dev.portolan.packet.IpProtocol;
import dev.portolan.packet.Ipv4Address;
import dev.portolan.packet.Ipv4Header;
import dev.portolan.packet.Ipv4TcpTemplate;
import dev.portolan.packet.MalformedPacketException;
import dev.portolan.packet.TcpFlags;
import dev.portolan.packet.TcpHeader;
import dev.portolan.packet.TcpOption;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    private static final int BATCH = 64;
    private static final int SNAP = 2048;

    private final Clock clock;
    private final SynReplies replies;
    private final int sourcePort;
    private final Arena arena = Arena.ofShared();
    private final Libc libc;
    private final RawSocket sender;
    private final RawSocket tcp;
    private final RawSocket icmp;
    private final Poll poll;
    private final PacketBatch batch;
    private final Sockaddr to;
    private final byte[] out = new byte[128];
    private final ByteBuffer outBuffer = ByteBuffer.wrap(out);
    private final byte[] in = new byte[SNAP];
    private final Map<InetAddress, Integer> sources = new HashMap<>();
    private final Map<Integer, Ipv4TcpTemplate> templates = new HashMap<>();
    /** (target bits << 16 | port) of each probe in flight: where a validated reply goes. */
    private final Map<Long, Probe> inFlight = new HashMap<>();
    private volatile boolean woken;

    private RawSynLane(Clock clock, SynReplies replies, int sourcePort, Libc libc, RawSocket sender, RawSocket tcp,
                       RawSocket icmp) {
        this.clock = clock;
        this.replies = replies;
        this.sourcePort = sourcePort;
        this.libc = libc;
        this.sender = sender;
        this.tcp = tcp;
        this.icmp = icmp;
        this.poll = Poll.allocate(libc, 2);
        poll.watch(0, tcp.fd(), Poll.POLLIN);
        poll.watch(1, icmp.fd(), Poll.POLLIN);
        this.batch = PacketBatch.allocate(arena, BATCH, SNAP);
        this.to = Sockaddr.allocate(arena);
    }

    /** Opens the raw sender and the filtered TCP and ICMP receivers; needs root or CAP_NET_RAW. */
    static RawSynLane open(Clock clock, SynReplies replies, int sourcePort) throws IOException {
        Libc libc = Libc.open();
        RawSocket sender = null;
        RawSocket tcp = null;
        RawSocket icmp = null;
        try {
            sender = RawSocket.ipv4Sender(libc);
            tcp = RawSocket.ipv4(libc, Libc.IPPROTO_TCP);
            // nothing queues before the real filter is in place, and what came before it is dropped
            tcp.attach(BpfFilters.rejectAll());
            tcp.drain();
            tcp.attach(BpfFilters.ipv4TcpRepliesToPorts(BpfFilters.Framing.IP, sourcePort, sourcePort));
            icmp = RawSocket.ipv4(libc, Libc.IPPROTO_ICMP);
            return new RawSynLane(clock, replies, sourcePort, libc, sender, tcp, icmp);
        } catch (ErrnoException | RuntimeException e) {
            for (RawSocket s : new RawSocket[] {sender, tcp, icmp}) {
                if (s != null) {
                    s.close();
                }
            }
            libc.close();
            throw e;
        }
    }

    @Override
    public void launch(Probe p, InetAddress address, int port, LaneResults results) {
        if (!(address instanceof Inet4Address v4)) {
            results.unexpected(p, "the SYN scan does not do IPv6 yet", clock.nanoTime());
            return;
        }
        int target = Ipv4Address.of(v4).bits();
        Integer source = sourceFor(address);
        if (source == null) {
            results.answered(p, Outcome.NET_UNREACH, clock.nanoTime());
            return;
        }
        Ipv4TcpTemplate template = templates.computeIfAbsent(source, RawSynLane::template);
        outBuffer.clear();
        template.writeTo(outBuffer, target, sourcePort, port, replies.sequence(source, target, port));
        to.set(address, 0);
        p.launchedAt = clock.nanoTime();
        int r = sender.send(out, 0, template.length(), to);
        if (r >= 0) {
            Long key = key(target, port);
            p.io = key;
            inFlight.put(key, p);
        } else if (-r == Errno.ENOBUFS || -r == Errno.EAGAIN) {
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

    private Integer sourceFor(InetAddress address) {
        if (sources.containsKey(address)) {
            return sources.get(address);
        }
        Integer bits;
        try {
            bits = RouteLookup.sourceFor(address).source() instanceof Inet4Address s ? Ipv4Address.of(s).bits()
                    : null;
        } catch (ErrnoException e) {
            bits = null;
        }
        sources.put(address, bits);
        return bits;
    }

    private static Ipv4TcpTemplate template(int source) {
        TcpHeader syn = TcpHeader.of(0, 0, 0, 0, TcpFlags.SYN, WINDOW, List.of(new TcpOption.Mss(MSS)));
        Ipv4Header ip = Ipv4Header.of(new Ipv4Address(source), Ipv4Address.ANY, IpProtocol.TCP, TTL);
        return Ipv4TcpTemplate.of(IpPacket.assemble(ip, syn, Bytes.EMPTY));
    }

    private static long key(int target, int port) {
        return (target & 0xffff_ffffL) << 16 | port;
    }

    @Override
    public void await(long timeoutNanos, LaneResults results) throws IOException {
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
            int n = socket.receive(batch, BATCH);
            if (n < 0) {
                if (-n == Errno.EAGAIN || -n == Errno.EINTR) {
                    return found;
                }
                throw new ErrnoException("receive on " + socket, -n);
            }
            long now = clock.nanoTime();
            for (int i = 0; i < n; i++) {
                int length = batch.copy(i, in);
                found |= accept(ByteBuffer.wrap(in, 0, length), results, now);
            }
            if (n < BATCH) {
                return found;
            }
        }
    }

    private boolean accept(ByteBuffer packet, LaneResults results, long now) {
        SynReply reply;
        try {
            reply = replies.classify(IpPacket.parse(packet));
        } catch (MalformedPacketException | IllegalArgumentException e) {
            return false;
        }
        if (reply == null) {
            return false;
        }
        Probe p = inFlight.remove(key(reply.target(), reply.port()));
        if (p == null) {
            // a late or duplicate answer for a probe already final
            return false;
        }
        p.replyTtl = reply.ttl();
        results.answered(p, reply.outcome(), now);
        return true;
    }

    @Override
    public void abandon(Probe p) {
        if (p.io instanceof Long key) {
            // a retry of the same pair may own the key by now
            inFlight.remove(key, p);
        }
    }

    @Override
    public void wakeup() {
        woken = true;
    }

    @Override
    public void close() {
        inFlight.clear();
        sender.close();
        tcp.close();
        icmp.close();
        libc.close();
        arena.close();
    }
}
