package dev.portolan.technique.tcp;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Loopback ground truth for the scanner tests: listeners, closed ports, a port that drops SYNs. */
final class Loopback implements AutoCloseable {
    private final List<AutoCloseable> resources = new ArrayList<>();

    /** A listener on an ephemeral port of {@code address}, with a backlog deep enough for many scans. */
    int listen(InetAddress address) throws IOException {
        ServerSocketChannel ss = ServerSocketChannel.open();
        resources.add(ss);
        ss.bind(new InetSocketAddress(address, 0), 4096);
        return ((InetSocketAddress) ss.getLocalAddress()).getPort();
    }

    /** A port nothing listens on: bound once to learn a free number, then released. */
    static int closedPort(InetAddress address) throws IOException {
        try (ServerSocketChannel ss = ServerSocketChannel.open()) {
            ss.bind(new InetSocketAddress(address, 0));
            return ((InetSocketAddress) ss.getLocalAddress()).getPort();
        }
    }

    /**
     * A listener whose accept queue is full: the kernel then drops every further SYN, which is exactly how a
     * filtered port looks to a connect scan.
     */
    int blackhole(InetAddress address) throws IOException {
        ServerSocketChannel ss = ServerSocketChannel.open();
        resources.add(ss);
        ss.bind(new InetSocketAddress(address, 0), 1);
        InetSocketAddress where = new InetSocketAddress(address, ((InetSocketAddress) ss.getLocalAddress()).getPort());
        for (int i = 0; i < 16; i++) {
            SocketChannel c = SocketChannel.open();
            resources.add(c);
            c.configureBlocking(false);
            c.setOption(StandardSocketOptions.SO_LINGER, 0);
            c.connect(where);
            try (Selector s = Selector.open()) {
                c.register(s, SelectionKey.OP_CONNECT);
                if (s.select(300) == 0) {
                    return where.getPort();
                }
                c.finishConnect();
            }
        }
        throw new IOException("could not fill the accept queue of " + where);
    }

    /** Ports that accept connections to {@code target} now, as the kernel lists them. */
    static Set<Integer> listeningFor(InetAddress target) throws IOException {
        Set<Integer> ports = new HashSet<>();
        boolean v6 = target instanceof Inet6Address;
        for (String file : v6 ? List.of("/proc/net/tcp6") : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(file);
            if (!Files.exists(path)) {
                continue;
            }
            List<String> lines = Files.readAllLines(path);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 4 || !f[3].equals("0A")) {
                    continue;
                }
                String[] local = f[1].split(":");
                if (accepts(local[0].toUpperCase(Locale.ROOT), target, file.endsWith("6"))) {
                    ports.add(Integer.parseInt(local[1], 16));
                }
            }
        }
        return ports;
    }

    private static boolean accepts(String hex, InetAddress target, boolean table6) {
        if (hex.chars().allMatch(c -> c == '0')) {
            return true;
        }
        if (target instanceof Inet6Address) {
            return hex.equals("00000000000000000000000001000000");
        }
        // 127.0.0.1 in the kernel's byte order, alone or mapped into IPv6
        return table6 ? hex.equals("0000000000000000FFFF00000100007F") : hex.equals("0100007F");
    }

    @Override
    public void close() {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                // test cleanup: nothing to do
            }
        }
    }
}
