package dev.portolan.craft;

import dev.portolan.packet.Bytes;
import dev.portolan.packet.IpPacket;
import dev.portolan.packet.IpProtocol;
import dev.portolan.packet.Ipv4Address;
import dev.portolan.packet.Ipv4Fragmenter;
import dev.portolan.packet.Ipv4Header;
import dev.portolan.packet.Ipv4TcpTemplate;
import dev.portolan.packet.TcpHeader;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.function.IntUnaryOperator;
import java.util.random.RandomGenerator;

/**
 * Writes the packets of one raw TCP/IPv4 probe as a {@link ProbeCrafting} asks: the probe from each decoy source in
 * the list's order and from the real source at ME, each with the crafted TTL, payload and checksum, each split into
 * fragments when asked. Templates are built once per source, so a probe allocates nothing. One thread at a time.
 */
public final class ProbeWriter {
    /** The cookie a probe carries as its sequence number, for (source, target, target port). */
    @FunctionalInterface
    public interface Sequence {
        int of(int source, int target, int targetPort);
    }

    /** Receives each packet; {@code real} marks the first packet of the probe from the real source. */
    @FunctionalInterface
    public interface Packets {
        void packet(byte[] bytes, int length, boolean real);
    }

    private final TcpHeader shape;
    /** The acknowledgment number for a probe's cookie: the cookie itself where a RST will echo it, else 0. */
    private final IntUnaryOperator acknowledgment;
    private final int ttl;
    private final Bytes payload;
    private final boolean badChecksum;
    private final Ipv4Fragmenter fragmenter;
    /** Per decoy position: the template from that spoofed source, or null at ME. */
    private final Ipv4TcpTemplate[] decoys;
    private final int[] decoySources;
    private final int copies;
    /** The place of the real probe among the copies (ME's place in the decoy list). */
    private final int mePosition;
    private final int datagramLength;
    private final byte[] datagram;
    private final ByteBuffer datagramBuffer;
    private final byte[] fragment;
    private final ByteBuffer fragmentBuffer;
    private Ipv4TcpTemplate real;
    private int realSource;
    private int identification;

    /**
     * A writer of probes shaped like {@code shape} (flags, window, options; ports and numbers are filled in per
     * probe), with {@code defaultTtl} unless the crafting sets one; the payload bytes are drawn from {@code random}
     * once per scan.
     */
    public ProbeWriter(ProbeCrafting crafting, TcpHeader shape, int defaultTtl, RandomGenerator random) {
        this(crafting, shape, defaultTtl, cookie -> 0, random);
    }

    /** As above, for probes whose acknowledgment number also carries the cookie ({@code acknowledgment} says how). */
    public ProbeWriter(ProbeCrafting crafting, TcpHeader shape, int defaultTtl, IntUnaryOperator acknowledgment,
                       RandomGenerator random) {
        this.shape = shape;
        this.acknowledgment = acknowledgment;
        this.ttl = crafting.ttl().orElse(defaultTtl);
        byte[] data = new byte[crafting.dataLength()];
        random.nextBytes(data);
        this.payload = Bytes.of(data);
        this.badChecksum = crafting.badChecksum();
        this.fragmenter = crafting.fragmentSize() > 0 ? Ipv4Fragmenter.of(crafting.fragmentSize()) : null;
        int n = Math.max(1, crafting.decoys().size());
        this.decoys = new Ipv4TcpTemplate[n];
        this.decoySources = new int[n];
        for (int i = 0; i < crafting.decoys().size(); i++) {
            // an IPv6 decoy has no place in an IPv4 probe: it stays null, the ME case, and is skipped
            if (crafting.decoys().get(i) instanceof Decoy.Spoofed(Inet4Address a)) {
                decoySources[i] = Ipv4Address.of(a).bits();
                decoys[i] = template(decoySources[i]);
            }
        }
        this.copies = n;
        this.real = template(0);
        this.datagramLength = real.length();
        this.datagram = new byte[datagramLength];
        this.datagramBuffer = ByteBuffer.wrap(datagram);
        this.fragment = new byte[fragmenter == null ? 0 : fragmenter.maxFragmentLength(datagramLength)];
        this.fragmentBuffer = ByteBuffer.wrap(fragment);
        this.identification = random.nextInt(1, 0x10000);
        this.mePosition = crafting.decoys().isEmpty() ? 0 : crafting.decoys().indexOf(Decoy.ME);
    }

    private Ipv4TcpTemplate template(int source) {
        Ipv4Header ip = Ipv4Header.of(new Ipv4Address(source), Ipv4Address.ANY, IpProtocol.TCP, ttl);
        return Ipv4TcpTemplate.of(IpPacket.assemble(ip, shape, payload), badChecksum);
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
     * Writes the probe from {@code source} (the real source) to {@code target}:{@code targetPort} from {@code
     * sourcePort}, with its decoys, to {@code out}; the byte array handed over is reused by the next packet.
     */
    public void write(int source, int target, int sourcePort, int targetPort, Sequence sequence, Packets out) {
        if (source != realSource) {
            realSource = source;
            real = template(source);
        }
        for (int i = 0; i < copies; i++) {
            boolean me = i == mePosition;
            Ipv4TcpTemplate t = me ? real : decoys[i];
            if (t == null) {
                continue;
            }
            int from = me ? source : decoySources[i];
            int id = nextIdentification();
            datagramBuffer.clear();
            int cookie = sequence.of(from, target, targetPort);
            t.writeTo(datagramBuffer, target, sourcePort, targetPort, cookie, acknowledgment.applyAsInt(cookie), id);
            if (fragmenter == null) {
                out.packet(datagram, datagramLength, me);
                continue;
            }
            int count = fragmenter.count(datagramLength);
            for (int k = 0; k < count; k++) {
                fragmentBuffer.clear();
                fragmenter.write(datagram, 0, datagramLength, k, fragmentBuffer);
                out.packet(fragment, fragmentBuffer.position(), me && k == 0);
            }
        }
    }

    /** A fresh IP identification per datagram, never 0 (the kernel would replace a zero one, per fragment). */
    private int nextIdentification() {
        identification = identification == 0xffff ? 1 : identification + 1;
        return identification;
    }
}
