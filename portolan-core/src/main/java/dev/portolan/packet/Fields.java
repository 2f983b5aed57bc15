package dev.portolan.packet;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/** Range checks for record components and length checks for parsers. */
final class Fields {
    private Fields() {
    }

    /** {@code value} when it lies in 0..max, else an IllegalArgumentException naming layer and field. */
    static int range(String layer, String field, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(layer + ": " + field + " " + value + " is outside 0.." + max);
        }
        return value;
    }

    static <T> T present(String layer, String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(layer + ": " + field + " is missing");
        }
        return value;
    }

    /** Throws unless {@code available >= needed}: "what needs N bytes, only M available". */
    static void need(String layer, int available, int needed, String what) {
        if (available < needed) {
            throw new MalformedPacketException(layer, what + " needs " + needed + " bytes, only "
                    + Math.max(0, available) + " available");
        }
    }

    /** Throws BufferOverflowException before writing anything when {@code out} has no room for {@code length}. */
    static void room(ByteBuffer out, int length) {
        if (out.remaining() < length) {
            throw new BufferOverflowException();
        }
    }
}
