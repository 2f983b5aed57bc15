package dev.portolan.technique.tcp;

import dev.portolan.craft.ProbeCrafting;
import dev.portolan.engine.Clock;
import dev.portolan.engine.cookie.SynCookie;
import java.io.IOException;

/** The "sockets" of a raw TCP scan: raw lanes sharing one cookie, one source port, one technique and its crafting. */
final class RawTcpSockets implements Sockets {
    private final TcpReplies replies;
    private final int sourcePort;
    private final ProbeCrafting crafting;

    RawTcpSockets(SynCookie cookie, int sourcePort, TcpTechnique technique, ProbeCrafting crafting) {
        this.replies = new TcpReplies(cookie, sourcePort, technique, crafting.dataLength());
        this.sourcePort = sourcePort;
        this.crafting = crafting;
    }

    @Override
    public SocketLane openLane(Clock clock) throws IOException {
        return RawTcpLane.open(clock, replies, sourcePort, crafting);
    }
}
