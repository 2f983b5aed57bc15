package dev.portolan.technique.tcp;

import java.io.IOException;
import java.net.ProtocolFamily;
import java.nio.channels.SocketChannel;

/** Opens the socket of one probe; a seam so tests can make the system run out of descriptors. */
@FunctionalInterface
interface SocketOpener {

    SocketChannel open(ProtocolFamily family) throws IOException;

    SocketOpener SYSTEM = SocketChannel::open;
}
