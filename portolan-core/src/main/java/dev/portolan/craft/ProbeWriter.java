package dev.portolan.craft;

import dev.portolan.packet.Bytes;
import dev.portolan.packet.Fragmenter;
import dev.portolan.packet.IpPacket;
import dev.portolan.packet.IpProtocol;
import dev.portolan.packet.Ipv4Address;
import dev.portolan.packet.Ipv4Header;
import dev.portolan.packet.Ipv4TcpTemplate;
import dev.portolan.packet.Ipv6Address;
import dev.portolan.packet.Ipv6Header;
import dev.portolan.packet.Ipv6TcpTemplate;
import dev.portolan.packet.TcpHeader;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.function.IntUnaryOperator;
import java.util.random.RandomGenerator;

/**
 * Writes the packets of one raw TCP probe, over IPv4 or (made by {@link #ipv6}) IPv6, as a {@link ProbeCrafting}
 * asks: the probe from each decoy source of the family in the list's order and from the real source at ME, each with
 * the crafted TTL or hop limit, payload and checksum, each split into fragments when asked (IPv6: behind a Fragment
 * extension header). Templates are built once per source, so a probe allocates nothing. One thread at a time.
 */
public final class ProbeWriter {
    /** The cookie a probe carries as its sequence number, for (source, target, target port). */
    @FunctionalInterface
    public interface Sequence {
        int of(int source, int target, int targetPort);
    }

    /** The cookie of an IPv6 probe, for (source, target, target port), each address as its two halves. */
    @FunctionalInterface
    public interface Sequence6 {
        int of(long sourceHigh, long sourceLow, long targetHigh, long targetLow, int targetPort);
    }

    /** Receives each packet; {@code real} marks the first packet of the probe from the real source. */
    @FunctionalInterface
    public interface Packets {
        void packet(byte[] bytes, int length, boolean real);
    }

    /** One source's probe template of either family; an IPv4 address is the low 32 bits of {@code targetLow}. */
    @FunctionalInterface
    private interface Template {
        void write(ByteBuffer out, long targetHigh, long targetLow, int sourcePort, int targetPort, int sequence,
                   int acknowledgment, int identification);
    }

    private final boolean ipv6;
    private final TcpHeader shape;
    /** The acknowledgment number for a probe's cookie: the cookie itself where a RST will echo it, else 0. */
    private final IntUnaryOperator acknowledgment;
    private final int ttl;
    private final Bytes payload;
    private final boolean badChecksum;
    private final Fragmenter fragmenter;
    /** Per decoy position: the template from that spoofed source, or null at ME and for the other family. */
    private final Template[] decoys;
    private final long[] decoyHigh;
    private final long[] decoyLow;
    private final int copies;
    /** The place of the real probe among the copies (ME's place in the decoy list). */
    private final int mePosition;
    private final int datagramLength;
    private final byte[] datagram;
    private final ByteBuffer datagramBuffer;
    private final byte[] fragment;
    private final ByteBuffer fragmentBuffer;
    private Template real;
    private long realHigh;
    private long realLow;
    private int identification;
    /** The cookie of the write in progress: one of the two is set. */
    private Sequence sequence;
    private Sequence6 sequence6;

    /**
     * A writer of IPv4 probes shaped like {@code shape} (flags, window, options; ports and numbers are filled in per
     * probe), with {@code defaultTtl} unless the crafting sets one; the payload bytes are drawn from {@code random}
     * once per scan.
     */
    public ProbeWriter(ProbeCrafting crafting, TcpHeader shape, int defaultTtl, RandomGenerator random) {
        this(crafting, shape, defaultTtl, cookie -> 0, random);
    }

    /** As above, for probes whose acknowledgment number also carries the cookie ({@code acknowledgment} says how). */
    public ProbeWriter(ProbeCrafting crafting, TcpHeader shape, int defaultTtl, IntUnaryOperator acknowledgment,
                       RandomGenerator random) {
        this(false, crafting, shape, defaultTtl, acknowledgment, random);
    }

    /** A writer of IPv6 probes: as the IPv4 one, with the hop limit for the TTL and IPv6 decoys only. */
    public static ProbeWriter ipv6(ProbeCrafting crafting, TcpHeader shape, int defaultHopLimit,
                                   IntUnaryOperator acknowledgment, RandomGenerator random) {
        return new ProbeWriter(true, crafting, shape, defaultHopLimit, acknowledgment, random);
    }

    private ProbeWriter(boolean ipv6, ProbeCrafting crafting, TcpHeader shape, int defaultTtl,
                        IntUnaryOperator acknowledgment, RandomGenerator random) {
        this.ipv6 = ipv6;
        this.shape = shape;
        this.acknowledgment = acknowledgment;
        this.ttl = crafting.ttl().orElse(defaultTtl);
        byte[] data = new byte[crafting.dataLength()];
        random.nextBytes(data);
        this.payload = Bytes.of(data);
        this.badChecksum = crafting.badChecksum();
        this.fragmenter = crafting.fragmentSize() > 0 ? Fragmenter.of(ipv6, crafting.fragmentSize()) : null;
        int n = Math.max(1, crafting.decoys().size());
        this.decoys = new Template[n];
        this.decoyHigh = new long[n];
        this.decoyLow = new long[n];
        for (int i = 0; i < crafting.decoys().size(); i++) {
            // a decoy of the other family has no place in this probe: it stays null, as ME, and is skipped
            InetAddress a = crafting.decoys().get(i).source(ipv6);
            if (a instanceof Inet6Address a6) {
                decoyHigh[i] = Ipv6Address.of(a6).high();
                decoyLow[i] = Ipv6Address.of(a6).low();
            } else if (a instanceof Inet4Address a4) {
                decoyLow[i] = Ipv4Address.of(a4).bits() & 0xffff_ffffL;
            }
            if (a != null) {
                decoys[i] = template(decoyHigh[i], decoyLow[i]);
            }
        }
        this.copies = n;
        this.real = template(0, 0);
        this.datagramLength = ipv6 ? Ipv6Header.FIXED_LENGTH + tcpLength() : Ipv4Header.MIN_LENGTH + tcpLength();
        this.datagram = new byte[datagramLength];
        this.datagramBuffer = ByteBuffer.wrap(datagram);
        this.fragment = new byte[fragmenter == null ? 0 : fragmenter.maxFragmentLength(datagramLength)];
        this.fragmentBuffer = ByteBuffer.wrap(fragment);
        // IPv4's identification has 16 bits, IPv6's Fragment header 32
        this.identification = ipv6 ? random.nextInt() : random.nextInt(1, 0x10000);
        this.mePosition = crafting.decoys().isEmpty() ? 0 : crafting.decoys().indexOf(Decoy.ME);
    }

    private int tcpLength() {
        return shape.headerLength() + payload.length();
    }

    private Template template(long sourceHigh, long sourceLow) {
        if (ipv6) {
            Ipv6Header ip = Ipv6Header.of(new Ipv6Address(sourceHigh, sourceLow), Ipv6Address.ANY, IpProtocol.TCP,
                    ttl);
            Ipv6TcpTemplate t = Ipv6TcpTemplate.of(IpPacket.assemble(ip, shape, payload), badChecksum);
            return (out, th, tl, sport, dport, seq, ack, id) -> t.writeTo(out, th, tl, sport, dport, seq, ack);
        }
        Ipv4Header ip = Ipv4Header.of(new Ipv4Address((int) sourceLow), Ipv4Address.ANY, IpProtocol.TCP, ttl);
        Ipv4TcpTemplate t = Ipv4TcpTemplate.of(IpPacket.assemble(ip, shape, payload), badChecksum);
        return (out, th, tl, sport, dport, seq, ack, id) -> t.writeTo(out, (int) tl, sport, dport, seq, ack, id);
    }

    /** Packets one probe becomes: one per source (decoys and the real one), times the fragments of each. */
    public int packetsPerProbe() {
        return copies * (fragmenter == null ? 1 : fragmenter.count(datagramLength));
    }

    /** The longest packet written. */
    public int maxPacketLength() {
        return fragmenter == null ? datagramLength : fragment.length;
    }

    /**
     * Writes the IPv4 probe from {@code source} (the real source) to {@code target}:{@code targetPort} from {@code
     * sourcePort}, with its decoys, to {@code out}; the byte array handed over is reused by the next packet.
     */
    public void write(int source, int target, int sourcePort, int targetPort, Sequence sequence, Packets out) {
        if (ipv6) {
            throw new IllegalStateException("an IPv6 probe writer");
        }
        this.sequence = sequence;
        write(0, source & 0xffff_ffffL, 0, target & 0xffff_ffffL, sourcePort, targetPort, out);
    }

    /** {@link #write(int, int, int, int, Sequence, Packets)} for an IPv6 writer. */
    public void write(Ipv6Address source, Ipv6Address target, int sourcePort, int targetPort, Sequence6 sequence,
                      Packets out) {
        if (!ipv6) {
            throw new IllegalStateException("an IPv4 probe writer");
        }
        this.sequence6 = sequence;
        write(source.high(), source.low(), target.high(), target.low(), sourcePort, targetPort, out);
    }

    private void write(long sourceHigh, long sourceLow, long targetHigh, long targetLow, int sourcePort,
                       int targetPort, Packets out) {
        if (sourceHigh != realHigh || sourceLow != realLow) {
            realHigh = sourceHigh;
            realLow = sourceLow;
            real = template(sourceHigh, sourceLow);
        }
        for (int i = 0; i < copies; i++) {
            boolean me = i == mePosition;
            Template t = me ? real : decoys[i];
            if (t == null) {
                continue;
            }
            long fromHigh = me ? sourceHigh : decoyHigh[i];
            long fromLow = me ? sourceLow : decoyLow[i];
            int id = nextIdentification();
            datagramBuffer.clear();
            int cookie = ipv6 ? sequence6.of(fromHigh, fromLow, targetHigh, targetLow, targetPort)
                    : sequence.of((int) fromLow, (int) targetLow, targetPort);
            t.write(datagramBuffer, targetHigh, targetLow, sourcePort, targetPort, cookie,
                    acknowledgment.applyAsInt(cookie), id);
            if (fragmenter == null) {
                out.packet(datagram, datagramLength, me);
                continue;
            }
            int count = fragmenter.count(datagramLength);
            for (int k = 0; k < count; k++) {
                fragmentBuffer.clear();
                fragmenter.write(datagram, 0, datagramLength, id, k, fragmentBuffer);
                out.packet(fragment, fragmentBuffer.position(), me && k == 0);
            }
        }
    }

    /**
     * A fresh identification per datagram, never 0: IPv4's 16 bits (the kernel would replace a zero one, per
     * fragment), IPv6's 32.
     */
    private int nextIdentification() {
        if (ipv6) {
            identification = identification == -1 ? 1 : identification + 1;
        } else {
            identification = identification == 0xffff ? 1 : identification + 1;
        }
        return identification;
    }
}
