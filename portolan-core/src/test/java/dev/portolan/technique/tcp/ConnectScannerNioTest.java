package dev.portolan.technique.tcp;

import java.net.SocketException;
import java.nio.channels.SocketChannel;
import java.util.function.BooleanSupplier;

/** Every scanner test again on the portable NIO sockets, the fallback where the native bindings are not allowed. */
class ConnectScannerNioTest extends ConnectScannerTest {

    @Override
    Sockets sockets() {
        return new NioSockets(SocketOpener.SYSTEM);
    }

    @Override
    Sockets scarceSockets(BooleanSupplier fail) {
        return scarceNio(fail);
    }

    static Sockets scarceNio(BooleanSupplier fail) {
        return new NioSockets(family -> {
            if (fail.getAsBoolean()) {
                throw new SocketException("Too many open files");
            }
            return SocketChannel.open(family);
        });
    }
}
