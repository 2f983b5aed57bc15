package dev.portolan.packet;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * NetBIOS name service node status (RFC 1002, 4.2.17 and 4.2.18): the query for the wildcard name {@code *} that
 * asks a host for its name table, and the parse of the answer. Pure: no sockets.
 */
public final class NetbiosNodeStatus {
    /** The name service's UDP port. */
    public static final int PORT = 137;
    /** RR type NBSTAT. */
    static final int TYPE_NBSTAT = 0x21;
    static final int CLASS_IN = 1;
    /** Size of one NODE_NAME entry: 15 name bytes, the suffix byte, two flag bytes. */
    static final int ENTRY = 18;
    private static final int GROUP_FLAG = 0x8000;

    private NetbiosNodeStatus() {
    }

    /** One entry of a host's name table: the 15-character name, its suffix (service type) and unique or group. */
    public record Name(String name, int suffix, boolean group) {
        public Name {
            if (suffix < 0 || suffix > 0xff) {
                throw new IllegalArgumentException("suffix " + suffix + " is not a byte");
            }
        }

        /** As nbtstat shows it: {@code WS01<00>}. */
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%s<%02x>%s", name, suffix, group ? " group" : "");
        }
    }

    /** A parsed answer: the name table and the unit id (the MAC, absent when the host sends none or zeros). */
    public record Answer(int transactionId, List<Name> names, Optional<String> mac) {
        public Answer {
            names = List.copyOf(names);
        }

        /** The computer name: the first unique name of suffix 00 (workstation), else of suffix 20 (server). */
        public Optional<String> computerName() {
            return unique(0x00).or(() -> unique(0x20));
        }

        /** The workgroup or domain: the first group name of suffix 00. */
        public Optional<String> workgroup() {
            return names.stream().filter(n -> n.group() && n.suffix() == 0x00).map(Name::name).findFirst();
        }

        /** The logged-on user: a unique name of suffix 03 (messenger) that is not the computer's own. */
        public Optional<String> user() {
            Optional<String> computer = computerName();
            return names.stream().filter(n -> !n.group() && n.suffix() == 0x03)
                    .map(Name::name).filter(n -> !computer.equals(Optional.of(n))).findFirst();
        }

        private Optional<String> unique(int suffix) {
            return names.stream().filter(n -> !n.group() && n.suffix() == suffix).map(Name::name).findFirst();
        }
    }

    /** The 50-byte NBSTAT query for {@code *} with transaction id {@code id}: no flags, one question. */
    public static byte[] query(int id) {
        ByteBuffer b = ByteBuffer.allocate(50);
        b.putShort((short) id).putShort((short) 0).putShort((short) 1).putShort((short) 0).putShort((short) 0)
                .putShort((short) 0);
        b.put(wildcardName());
        b.putShort((short) TYPE_NBSTAT).putShort((short) CLASS_IN);
        return b.array();
    }

    /** The wildcard {@code *} padded with 15 zero bytes in RFC 1001's first-level encoding, as one label. */
    static byte[] wildcardName() {
        byte[] raw = new byte[16];
        raw[0] = '*';
        byte[] out = new byte[34];
        out[0] = 32;
        for (int i = 0; i < 16; i++) {
            out[1 + 2 * i] = (byte) ('A' + ((raw[i] >> 4) & 0x0f));
            out[2 + 2 * i] = (byte) ('A' + (raw[i] & 0x0f));
        }
        out[33] = 0;
        return out;
    }

    /**
     * Parses a node status answer to the query with id {@code expectedId}.
     *
     * @throws MalformedPacketException when it is no such answer or is cut short
     */
    public static Answer parse(ByteBuffer in, int expectedId) {
        ByteBuffer b = in.slice();
        try {
            int id = b.getShort() & 0xffff;
            int flags = b.getShort() & 0xffff;
            if (id != (expectedId & 0xffff)) {
                throw new MalformedPacketException("netbios", "answer for transaction " + id + ", not " + expectedId);
            }
            if ((flags & 0x8000) == 0) {
                throw new MalformedPacketException("netbios", "packet is a request, not a response");
            }
            if ((flags & 0x000f) != 0) {
                throw new MalformedPacketException("netbios", "node status refused, rcode " + (flags & 0x0f));
            }
            int questions = b.getShort() & 0xffff;
            int answers = b.getShort() & 0xffff;
            b.getShort();
            b.getShort();
            if (answers < 1) {
                throw new MalformedPacketException("netbios", "response has no answer record");
            }
            for (int i = 0; i < questions; i++) {
                skipName(b);
                b.getInt();
            }
            skipName(b);
            int type = b.getShort() & 0xffff;
            int rrClass = b.getShort() & 0xffff;
            if (type != TYPE_NBSTAT || rrClass != CLASS_IN) {
                throw new MalformedPacketException("netbios", "answer of type " + type + " class " + rrClass
                        + ", not NBSTAT IN");
            }
            b.getInt();
            int length = b.getShort() & 0xffff;
            if (length > b.remaining()) {
                throw new MalformedPacketException("netbios", "answer claims " + length + " bytes, " + b.remaining()
                        + " left");
            }
            ByteBuffer data = b.slice(b.position(), length);
            int count = data.get() & 0xff;
            if (count * ENTRY > data.remaining()) {
                throw new MalformedPacketException("netbios", "answer claims " + count + " names in "
                        + data.remaining() + " bytes");
            }
            List<Name> names = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] name = new byte[15];
                data.get(name);
                int suffix = data.get() & 0xff;
                int nameFlags = data.getShort() & 0xffff;
                names.add(new Name(text(name), suffix, (nameFlags & GROUP_FLAG) != 0));
            }
            return new Answer(id, names, unitId(data));
        } catch (BufferUnderflowException e) {
            throw new MalformedPacketException("netbios", "answer cut short at byte " + b.position());
        }
    }

    /** The statistics' first six bytes, the unit id; zeros (Samba sends them) mean unknown. */
    private static Optional<String> unitId(ByteBuffer data) {
        if (data.remaining() < 6) {
            return Optional.empty();
        }
        byte[] mac = new byte[6];
        data.get(mac);
        boolean zero = true;
        for (byte x : mac) {
            zero &= x == 0;
        }
        if (zero) {
            return Optional.empty();
        }
        return Optional.of(HexFormat.ofDelimiter(":").withUpperCase().formatHex(mac));
    }

    /** Skips a domain name: labels up to a zero byte, or a 2-byte compression pointer (never followed). */
    private static void skipName(ByteBuffer b) {
        for (int labels = 0; labels < 128; labels++) {
            int len = b.get() & 0xff;
            if (len == 0) {
                return;
            }
            if ((len & 0xc0) == 0xc0) {
                b.get();
                return;
            }
            if (len > 63) {
                throw new MalformedPacketException("netbios", "name label of length " + len);
            }
            if (len > b.remaining()) {
                throw new MalformedPacketException("netbios", "name label of " + len + " bytes, " + b.remaining()
                        + " left");
            }
            b.position(b.position() + len);
        }
        throw new MalformedPacketException("netbios", "name of more than 128 labels");
    }

    /** The name without its padding (spaces, or NULs); other bytes outside printable ASCII become '?' for the reports. */
    private static String text(byte[] raw) {
        StringBuilder sb = new StringBuilder(raw.length);
        for (byte x : raw) {
            int c = x & 0xff;
            sb.append(c == 0 ? ' ' : c >= 0x20 && c < 0x7f ? (char) c : '?');
        }
        return sb.toString().stripTrailing();
    }
}
