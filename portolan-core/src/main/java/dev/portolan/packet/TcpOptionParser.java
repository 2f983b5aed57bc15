package dev.portolan.packet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Reads the TCP options area into {@link TcpOption} records. */
final class TcpOptionParser {
    private TcpOptionParser() {
    }

    /** Parses the options area {@code [off, off + length)}; bad lengths are refused with the byte they sit at. */
    static List<TcpOption> parse(ByteBuffer buf, int off, int length) {
        if (length == 0) {
            return List.of();
        }
        List<TcpOption> options = new ArrayList<>(8);
        int end = off + length;
        int i = off;
        while (i < end) {
            int at = 20 + i - off;
            int kind = BigEndian.u8(buf, i);
            if (kind == 0) {
                options.add(new TcpOption.EndOfList(Bytes.copyOf(buf, i + 1, end - i - 1)));
                break;
            }
            if (kind == 1) {
                options.add(TcpOption.NOP);
                i++;
                continue;
            }
            if (i + 1 >= end) {
                throw new MalformedPacketException(TcpHeader.LAYER, "option " + kind + " at byte " + at
                        + " has no length byte");
            }
            int olen = BigEndian.u8(buf, i + 1);
            if (olen < 2) {
                throw new MalformedPacketException(TcpHeader.LAYER, "option " + kind + " at byte " + at
                        + " has length " + olen + ", below 2");
            }
            if (olen > end - i) {
                throw new MalformedPacketException(TcpHeader.LAYER, "option " + kind + " at byte " + at
                        + " has length " + olen + ", past the end of the header");
            }
            options.add(switch (kind) {
                case 2 -> {
                    exact("MSS", olen, 4, at);
                    yield new TcpOption.Mss(BigEndian.u16(buf, i + 2));
                }
                case 3 -> {
                    exact("window scale", olen, 3, at);
                    yield new TcpOption.WindowScale(BigEndian.u8(buf, i + 2));
                }
                case 4 -> {
                    exact("SACK-permitted", olen, 2, at);
                    yield TcpOption.SACK_PERMITTED;
                }
                case 5 -> sack(buf, i, olen, at);
                case 8 -> {
                    exact("timestamps", olen, 10, at);
                    yield new TcpOption.Timestamps(BigEndian.i32(buf, i + 2), BigEndian.i32(buf, i + 6));
                }
                default -> new TcpOption.Unknown(kind, Bytes.copyOf(buf, i + 2, olen - 2));
            });
            i += olen;
        }
        return options;
    }

    /** Throws unless the option has its one valid length. */
    private static void exact(String name, int olen, int expected, int at) {
        if (olen != expected) {
            throw new MalformedPacketException(TcpHeader.LAYER, name + " option at byte " + at + " has length "
                    + olen + ", expected " + expected);
        }
    }

    private static TcpOption.Sack sack(ByteBuffer buf, int i, int olen, int at) {
        if ((olen - 2) % 8 != 0 || olen == 2) {
            throw new MalformedPacketException(TcpHeader.LAYER, "SACK option at byte " + at + " has length " + olen
                    + ", not 2 + 8n");
        }
        List<TcpOption.SackBlock> blocks = new ArrayList<>((olen - 2) / 8);
        for (int p = i + 2; p < i + olen; p += 8) {
            blocks.add(new TcpOption.SackBlock(BigEndian.i32(buf, p), BigEndian.i32(buf, p + 4)));
        }
        return new TcpOption.Sack(blocks);
    }
}
