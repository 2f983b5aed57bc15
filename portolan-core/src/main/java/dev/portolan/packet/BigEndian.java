package dev.portolan.packet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Network-order reads (absolute) and writes (relative) whatever byte order the buffer was set to. */
final class BigEndian {
    private BigEndian() {
    }

    static int u8(ByteBuffer b, int index) {
        return b.get(index) & 0xff;
    }

    static int u16(ByteBuffer b, int index) {
        short s = b.getShort(index);
        return (b.order() == ByteOrder.BIG_ENDIAN ? s : Short.reverseBytes(s)) & 0xffff;
    }

    static int i32(ByteBuffer b, int index) {
        int v = b.getInt(index);
        return b.order() == ByteOrder.BIG_ENDIAN ? v : Integer.reverseBytes(v);
    }

    static long i64(ByteBuffer b, int index) {
        long v = b.getLong(index);
        return b.order() == ByteOrder.BIG_ENDIAN ? v : Long.reverseBytes(v);
    }

    static void put8(ByteBuffer b, int v) {
        b.put((byte) v);
    }

    static void put16(ByteBuffer b, int v) {
        short s = (short) v;
        b.putShort(b.order() == ByteOrder.BIG_ENDIAN ? s : Short.reverseBytes(s));
    }

    static void put32(ByteBuffer b, int v) {
        b.putInt(b.order() == ByteOrder.BIG_ENDIAN ? v : Integer.reverseBytes(v));
    }

    static void put64(ByteBuffer b, long v) {
        b.putLong(b.order() == ByteOrder.BIG_ENDIAN ? v : Long.reverseBytes(v));
    }

    static void put16At(ByteBuffer b, int index, int v) {
        short s = (short) v;
        b.putShort(index, b.order() == ByteOrder.BIG_ENDIAN ? s : Short.reverseBytes(s));
    }

    static void put32At(ByteBuffer b, int index, int v) {
        b.putInt(index, b.order() == ByteOrder.BIG_ENDIAN ? v : Integer.reverseBytes(v));
    }

    static void put64At(ByteBuffer b, int index, long v) {
        b.putLong(index, b.order() == ByteOrder.BIG_ENDIAN ? v : Long.reverseBytes(v));
    }
}
