package dev.portolan.net;

import java.lang.foreign.MemorySegment;

/**
 * An AF_PACKET socket bound to one interface: sends and receives whole link-layer frames (Ethernet header
 * included) of one ethertype or of all. For ARP, NDP and the link-layer fast path; needs root or CAP_NET_RAW.
 */
public final class PacketSocket extends NativeSocket {
    public static final int ETH_P_ALL = 0x0003;
    public static final int ETH_P_IP = 0x0800;
    public static final int ETH_P_ARP = 0x0806;
    public static final int ETH_P_IPV6 = 0x86DD;
    // how a received frame met the interface (sll_pkttype)
    public static final int HOST = 0;
    public static final int BROADCAST = 1;
    public static final int MULTICAST = 2;
    public static final int OTHERHOST = 3;
    public static final int OUTGOING = 4;
    static final int SOL_PACKET = 263;
    static final int PACKET_IGNORE_OUTGOING = 23;

    private final int interfaceIndex;
    private final int etherType;
    private final Sockaddr source;

    private PacketSocket(Libc libc, int fd, int interfaceIndex, int etherType) {
        super(libc, fd);
        this.interfaceIndex = interfaceIndex;
        this.etherType = etherType;
        this.source = Sockaddr.allocate(arena());
    }

    /**
     * A socket for frames of {@code etherType} (ETH_P_ALL: every frame, the ones this host sends included) on the
     * interface with index {@code interfaceIndex}.
     */
    public static PacketSocket open(Libc libc, int interfaceIndex, int etherType) throws ErrnoException {
        if (etherType < 0 || etherType > 0xFFFF) {
            throw new IllegalArgumentException("ethertype " + etherType + " is outside 0..0xffff");
        }
        if (interfaceIndex < 1) {
            throw new IllegalArgumentException("interface index " + interfaceIndex + " is not positive");
        }
        // the protocol argument is the ethertype in network byte order
        int protocol = Short.toUnsignedInt(Short.reverseBytes((short) etherType));
        String type = String.format("0x%04x", etherType);
        int fd = openDescriptor(libc, Libc.AF_PACKET, Libc.SOCK_RAW, protocol,
                "socket(AF_PACKET, SOCK_RAW, " + type + ")");
        PacketSocket s = new PacketSocket(libc, fd, interfaceIndex, etherType);
        try {
            Sockaddr link = Sockaddr.allocate(s.arena());
            link.setLinkLayer(etherType, interfaceIndex);
            ErrnoException.check("bind(AF_PACKET, " + type + ", interface " + interfaceIndex + ")",
                    libc.bind(s.fd, link));
            return s;
        } catch (ErrnoException e) {
            s.close();
            throw e;
        }
    }

    public int interfaceIndex() {
        return interfaceIndex;
    }

    public int etherType() {
        return etherType;
    }

    /** Sends one frame out of the bound interface: bytes sent, or -errno. */
    public int send(MemorySegment frame, int length) {
        return send(frame, length, null);
    }

    /** Sends one frame from a Java array. */
    public int send(byte[] frame, int offset, int length) {
        return send(frame, offset, length, null);
    }

    /** Receives one frame, remembering its {@link #lastPacketType()}: bytes stored, or -errno. */
    public int receive(MemorySegment buffer) {
        return receive(buffer, source);
    }

    /** Receives one frame into a Java array. */
    public int receive(byte[] buffer) {
        return receive(buffer, source);
    }

    /** How the last frame received met the interface: HOST, BROADCAST, MULTICAST, OTHERHOST or OUTGOING. */
    public int lastPacketType() {
        return source.linkPacketType();
    }

    /** With ETH_P_ALL: whether to skip the copies of frames this host sends (Linux 4.20 and later). */
    public void setIgnoreOutgoing(boolean on) throws ErrnoException {
        setOption(SOL_PACKET, PACKET_IGNORE_OUTGOING, on ? 1 : 0, "PACKET_IGNORE_OUTGOING");
    }

    @Override
    public String toString() {
        return String.format("PacketSocket(interface %d, 0x%04x, fd %d)", interfaceIndex, etherType, fd);
    }
}
