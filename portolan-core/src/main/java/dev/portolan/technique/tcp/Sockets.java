package dev.portolan.technique.tcp;

import dev.portolan.engine.Clock;
import dev.portolan.net.NativeAccess;
import java.io.IOException;

/** Which sockets a connect scan uses: epoll through the native bindings on Linux, NIO elsewhere. */
interface Sockets {

    /** A new lane, timing its answers on {@code clock}. */
    SocketLane openLane(Clock clock) throws IOException;

    /** The best sockets this process may use: epoll where the native bindings are available, else NIO. */
    static Sockets preferred() {
        return NativeAccess.available() ? new EpollSockets(EpollSockets.SYSTEM) : new NioSockets(SocketOpener.SYSTEM);
    }
}
