package dev.portolan.packet;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * A TCP/IPv4 probe built once and written per target without allocating: the prototype's bytes are copied into the
 * output, then destination address, identification, ports, sequence and acknowledgment numbers are patched in and
 * both checksums finished from sums precomputed over the fixed fields. Immutable; share it between threads.
 */
public final class Ipv4TcpTemplate {
    private final byte[] bytes;
    private final int ipOffset;
    private final int tcpOffset;
    private final long ipSum;
    private final long tcpSum;
    private final int acknowledgment;
    /** 1 for --badsum: flips the checksum's low bit, never between the two encodings of zero (0 and 0xffff). */
    private final int checksumFlip;
    private final int identification;

    private Ipv4TcpTemplate(byte[] linkHeader, IpPacket prototype, boolean badChecksum) {
        if (!(prototype.ip() instanceof Ipv4Header ip) || !(prototype.upper() instanceof TcpHeader tcp)) {
            throw new IllegalArgumentException("template: the prototype must be TCP over IPv4");
        }
        if (ip.isFragment()) {
            throw new IllegalArgumentException("template: the prototype must not be a fragment");
        }
        IpPacket p = IpPacket.assemble(ip, tcp, prototype.payload());
        this.checksumFlip = badChecksum ? 1 : 0;
        this.acknowledgment = tcp.acknowledgmentNumber();
        this.identification = ip.identification();
        this.ipOffset = linkHeader.length;
        this.tcpOffset = ipOffset + ip.headerLength();
        this.bytes = new byte[tcpOffset + tcp.headerLength() + p.payload().length()];
        ByteBuffer b = ByteBuffer.wrap(bytes);
        b.put(linkHeader);
        p.writeTo(b);
        // the per-target fields are zero in the stored bytes, so the sums below leave them out
        zero(ipOffset + 4, 2);
        zero(ipOffset + 10, 2);
        zero(ipOffset + 16, 4);
        zero(tcpOffset, 12);
        zero(tcpOffset + 16, 2);
        this.ipSum = InternetChecksum.add(0, bytes, ipOffset, ip.headerLength());
        int tcpLength = bytes.length - tcpOffset;
        this.tcpSum = InternetChecksum.add(InternetChecksum.ipv4PseudoHeader(ip.source().bits(), 0, IpProtocol.TCP,
                tcpLength), bytes, tcpOffset, tcpLength);
    }

    /** A template of the prototype's IP datagram; its lengths and checksums need not be filled in. */
    public static Ipv4TcpTemplate of(IpPacket prototype) {
        return new Ipv4TcpTemplate(new byte[0], prototype, false);
    }

    /**
     * A template whose probes carry the prototype's payload after the TCP header and, with {@code badChecksum}
     * (nmap's --badsum), a TCP checksum that is wrong on purpose.
     */
    public static Ipv4TcpTemplate of(IpPacket prototype, boolean badChecksum) {
        return new Ipv4TcpTemplate(new byte[0], prototype, badChecksum);
    }

    /** A template that starts with {@code link}, for sending on a link-layer socket. */
    public static Ipv4TcpTemplate of(EthernetHeader link, IpPacket prototype) {
        return new Ipv4TcpTemplate(link.toBytes(), prototype, false);
    }

    private void zero(int from, int count) {
        for (int i = from; i < from + count; i++) {
            bytes[i] = 0;
        }
    }

    /** Bytes each write takes. */
    public int length() {
        return bytes.length;
    }

    /** Writes one probe with the prototype's acknowledgment number and IP identification. */
    public void writeTo(ByteBuffer out, int destination, int sourcePort, int destinationPort, int sequence) {
        writeTo(out, destination, sourcePort, destinationPort, sequence, acknowledgment, identification);
    }

    /**
     * Writes one probe at {@code out}'s position and advances it; ports and identification use their low 16 bits,
     * the destination address is its 32 bits ({@link Ipv4Address#bits()}).
     *
     * @throws BufferOverflowException before writing anything, when {@code out} has less than {@link #length()}
     */
    public void writeTo(ByteBuffer out, int destination, int sourcePort, int destinationPort, int sequence,
                        int acknowledgment, int identification) {
        int p = out.position();
        if (out.remaining() < bytes.length) {
            throw new BufferOverflowException();
        }
        int id = identification & 0xffff;
        int sport = sourcePort & 0xffff;
        int dport = destinationPort & 0xffff;
        long dst = (destination >>> 16) + (destination & 0xffff);
        out.put(p, bytes);
        int ip = p + ipOffset;
        BigEndian.put16At(out, ip + 4, id);
        BigEndian.put32At(out, ip + 16, destination);
        BigEndian.put16At(out, ip + 10, InternetChecksum.finish(ipSum + id + dst));
        int tcp = p + tcpOffset;
        BigEndian.put16At(out, tcp, sport);
        BigEndian.put16At(out, tcp + 2, dport);
        BigEndian.put32At(out, tcp + 4, sequence);
        BigEndian.put32At(out, tcp + 8, acknowledgment);
        long sum = tcpSum + dst + sport + dport + (sequence >>> 16) + (sequence & 0xffff)
                + (acknowledgment >>> 16) + (acknowledgment & 0xffff);
        BigEndian.put16At(out, tcp + 16, InternetChecksum.finish(sum) ^ checksumFlip);
        out.position(p + bytes.length);
    }
}
