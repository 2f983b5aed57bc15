package dev.portolan.net;

import java.nio.ByteBuffer;

/** Hand-built packets for the socket tests: just enough bytes and checksums, not a codec. */
final class TestPackets {
    static final int TCP_FIN = 0x01;
    static final int TCP_SYN = 0x02;
    static final int TCP_RST = 0x04;
    static final int TCP_ACK = 0x10;

    private TestPackets() {
    }

    /** The Internet checksum (RFC 1071) of {@code length} bytes from {@code offset}, added to {@code sum}. */
    static int checksum(byte[] b, int offset, int length, long sum) {
        for (int i = 0; i + 1 < length; i += 2) {
            sum += (b[offset + i] & 0xFF) << 8 | b[offset + i + 1] & 0xFF;
        }
        if (length % 2 == 1) {
            sum += (b[offset + length - 1] & 0xFF) << 8;
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (int) ~sum & 0xFFFF;
    }

    /** An IPv4 header of 20 bytes (or more with {@code options}) in front of {@code payload}, checksummed. */
    static byte[] ipv4(byte[] source, byte[] destination, int protocol, int ttl, byte[] options, byte[] payload) {
        int header = 20 + options.length;
        ByteBuffer b = ByteBuffer.allocate(header + payload.length);
        b.put((byte) (0x40 | header / 4)).put((byte) 0).putShort((short) (header + payload.length));
        b.putShort((short) 0x1234).putShort((short) 0x4000); // identification; don't fragment
        b.put((byte) ttl).put((byte) protocol).putShort((short) 0).put(source).put(destination).put(options);
        b.put(payload);
        byte[] out = b.array();
        int sum = checksum(out, 0, header, 0);
        out[10] = (byte) (sum >> 8);
        out[11] = (byte) sum;
        return out;
    }

    static byte[] ipv4(byte[] source, byte[] destination, int protocol, byte[] payload) {
        return ipv4(source, destination, protocol, 64, new byte[0], payload);
    }

    /** A 20-byte TCP header with {@code flags}, checksummed over the IPv4 pseudo-header. */
    static byte[] tcp(byte[] source, byte[] destination, int sourcePort, int destinationPort, int seq, int flags) {
        ByteBuffer b = ByteBuffer.allocate(20);
        b.putShort((short) sourcePort).putShort((short) destinationPort).putInt(seq).putInt(0);
        b.put((byte) 0x50).put((byte) flags).putShort((short) 1024).putShort((short) 0).putShort((short) 0);
        byte[] out = b.array();
        setChecksum(out, 16, pseudoHeaderSum(source, destination, Libc.IPPROTO_TCP, out.length));
        return out;
    }

    /** A UDP datagram, checksummed over the IPv4 pseudo-header. */
    static byte[] udp(byte[] source, byte[] destination, int sourcePort, int destinationPort, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + data.length);
        b.putShort((short) sourcePort).putShort((short) destinationPort).putShort((short) (8 + data.length))
                .putShort((short) 0).put(data);
        byte[] out = b.array();
        setChecksum(out, 6, pseudoHeaderSum(source, destination, Libc.IPPROTO_UDP, out.length));
        return out;
    }

    /** An ICMP (type 8 request, 0 reply) or ICMPv6 (128, 129) echo; the ICMPv4 checksum is filled in. */
    static byte[] echo(int type, int id, int seq, byte[] data, boolean v4) {
        ByteBuffer b = ByteBuffer.allocate(8 + data.length);
        b.put((byte) type).put((byte) 0).putShort((short) 0).putShort((short) id).putShort((short) seq).put(data);
        byte[] out = b.array();
        if (v4) {
            setChecksum(out, 2, 0);
        }
        return out;
    }

    static int u8(byte[] b, int at) {
        return b[at] & 0xFF;
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
    }

    static long u32(byte[] b, int at) {
        return (long) u16(b, at) << 16 | u16(b, at + 2);
    }

    /** The length of the IPv4 header at the start of {@code b}. */
    static int ipv4HeaderLength(byte[] b) {
        return (b[0] & 0x0F) * 4;
    }

    private static long pseudoHeaderSum(byte[] source, byte[] destination, int protocol, int length) {
        byte[] pseudo = ByteBuffer.allocate(12).put(source).put(destination).put((byte) 0).put((byte) protocol)
                .putShort((short) length).array();
        long sum = 0;
        for (int i = 0; i < 12; i += 2) {
            sum += u16(pseudo, i);
        }
        return sum;
    }

    private static void setChecksum(byte[] segment, int at, long initial) {
        int sum = checksum(segment, 0, segment.length, initial);
        segment[at] = (byte) (sum >> 8);
        segment[at + 1] = (byte) sum;
    }
}
