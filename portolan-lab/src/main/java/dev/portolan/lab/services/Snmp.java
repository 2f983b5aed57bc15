package dev.portolan.lab.services;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Just enough SNMP v2c (BER) to GET a few scalars and read the strings back, for the lab's probes. */
final class Snmp {
    static final int[] SYS_DESCR = {1, 3, 6, 1, 2, 1, 1, 1, 0};
    static final int[] SYS_NAME = {1, 3, 6, 1, 2, 1, 1, 5, 0};

    private Snmp() {
    }

    /** A v2c GetRequest for {@code oids}. */
    static byte[] getRequest(String community, int requestId, int[]... oids) {
        ByteArrayOutputStream bindings = new ByteArrayOutputStream();
        for (int[] oid : oids) {
            bindings.writeBytes(tlv(0x30, concat(tlv(0x06, oid(oid)), new byte[] {0x05, 0x00})));
        }
        byte[] pdu = tlv(0xa0, concat(integer(requestId), integer(0), integer(0), tlv(0x30, bindings.toByteArray())));
        return tlv(0x30, concat(integer(1), tlv(0x04, community.getBytes(StandardCharsets.US_ASCII)), pdu));
    }

    /** Every OCTET STRING value in the variable bindings of a response, in order. */
    static List<String> strings(byte[] response) throws IOException {
        List<String> out = new ArrayList<>();
        walk(response, 0, response.length, 0, out);
        if (out.isEmpty()) {
            throw new IOException("no string in the SNMP response");
        }
        // the first string is the community itself
        return out.subList(1, out.size());
    }

    private static void walk(byte[] b, int from, int to, int depth, List<String> out) throws IOException {
        int i = from;
        while (i < to) {
            int tag = b[i++] & 0xff;
            int len = b[i++] & 0xff;
            if (len > 0x80) {
                int n = len & 0x7f;
                len = 0;
                for (int k = 0; k < n; k++) {
                    len = len << 8 | (b[i++] & 0xff);
                }
            }
            if (i + len > to) {
                throw new IOException("truncated BER at " + i);
            }
            if (tag == 0x04) {
                out.add(new String(b, i, len, StandardCharsets.UTF_8));
            } else if ((tag & 0x20) != 0 && depth < 8) {
                walk(b, i, i + len, depth + 1, out);
            }
            i += len;
        }
    }

    private static byte[] oid(int[] oid) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(oid[0] * 40 + oid[1]);
        for (int k = 2; k < oid.length; k++) {
            int v = oid[k];
            if (v >= 128) {
                out.write(0x80 | (v >> 7));
            }
            out.write(v & 0x7f);
        }
        return out.toByteArray();
    }

    private static byte[] integer(int v) {
        return tlv(0x02, v < 128 ? new byte[] {(byte) v} : new byte[] {(byte) (v >> 8), (byte) v});
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (value.length < 128) {
            out.write(value.length);
        } else {
            out.write(0x82);
            out.write(value.length >> 8);
            out.write(value.length);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
