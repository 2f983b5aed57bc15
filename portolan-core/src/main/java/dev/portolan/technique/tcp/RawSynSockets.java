package dev.portolan.technique.tcp;

import dev.portolan.craft.ProbeCrafting;
import dev.portolan.engine.Clock;
import dev.portolan.engine.cookie.SynCookie;
import java.io.IOException;

/** The "sockets" of a SYN scan: raw IPv4 lanes sharing one cookie and one source port. */
final class RawSynSockets implements Sockets {
    private final SynReplies replies;
    private final int sourcePort;
    private final ProbeCrafting crafting;

    RawSynSockets(SynCookie cookie, int sourcePort, ProbeCrafting crafting) {
        this.replies = new SynReplies(cookie, sourcePort, crafting.dataLength());
        this.sourcePort = sourcePort;
        this.crafting = crafting;
    }

    @Override
    public SocketLane openLane(Clock clock) throws IOException {
        return RawSynLane.open(clock, replies, sourcePort, crafting);
    }
}
