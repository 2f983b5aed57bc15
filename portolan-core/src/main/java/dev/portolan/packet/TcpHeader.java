package dev.portolan.packet;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A TCP header (RFC 9293) with its options. The data offset follows from the options, which are padded with zero
 * bytes to a multiple of 4; sequence and acknowledgment numbers are 32-bit unsigned values in {@code int}s.
 */
public record TcpHeader(int sourcePort, int destinationPort, int sequenceNumber, int acknowledgmentNumber,
                        int flags, int window, int checksum, int urgentPointer, List<TcpOption> options)
        implements UpperLayer {
    static final String LAYER = "tcp";
    public static final int MIN_LENGTH = 20;
    public static final int MAX_LENGTH = 60;

    public TcpHeader {
        Fields.range(LAYER, "source port", sourcePort, 0xffff);
        Fields.range(LAYER, "destination port", destinationPort, 0xffff);
        Fields.range(LAYER, "flags", flags, TcpFlags.ALL);
        Fields.range(LAYER, "window", window, 0xffff);
        Fields.range(LAYER, "checksum", checksum, 0xffff);
        Fields.range(LAYER, "urgent pointer", urgentPointer, 0xffff);
        options = List.copyOf(Fields.present(LAYER, "options", options));
        int length = optionsLength(options);
        if (length > MAX_LENGTH - MIN_LENGTH) {
            throw new IllegalArgumentException(LAYER + ": options take " + length + " bytes, more than 40");
        }
    }

    /** A header with checksum 0 (set by {@link IpPacket#assemble}) and no urgent pointer. */
    public static TcpHeader of(int sourcePort, int destinationPort, int sequenceNumber, int acknowledgmentNumber,
                               int flags, int window, List<TcpOption> options) {
        return new TcpHeader(sourcePort, destinationPort, sequenceNumber, acknowledgmentNumber, flags, window, 0, 0,
                options);
    }

    /** Reads the header at {@code buf}'s position; the segment's data follows {@link #headerLength()} bytes on. */
    public static TcpHeader parse(ByteBuffer buf) {
        return parse(buf, buf.position(), buf.remaining());
    }

    static TcpHeader parse(ByteBuffer buf, int off, int avail) {
        Fields.need(LAYER, avail, MIN_LENGTH, "header");
        int w = BigEndian.u16(buf, off + 12);
        int dataOffset = w >>> 12;
        if (dataOffset < 5) {
            throw new MalformedPacketException(LAYER, "data offset " + dataOffset + " is below 5");
        }
        int headerLength = dataOffset * 4;
        if (headerLength > avail) {
            throw new MalformedPacketException(LAYER, "data offset " + dataOffset + " (" + headerLength
                    + " bytes) exceeds the " + avail + " bytes available");
        }
        List<TcpOption> options = TcpOptionParser.parse(buf, off + MIN_LENGTH, headerLength - MIN_LENGTH);
        return new TcpHeader(BigEndian.u16(buf, off), BigEndian.u16(buf, off + 2), BigEndian.i32(buf, off + 4),
                BigEndian.i32(buf, off + 8), w & TcpFlags.ALL, BigEndian.u16(buf, off + 14),
                BigEndian.u16(buf, off + 16), BigEndian.u16(buf, off + 18), options);
    }

    private static int optionsLength(List<TcpOption> options) {
        int length = 0;
        for (int i = 0; i < options.size(); i++) {
            length += options.get(i).length();
        }
        return length;
    }

    @Override
    public int protocol() {
        return IpProtocol.TCP;
    }

    /** 20 bytes plus the options, padded to a multiple of 4. */
    public int headerLength() {
        return MIN_LENGTH + (optionsLength(options) + 3 & ~3);
    }

    @Override
    public int encodedLength() {
        return headerLength();
    }

    /** The data offset field: the header length in 32-bit words. */
    public int dataOffset() {
        return headerLength() / 4;
    }

    /** True when every bit of {@code mask} is set. */
    public boolean has(int mask) {
        return (flags & mask) == mask;
    }

    public boolean syn() {
        return has(TcpFlags.SYN);
    }

    public boolean ack() {
        return has(TcpFlags.ACK);
    }

    public boolean rst() {
        return has(TcpFlags.RST);
    }

    public boolean fin() {
        return has(TcpFlags.FIN);
    }

    /** The first option of that type, or null. */
    public <T extends TcpOption> T option(Class<T> type) {
        for (int i = 0; i < options.size(); i++) {
            if (type.isInstance(options.get(i))) {
                return type.cast(options.get(i));
            }
        }
        return null;
    }

    @Override
    public TcpHeader withChecksum(int newChecksum) {
        return new TcpHeader(sourcePort, destinationPort, sequenceNumber, acknowledgmentNumber, flags, window,
                newChecksum, urgentPointer, options);
    }

    @Override
    public void writeTo(ByteBuffer out) {
        int length = headerLength();
        Fields.room(out, length);
        BigEndian.put16(out, sourcePort);
        BigEndian.put16(out, destinationPort);
        BigEndian.put32(out, sequenceNumber);
        BigEndian.put32(out, acknowledgmentNumber);
        BigEndian.put16(out, length / 4 << 12 | flags);
        BigEndian.put16(out, window);
        BigEndian.put16(out, checksum);
        BigEndian.put16(out, urgentPointer);
        int written = MIN_LENGTH;
        for (int i = 0; i < options.size(); i++) {
            options.get(i).writeTo(out);
            written += options.get(i).length();
        }
        for (; written < length; written++) {
            BigEndian.put8(out, 0);
        }
    }

    public byte[] toBytes() {
        byte[] b = new byte[headerLength()];
        writeTo(ByteBuffer.wrap(b));
        return b;
    }

    @Override
    public String toString() {
        return "TcpHeader[" + sourcePort + " > " + destinationPort + " " + TcpFlags.toString(flags)
                + " seq=" + Integer.toUnsignedString(sequenceNumber)
                + " ack=" + Integer.toUnsignedString(acknowledgmentNumber) + " win=" + window
                + " sum=0x" + Integer.toHexString(checksum) + (urgentPointer != 0 ? " urp=" + urgentPointer : "")
                + " options=" + options + "]";
    }
}
