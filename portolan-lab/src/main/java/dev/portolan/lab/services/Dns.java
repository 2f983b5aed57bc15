package dev.portolan.lab.services;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Just enough DNS (RFC 1035) to ask one question and read the first answer, for the lab's probes. */
final class Dns {
    static final int TYPE_A = 1;
    static final int TYPE_TXT = 16;
    static final int CLASS_IN = 1;
    static final int CLASS_CHAOS = 3;

    private Dns() {
    }

    /** A recursive-desired query for {@code name}. */
    static byte[] query(int id, String name, int type, int qclass) {
        ByteBuffer b = ByteBuffer.allocate(512);
        b.putShort((short) id).putShort((short) 0x0100).putShort((short) 1).putShort((short) 0).putInt(0);
        for (String label : name.split("\\.")) {
            b.put((byte) label.length()).put(label.getBytes(StandardCharsets.US_ASCII));
        }
        b.put((byte) 0).putShort((short) type).putShort((short) qclass);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    /** The first A record's address in {@code reply}. */
    static String firstA(byte[] reply) throws IOException {
        byte[] data = firstAnswer(reply, TYPE_A);
        return (data[0] & 0xff) + "." + (data[1] & 0xff) + "." + (data[2] & 0xff) + "." + (data[3] & 0xff);
    }

    /** The first TXT record's first string in {@code reply}. */
    static String firstTxt(byte[] reply) throws IOException {
        byte[] data = firstAnswer(reply, TYPE_TXT);
        return new String(data, 1, data[0] & 0xff, StandardCharsets.US_ASCII);
    }

    private static byte[] firstAnswer(byte[] reply, int type) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(reply);
        if (reply.length < 12) {
            throw new IOException("short DNS reply");
        }
        int flags = b.getShort(2) & 0xffff;
        int rcode = flags & 0xf;
        int questions = b.getShort(4) & 0xffff;
        int answers = b.getShort(6) & 0xffff;
        if (rcode != 0 || answers == 0) {
            throw new IOException("DNS rcode " + rcode + ", " + answers + " answers");
        }
        b.position(12);
        for (int i = 0; i < questions; i++) {
            skipName(b);
            b.position(b.position() + 4);
        }
        for (int i = 0; i < answers; i++) {
            skipName(b);
            int t = b.getShort() & 0xffff;
            b.position(b.position() + 6);
            int len = b.getShort() & 0xffff;
            byte[] data = new byte[len];
            b.get(data);
            if (t == type) {
                return data;
            }
        }
        throw new IOException("no answer of type " + type);
    }

    private static void skipName(ByteBuffer b) {
        while (true) {
            int len = b.get() & 0xff;
            if (len == 0) {
                return;
            }
            if ((len & 0xc0) == 0xc0) {
                b.get();
                return;
            }
            b.position(b.position() + len);
        }
    }
}
