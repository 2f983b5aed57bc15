package dev.portolan.packet;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Test bytes written as hex, one field group per argument so each can carry a comment. */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(String... parts) {
        return HexFormat.of().parseHex(String.join("", parts).replace(" ", ""));
    }

    static ByteBuffer buffer(String... parts) {
        return ByteBuffer.wrap(bytes(parts));
    }

    static String of(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
