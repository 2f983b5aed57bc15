package dev.portolan.packet;

import java.nio.ByteBuffer;
import java.util.List;

/** A TCP option (RFC 9293, 7323, 2018); kinds without a record here are kept raw as {@link Unknown}. */
public sealed interface TcpOption {
    Nop NOP = new Nop();
    SackPermitted SACK_PERMITTED = new SackPermitted();

    /** The option kind byte. */
    int kind();

    /** Bytes on the wire, kind and length bytes included. */
    int length();

    void writeTo(ByteBuffer out);

    /** End of option list (kind 0) and the bytes after it to the end of the header, kept as sent (zeros normally). */
    record EndOfList(Bytes padding) implements TcpOption {
        public EndOfList {
            Fields.present(TcpHeader.LAYER, "padding", padding);
        }

        /** An end of option list with no padding after it. */
        public static EndOfList of() {
            return new EndOfList(Bytes.EMPTY);
        }

        @Override
        public int kind() {
            return 0;
        }

        @Override
        public int length() {
            return 1 + padding.length();
        }

        @Override
        public void writeTo(ByteBuffer out) {
            BigEndian.put8(out, 0);
            padding.writeTo(out);
        }
    }

    /** No operation (kind 1), used to align later options. */
    record Nop() implements TcpOption {
        @Override
        public int kind() {
            return 1;
        }

        @Override
        public int length() {
            return 1;
        }

        @Override
        public void writeTo(ByteBuffer out) {
            BigEndian.put8(out, 1);
        }
    }

    /** Maximum segment size (kind 2). */
    record Mss(int value) implements TcpOption {
        public Mss {
            Fields.range(TcpHeader.LAYER, "MSS", value, 0xffff);
        }

        @Override
        public int kind() {
            return 2;
        }

        @Override
        public int length() {
            return 4;
        }

        @Override
        public void writeTo(ByteBuffer out) {
            BigEndian.put8(out, 2);
            BigEndian.put8(out, 4);
            BigEndian.put16(out, value);
        }
    }

    /** Window scale (kind 3): the shift count as sent (receivers treat more than 14 as 14). */
    record WindowScale(int shift) implements TcpOption {
        public WindowScale {
            Fields.range(TcpHeader.LAYER, "window scale", shift, 0xff);
        }

        @Override
        public int kind() {
            return 3;
        }

        @Override
        public int length() {
            return 3;
        }

        @Override
        public void writeTo(ByteBuffer out) {
            BigEndian.put8(out, 3);
            BigEndian.put8(out, 3);
            BigEndian.put8(out, shift);
        }
    }

    /** SACK permitted (kind 4). */
    record SackPermitted() implements TcpOption {
        @Override
        public int kind() {
            return 4;
        }

        @Override
        public int length() {
            return 2;
        }

        @Override
        public void writeTo(ByteBuffer out) {
            BigEndian.put8(out, 4);
            BigEndian.put8(out, 2);
        }
    }

    /** One SACK block: the left edge and the right edge (one past the last byte), 32-bit sequence numbers. */
    record SackBlock(int leftEdge, int rightEdge) {
    }

    /** Selective acknowledgment (kind 5): one to four blocks. */
    record Sack(List<SackBlock> blocks) implements TcpOption {
        public Sack {
            blocks = List.copyOf(Fields.present(TcpHeader.LAYER, "SACK blocks", blocks));
            if (blocks.isEmpty() || blocks.size() > 4) {
                throw new IllegalArgumentException(TcpHeader.LAYER + ": " + blocks.size()
                        + " SACK blocks, need 1 to 4");
            }
        }

        @Override
        public int kind() {
            return 5;
        }

        @Override
        public int length() {
            return 2 + 8 * blocks.size();
        }

        @Override
        public void writeTo(ByteBuffer out) {
            BigEndian.put8(out, 5);
            BigEndian.put8(out, length());
            for (int i = 0; i < blocks.size(); i++) {
                BigEndian.put32(out, blocks.get(i).leftEdge());
                BigEndian.put32(out, blocks.get(i).rightEdge());
            }
        }
    }

    /** Timestamps (kind 8): TSval and TSecr, 32-bit each. */
    record Timestamps(int value, int echoReply) implements TcpOption {
        @Override
        public int kind() {
            return 8;
        }

        @Override
        public int length() {
            return 10;
        }

        @Override
        public void writeTo(ByteBuffer out) {
            BigEndian.put8(out, 8);
            BigEndian.put8(out, 10);
            BigEndian.put32(out, value);
            BigEndian.put32(out, echoReply);
        }
    }

    /** Any other kind, with the data after its kind and length bytes. */
    record Unknown(int kind, Bytes data) implements TcpOption {
        public Unknown {
            Fields.range(TcpHeader.LAYER, "option kind", kind, 0xff);
            if (kind < 2) {
                throw new IllegalArgumentException(TcpHeader.LAYER + ": option kind " + kind
                        + " has no length byte; use EndOfList or Nop");
            }
            Fields.present(TcpHeader.LAYER, "option data", data);
            if (data.length() > 38) {
                throw new IllegalArgumentException(TcpHeader.LAYER + ": option data of " + data.length()
                        + " bytes, at most 38");
            }
        }

        @Override
        public int length() {
            return 2 + data.length();
        }

        @Override
        public void writeTo(ByteBuffer out) {
            BigEndian.put8(out, kind);
            BigEndian.put8(out, length());
            data.writeTo(out);
        }
    }
}
