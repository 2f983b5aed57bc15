package dev.portolan.technique.tcp;

import dev.portolan.net.BpfFilters;
import dev.portolan.net.Errno;
import dev.portolan.net.ErrnoException;
import dev.portolan.net.Libc;
import dev.portolan.net.PacketBatch;
import dev.portolan.net.RawSocket;
import dev.portolan.net.RouteSources;
import dev.portolan.packet.Ipv6Address;
import java.lang.foreign.Arena;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The IPv6 sockets of a raw TCP lane, opened at its first IPv6 target: an IPV6_HDRINCL sender (our own header and
 * checksum, so per-probe fields are patched as for IPv4) and AF_INET6 TCP and ICMPv6 receivers, which never show
 * the IPv6 header: a reply's source comes from msg_name, its destination is the source we chose for that target.
 * Targets get small ids for the probe table's keys, as IPv6 addresses do not fit them. The probes themselves are
 * written by the lane's IPv6 {@link dev.portolan.craft.ProbeWriter}.
 */
final class RawTcp6 implements AutoCloseable {
    /** A probe key's bit 48 marks IPv6: the IPv4 keys hold 32 address bits and 16 port bits below it. */
    static final long KEY_BIT = 1L << 48;
    private static final int RECEIVE_BATCH = 64;
    private static final int ANCILLARY = 64;

    /** One IPv6 target: its id in probe keys, its address and the source its probes carry (the route's, or -S). */
    record Target(int id, Ipv6Address address, Ipv6Address source) {
    }

    final RawSocket sender;
    final RawSocket tcp;
    final RawSocket icmp;
    private final PacketBatch receiveBatch;
    private final Map<Ipv6Address, Target> targets = new HashMap<>();
    private final List<Target> byId = new ArrayList<>();
    private final RouteSources sources;
    /** -S: the source written into every probe instead of the route's; null for the route's. */
    private final Ipv6Address spoofedSource;

    private RawTcp6(RawSocket sender, RawSocket tcp, RawSocket icmp, PacketBatch receiveBatch,
                    RouteSources sources, Ipv6Address spoofedSource) {
        this.sources = sources;
        this.spoofedSource = spoofedSource;
        this.sender = sender;
        this.tcp = tcp;
        this.icmp = icmp;
        this.receiveBatch = receiveBatch;
    }

    /**
     * Opens the sockets; the sender is bound to {@code device} (-e) when given, and {@code spoofedSource} (-S, or
     * null) replaces the route's source in every probe.
     */
    static RawTcp6 open(Libc libc, Libc sendLibc, Arena arena, int sourcePort, RouteSources sources,
                        Optional<String> device, Ipv6Address spoofedSource) throws ErrnoException {
        RawSocket sender = null;
        RawSocket tcp = null;
        RawSocket icmp = null;
        try {
            sender = RawSocket.ipv6(sendLibc, Libc.IPPROTO_RAW);
            sender.setHeaderIncluded(true);
            if (device.isPresent()) {
                sender.bindToDevice(device.get());
            }
            tcp = RawSocket.ipv6(libc, Libc.IPPROTO_TCP);
            tcp.attach(BpfFilters.rejectAll());
            tcp.drain();
            tcp.attach(BpfFilters.ipv6TcpRepliesToPorts(sourcePort, sourcePort));
            tcp.setReceiveHopLimit(true);
            tcp.setReceiveBuffer(RawTcpLane.RECEIVE_BUFFER);
            icmp = RawSocket.ipv6(libc, Libc.IPPROTO_ICMPV6);
            // type 1: destination unreachable
            icmp.attach(BpfFilters.icmpv6Type(1));
            icmp.setReceiveHopLimit(true);
            return new RawTcp6(sender, tcp, icmp, PacketBatch.allocate(arena, RECEIVE_BATCH, 2048, ANCILLARY),
                    sources, spoofedSource);
        } catch (ErrnoException | RuntimeException e) {
            for (RawSocket s : new RawSocket[] {sender, tcp, icmp}) {
                if (s != null) {
                    s.close();
                }
            }
            throw e;
        }
    }

    /** The target for {@code address}, made once; null when no route leads there. */
    Target target(Inet6Address address) {
        Ipv6Address a = Ipv6Address.of(address);
        Target t = targets.get(a);
        if (t == null) {
            // asked once per routing-table prefix: hosts of one /64 may sit behind different links
            Ipv6Address source = sources.sourceFor(address)
                    .map(s6 -> s6 instanceof Inet6Address v6 ? Ipv6Address.of(v6) : Ipv6Address.ANY)
                    .orElse(Ipv6Address.ANY);
            if (source.equals(Ipv6Address.ANY)) {
                return null;
            }
            t = new Target(byId.size(), a, spoofedSource != null ? spoofedSource : source);
            byId.add(t);
            targets.put(a, t);
        }
        return t;
    }

    static long key(int id, int port) {
        return KEY_BIT | (long) id << 16 | port;
    }

    /** Where a validated reply goes: the lane's probe table. */
    interface Answers {
        boolean answer(long key, Outcome outcome, int ttl, long now);
    }

    /** Reads every queued TCP reply: true when one answered a probe. */
    boolean drainTcp(TcpReplies replies, byte[] in, long now, Answers answers) throws ErrnoException {
        boolean found = false;
        while (true) {
            int n = receive(tcp);
            if (n <= 0) {
                return found;
            }
            for (int i = 0; i < n; i++) {
                int length = receiveBatch.copy(i, in);
                // the reply came from the target: msg_name holds its address
                Target t = targets.get(new Ipv6Address(receiveBatch.address(i).ipv6High(),
                        receiveBatch.address(i).ipv6Low()));
                if (t == null || length < 20) {
                    continue;
                }
                Outcome o = replies.tcp6(in, length, t.address().high(), t.address().low(), t.source().high(),
                        t.source().low());
                if (o != null) {
                    int port = (in[0] & 0xff) << 8 | (in[1] & 0xff);
                    found |= answers.answer(key(t.id(), port), o, Math.max(0, receiveBatch.hopLimit(i)), now);
                }
            }
            if (n < RECEIVE_BATCH) {
                return found;
            }
        }
    }

    /** Reads every queued ICMPv6 unreachable: true when one answered a probe. */
    boolean drainIcmp(TcpReplies replies, byte[] in, long now, Answers answers) throws ErrnoException {
        boolean found = false;
        while (true) {
            int n = receive(icmp);
            if (n <= 0) {
                return found;
            }
            for (int i = 0; i < n; i++) {
                int length = receiveBatch.copy(i, in);
                Outcome o = replies.icmp6(in, length);
                if (o == null) {
                    continue;
                }
                Target t = targets.get(new Ipv6Address(TcpReplies.s64(in, TcpReplies.QUOTED_TARGET6),
                        TcpReplies.s64(in, TcpReplies.QUOTED_TARGET6 + 8)));
                if (t != null) {
                    int at = TcpReplies.quotedTcp6(in, length) + 2;
                    int port = (in[at] & 0xff) << 8 | (in[at + 1] & 0xff);
                    found |= answers.answer(key(t.id(), port), o, Math.max(0, receiveBatch.hopLimit(i)), now);
                }
            }
            if (n < RECEIVE_BATCH) {
                return found;
            }
        }
    }

    /** recvmmsg into the batch: how many arrived, 0 when none. */
    private int receive(RawSocket socket) throws ErrnoException {
        int n = socket.receive(receiveBatch, RECEIVE_BATCH);
        if (n < 0) {
            if (-n == Errno.EAGAIN || -n == Errno.EINTR) {
                return 0;
            }
            throw new ErrnoException("receive on " + socket, -n);
        }
        return n;
    }

    @Override
    public void close() {
        sender.close();
        tcp.close();
        icmp.close();
    }
}
