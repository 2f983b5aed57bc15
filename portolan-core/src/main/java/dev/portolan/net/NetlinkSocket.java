package dev.portolan.net;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** A NETLINK_ROUTE socket asking the kernel about links, addresses, routes and neighbours. Any user may open one. */
final class NetlinkSocket extends NativeSocket {
    static final int NETLINK_ROUTE = 0;
    /** Large enough for any dump chunk the kernel sends (it sizes them to the reader's buffer, up to 32 KiB). */
    private static final int BUFFER_SIZE = 64 * 1024;
    /** Room for a request: a header and a route or dump message with an address or two. */
    private static final int REQUEST_SIZE = 256;
    /** The kernel answers at once; this only bounds a wait that would be a kernel bug. */
    private static final int TIMEOUT_MILLIS = 5000;

    /**
     * One message each way, through sendmmsg(2) and recvmmsg(2) as the scans' own packets: every distinct native
     * call costs a generated stub at its first use (several milliseconds of every start), and these two are linked
     * anyway.
     */
    private final PacketBatch request;
    private final PacketBatch reply;
    private int sequence;

    private NetlinkSocket(Libc libc, int fd) {
        super(libc, fd);
        this.request = PacketBatch.allocate(arena(), 1, REQUEST_SIZE);
        this.reply = PacketBatch.allocate(arena(), 1, BUFFER_SIZE);
    }

    static NetlinkSocket open(Libc libc) throws ErrnoException {
        return new NetlinkSocket(libc, openDescriptor(libc, Libc.AF_NETLINK, Libc.SOCK_RAW, NETLINK_ROUTE,
                "socket(AF_NETLINK, NETLINK_ROUTE)"));
    }

    /**
     * Sends one request (type, flags and payload; the header is added here) and collects the replies up to the
     * end of a dump, an acknowledgement or a single answer. An error reply throws with {@code what} as the call.
     */
    List<NetlinkMessage> exchange(int type, int flags, byte[] payload, String what) throws ErrnoException {
        int seq = ++sequence;
        byte[] message = NetlinkMessage.request(type, flags, seq, payload);
        if (message.length > REQUEST_SIZE) {
            throw new IllegalArgumentException("a netlink request of " + message.length + " bytes");
        }
        // no address: the socket's peer, the kernel
        request.put(0, message, 0, message.length);
        request.clearAddress(0);
        int sent = send(request, 0, 1);
        ErrnoException.check(what, sent);
        if (sent == 0) {
            throw new ErrnoException(what, Errno.EAGAIN, "the kernel took no netlink request");
        }
        List<NetlinkMessage> replies = new ArrayList<>();
        while (true) {
            int ready = awaitReadable(TIMEOUT_MILLIS);
            if (ready == 0) {
                throw new ErrnoException(what, Errno.ETIMEDOUT, "the kernel did not answer the netlink request");
            }
            int got = receive(reply, 1);
            if (got == 0 || got == -Errno.EAGAIN || got == -Errno.EINTR) {
                continue;
            }
            ErrnoException.check(what, got);
            if (reply.truncated(0)) {
                throw new ErrnoException(what, Errno.EMSGSIZE, "a netlink reply larger than " + BUFFER_SIZE + " bytes");
            }
            byte[] bytes = new byte[reply.length(0)];
            reply.copy(0, bytes);
            ByteBuffer chunk = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
            if (collect(chunk, seq, replies, what)) {
                return replies;
            }
        }
    }

    /** Adds the messages of one datagram to {@code replies}: true when they end the exchange. */
    static boolean collect(ByteBuffer chunk, int seq, List<NetlinkMessage> replies, String what)
            throws ErrnoException {
        boolean done = false;
        int at = 0;
        while (at + NetlinkMessage.HEADER <= chunk.limit()) {
            int length = chunk.getInt(at);
            if (length < NetlinkMessage.HEADER || length > chunk.limit() - at) {
                throw new ErrnoException(what, Errno.EPROTO, "netlink message of length " + length + " at " + at);
            }
            int type = Short.toUnsignedInt(chunk.getShort(at + 4));
            int flags = Short.toUnsignedInt(chunk.getShort(at + 6));
            int messageSeq = chunk.getInt(at + 8);
            ByteBuffer body = chunk.slice(at + NetlinkMessage.HEADER, length - NetlinkMessage.HEADER);
            at += (length + 3) & ~3;
            if (messageSeq != seq) {
                continue;
            }
            switch (type) {
                case NetlinkMessage.NLMSG_ERROR -> {
                    int error = body.remaining() >= 4 ? body.order(ByteOrder.nativeOrder()).getInt(0) : -Errno.EPROTO;
                    if (error < 0) {
                        throw new ErrnoException(what, -error);
                    }
                    return true;
                }
                case NetlinkMessage.NLMSG_DONE -> {
                    int error = body.remaining() >= 4 ? body.order(ByteOrder.nativeOrder()).getInt(0) : 0;
                    if (error < 0) {
                        throw new ErrnoException(what, -error);
                    }
                    return true;
                }
                case NetlinkMessage.NLMSG_NOOP -> {
                }
                default -> {
                    replies.add(new NetlinkMessage(type, flags, body));
                    done |= (flags & NetlinkMessage.NLM_F_MULTI) == 0;
                }
            }
        }
        return done;
    }
}
