package dev.portolan.technique.tcp;

import dev.portolan.engine.Clock;
import dev.portolan.net.NativeAccess;
import java.io.IOException;

/** Which sockets a connect scan uses: epoll through the native bindings on Linux, NIO elsewhere. */
interface Sockets {
    /**
     * Scans of fewer probes use NIO even where epoll is available: linking the native calls costs about 0.1 s of
     * CPU once per process, and epoll saves about 5 us of CPU per probe, so it pays from roughly 20 000 probes on
     * (measured with the launcher's C1-only JVM).
     */
    long NATIVE_MIN_PROBES = 20_000;

    /** A new lane, timing its answers on {@code clock}. */
    SocketLane openLane(Clock clock) throws IOException;

    /** The cheapest sockets for a scan of about {@code probes} connects. */
    static Sockets forScan(long probes) {
        // the size is checked first: asking for the bindings already links one native call
        return probes >= NATIVE_MIN_PROBES && NativeAccess.available() ? epoll() : nio();
    }

    /** The best sockets this process may use whatever the size: epoll where the bindings are available. */
    static Sockets preferred() {
        return NativeAccess.available() ? epoll() : nio();
    }

    static Sockets epoll() {
        return new EpollSockets(EpollSockets.SYSTEM);
    }

    static Sockets nio() {
        return new NioSockets(SocketOpener.SYSTEM);
    }
}
