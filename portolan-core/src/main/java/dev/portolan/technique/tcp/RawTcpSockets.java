package dev.portolan.technique.tcp;

import dev.portolan.engine.Clock;
import dev.portolan.engine.cookie.SynCookie;
import java.io.IOException;

/** The "sockets" of a raw TCP scan: raw IPv4 lanes sharing one cookie, one source port and one technique. */
final class RawTcpSockets implements Sockets {
    private final TcpReplies replies;
    private final int sourcePort;

    RawTcpSockets(SynCookie cookie, int sourcePort, TcpTechnique technique) {
        this.replies = new TcpReplies(cookie, sourcePort, technique);
        this.sourcePort = sourcePort;
    }

    @Override
    public SocketLane openLane(Clock clock) throws IOException {
        return RawTcpLane.open(clock, replies, sourcePort);
    }
}
