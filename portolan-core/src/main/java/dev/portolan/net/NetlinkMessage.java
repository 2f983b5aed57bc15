package dev.portolan.net;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** One netlink message as received: its type, flags and body (the bytes after the 16-byte header, host order). */
record NetlinkMessage(int type, int flags, ByteBuffer body) {
    static final int HEADER = 16;
    static final int NLMSG_NOOP = 1;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_MULTI = 0x2;
    static final int NLM_F_DUMP = 0x300;

    NetlinkMessage {
        body = body.slice().order(ByteOrder.nativeOrder());
    }

    /** A request: the header (length, type, flags, sequence, port 0) followed by {@code payload}. */
    static byte[] request(int type, int flags, int sequence, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(HEADER + payload.length).order(ByteOrder.nativeOrder());
        b.putInt(HEADER + payload.length).putShort((short) type).putShort((short) flags).putInt(sequence).putInt(0)
                .put(payload);
        return b.array();
    }
}
