package dev.portolan.lab;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A tiny TCP server for lab targets: binds every given port on all IPv4 and IPv6 addresses (one dual-stack
 * socket each), prints {@code READY <count>} once all are bound, then accepts and closes (or, with --hold, keeps)
 * connections until killed.
 *
 * <p>Usage: {@code PortListener [--hold] [--until-stdin-closes] PORTS}, PORTS like "22,80,8000-8009".
 */
public final class PortListener {
    /** Deep enough that a fast connect scan never overflows the accept queue (a full one drops SYNs). */
    private static final int BACKLOG = 4096;

    private PortListener() {
    }

    public static void main(String[] args) {
        boolean hold = false;
        boolean untilStdinCloses = false;
        String ports = null;
        for (String arg : args) {
            switch (arg) {
                case "--hold" -> hold = true;
                case "--until-stdin-closes" -> untilStdinCloses = true;
                default -> {
                    if (arg.startsWith("-") || ports != null) {
                        fail("usage: PortListener [--hold] [--until-stdin-closes] PORTS (bad argument: " + arg + ")");
                    }
                    ports = arg;
                }
            }
        }
        if (ports == null) {
            fail("usage: PortListener [--hold] [--until-stdin-closes] PORTS");
        }
        PortSet set;
        try {
            set = PortSet.parse(ports);
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
            return;
        }
        if (set.isEmpty() || set.contains(0)) {
            fail("need ports in 1-65535: " + ports);
        }
        try {
            run(set, hold, untilStdinCloses);
        } catch (IOException e) {
            fail("port listener failed: " + e.getMessage());
        }
    }

    private static void run(PortSet ports, boolean hold, boolean untilStdinCloses) throws IOException {
        Selector selector = Selector.open();
        for (int port : ports.stream().toArray()) {
            ServerSocketChannel server = ServerSocketChannel.open();
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            try {
                // the wildcard address of a dual-stack socket is "::", which takes IPv4 and IPv6 alike
                server.bind(new InetSocketAddress(port), BACKLOG);
            } catch (IOException e) {
                fail("cannot bind port " + port + ": " + e.getMessage());
            }
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
        }
        System.out.println("READY " + ports.size());
        System.out.flush();
        if (untilStdinCloses) {
            // the lab that started us holds our stdin: when it dies, so do we, and no orphan keeps a namespace alive
            Thread.ofPlatform().daemon().start(() -> {
                try (InputStream in = System.in) {
                    while (in.read() >= 0) {
                        // ignore input
                    }
                } catch (IOException e) {
                    // same as end of input
                }
                System.exit(0);
            });
        }
        ByteBuffer sink = ByteBuffer.allocate(4096);
        while (true) {
            selector.select();
            for (SelectionKey key : selector.selectedKeys()) {
                if (key.isAcceptable()) {
                    SocketChannel client = ((ServerSocketChannel) key.channel()).accept();
                    if (client == null) {
                        continue;
                    }
                    if (hold) {
                        client.configureBlocking(false);
                        client.register(selector, SelectionKey.OP_READ);
                    } else {
                        client.close();
                    }
                } else if (key.isReadable()) {
                    SocketChannel client = (SocketChannel) key.channel();
                    sink.clear();
                    int n;
                    try {
                        n = client.read(sink);
                    } catch (IOException e) {
                        n = -1;
                    }
                    if (n < 0) {
                        key.cancel();
                        client.close();
                    }
                }
            }
            selector.selectedKeys().clear();
        }
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
