package dev.portolan.lab;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A tiny TCP server for lab targets: binds every given port on all IPv4 and IPv6 addresses (one dual-stack
 * socket each), prints {@code READY <count>} once all are bound, then accepts and closes (or, with --hold, keeps)
 * connections until killed.
 *
 * With {@code --udp PORTS} it also binds those UDP ports and sends every datagram back to its sender (an answer
 * is what makes nmap call a UDP port open).
 *
 * <p>Usage: {@code PortListener [--hold] [--until-stdin-closes] [--udp PORTS] [PORTS]}, PORTS like
 * "22,80,8000-8009".
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
        String udpPorts = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--hold" -> hold = true;
                case "--until-stdin-closes" -> untilStdinCloses = true;
                case "--udp" -> {
                    if (i + 1 >= args.length) {
                        fail("--udp needs PORTS");
                    }
                    udpPorts = args[++i];
                }
                default -> {
                    if (arg.startsWith("-") || ports != null) {
                        fail("usage: PortListener [--hold] [--until-stdin-closes] PORTS (bad argument: " + arg + ")");
                    }
                    ports = arg;
                }
            }
        }
        if (ports == null && udpPorts == null) {
            fail("usage: PortListener [--hold] [--until-stdin-closes] [--udp PORTS] [PORTS]");
        }
        PortSet set;
        PortSet udp;
        try {
            set = ports == null ? PortSet.none() : PortSet.parse(ports);
            udp = udpPorts == null ? PortSet.none() : PortSet.parse(udpPorts);
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
            return;
        }
        if ((ports != null && set.isEmpty()) || set.contains(0) || (udpPorts != null && udp.isEmpty())
                || udp.contains(0)) {
            fail("need ports in 1-65535: " + (ports == null ? "" : ports) + " " + (udpPorts == null ? "" : udpPorts));
        }
        try {
            run(set, udp, hold, untilStdinCloses);
        } catch (IOException e) {
            fail("port listener failed: " + e.getMessage());
        }
    }

    private static void run(PortSet ports, PortSet udp, boolean hold, boolean untilStdinCloses) throws IOException {
        Selector selector = Selector.open();
        for (int port : udp.stream().toArray()) {
            DatagramChannel channel = DatagramChannel.open();
            try {
                channel.bind(new InetSocketAddress(port));
            } catch (IOException e) {
                fail("cannot bind UDP port " + port + ": " + e.getMessage());
            }
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
        }
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
        System.out.println("READY " + (ports.size() + udp.size()));
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
                } else if (key.isReadable() && key.channel() instanceof DatagramChannel channel) {
                    sink.clear();
                    SocketAddress from = channel.receive(sink);
                    if (from != null) {
                        sink.flip();
                        channel.send(sink, from);
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
