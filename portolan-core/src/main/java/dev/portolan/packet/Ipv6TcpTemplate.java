package dev.portolan.packet;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * A TCP/IPv6 probe built once and written per target without allocating: the prototype's bytes are copied into the
 * output, then destination address, ports, sequence and acknowledgment numbers are patched in and the TCP checksum
 * finished from a sum precomputed over the fixed fields. Immutable; share it between threads.
 */
public final class Ipv6TcpTemplate {
    private final byte[] bytes;
    private final int ipOffset;
    private final int tcpOffset;
    private final long tcpSum;
    private final int acknowledgment;
    /** 1 for --badsum: flips the checksum's low bit, never between the two encodings of zero (0 and 0xffff). */
    private final int checksumFlip;

    private Ipv6TcpTemplate(byte[] linkHeader, IpPacket prototype, boolean badChecksum) {
        if (!(prototype.ip() instanceof Ipv6Header ip) || !(prototype.upper() instanceof TcpHeader tcp)) {
            throw new IllegalArgumentException("template: the prototype must be TCP over IPv6");
        }
        if (ip.isFragment()) {
            throw new IllegalArgumentException("template: the prototype must not be a fragment");
        }
        IpPacket p = IpPacket.assemble(ip, tcp, prototype.payload());
        this.checksumFlip = badChecksum ? 1 : 0;
        this.acknowledgment = tcp.acknowledgmentNumber();
        this.ipOffset = linkHeader.length;
        this.tcpOffset = ipOffset + ip.headerLength();
        this.bytes = new byte[tcpOffset + tcp.headerLength() + p.payload().length()];
        ByteBuffer b = ByteBuffer.wrap(bytes);
        b.put(linkHeader);
        p.writeTo(b);
        // the per-target fields are zero in the stored bytes, so the sum below leaves them out
        for (int i = ipOffset + 24; i < ipOffset + 40; i++) {
            bytes[i] = 0;
        }
        for (int i = tcpOffset; i < tcpOffset + 12; i++) {
            bytes[i] = 0;
        }
        bytes[tcpOffset + 16] = 0;
        bytes[tcpOffset + 17] = 0;
        int tcpLength = bytes.length - tcpOffset;
        long pseudo = InternetChecksum.ipv6PseudoHeader(ip.source().high(), ip.source().low(), 0, 0, IpProtocol.TCP,
                tcpLength);
        this.tcpSum = InternetChecksum.add(pseudo, bytes, tcpOffset, tcpLength);
    }

    /** A template of the prototype's IP datagram; its lengths and checksum need not be filled in. */
    public static Ipv6TcpTemplate of(IpPacket prototype) {
        return new Ipv6TcpTemplate(new byte[0], prototype, false);
    }

    /**
     * A template whose probes carry the prototype's payload after the TCP header and, with {@code badChecksum}
     * (nmap's --badsum), a TCP checksum that is wrong on purpose.
     */
    public static Ipv6TcpTemplate of(IpPacket prototype, boolean badChecksum) {
        return new Ipv6TcpTemplate(new byte[0], prototype, badChecksum);
    }

    /** A template that starts with {@code link}, for sending on a link-layer socket. */
    public static Ipv6TcpTemplate of(EthernetHeader link, IpPacket prototype) {
        return new Ipv6TcpTemplate(link.toBytes(), prototype, false);
    }

    /** Bytes each write takes. */
    public int length() {
        return bytes.length;
    }

    /** Writes one probe with the prototype's acknowledgment number. */
    public void writeTo(ByteBuffer out, long destinationHigh, long destinationLow, int sourcePort,
                        int destinationPort, int sequence) {
        writeTo(out, destinationHigh, destinationLow, sourcePort, destinationPort, sequence, acknowledgment);
    }

    /**
     * Writes one probe at {@code out}'s position and advances it; ports use their low 16 bits, the destination is
     * given as {@link Ipv6Address#high()} and {@link Ipv6Address#low()}.
     *
     * @throws BufferOverflowException before writing anything, when {@code out} has less than {@link #length()}
     */
    public void writeTo(ByteBuffer out, long destinationHigh, long destinationLow, int sourcePort,
                        int destinationPort, int sequence, int acknowledgment) {
        int p = out.position();
        if (out.remaining() < bytes.length) {
            throw new BufferOverflowException();
        }
        int sport = sourcePort & 0xffff;
        int dport = destinationPort & 0xffff;
        out.put(p, bytes);
        int ip = p + ipOffset;
        BigEndian.put64At(out, ip + 24, destinationHigh);
        BigEndian.put64At(out, ip + 32, destinationLow);
        int tcp = p + tcpOffset;
        BigEndian.put16At(out, tcp, sport);
        BigEndian.put16At(out, tcp + 2, dport);
        BigEndian.put32At(out, tcp + 4, sequence);
        BigEndian.put32At(out, tcp + 8, acknowledgment);
        long sum = InternetChecksum.add64(InternetChecksum.add64(tcpSum, destinationHigh), destinationLow)
                + sport + dport + (sequence >>> 16) + (sequence & 0xffff)
                + (acknowledgment >>> 16) + (acknowledgment & 0xffff);
        BigEndian.put16At(out, tcp + 16, InternetChecksum.finish(sum) ^ checksumFlip);
        out.position(p + bytes.length);
    }
}
