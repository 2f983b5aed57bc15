package dev.portolan.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Ports of a loopback address that the test controls: some listening, some known to be closed. */
final class Loopback implements AutoCloseable {
    private final InetAddress address;
    private final List<ServerSocket> listening = new ArrayList<>();
    private final List<Integer> closed = new ArrayList<>();

    private Loopback(InetAddress address) {
        this.address = address;
    }

    /** {@code open} listening ports and {@code closed} ports nothing listens on, on {@code address}. */
    static Loopback on(String address, int open, int closed) {
        Loopback l;
        try {
            l = new Loopback(InetAddress.getByName(address));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            for (int i = 0; i < open; i++) {
                l.listening.add(l.listen(0));
            }
            for (int i = 0; i < closed; i++) {
                // A port the kernel just gave us and took back: nothing listens there (ephemeral ports are
                // handed out in turn, so another process is very unlikely to get it within the test).
                try (ServerSocket s = l.listen(0)) {
                    l.closed.add(s.getLocalPort());
                }
            }
        } catch (IOException e) {
            l.close();
            throw new UncheckedIOException(e);
        }
        return l;
    }

    /** Whether {@code address} can be listened on here (IPv6 may be disabled). */
    static boolean available(String address) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    ServerSocket listen(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(address, port), 50);
        return s;
    }

    List<Integer> open() {
        return listening.stream().map(ServerSocket::getLocalPort).sorted().toList();
    }

    List<Integer> closed() {
        return closed.stream().sorted().toList();
    }

    /** Every port of this fixture, as a -p list. */
    String portList() {
        List<Integer> all = new ArrayList<>(open());
        all.addAll(closed());
        return String.join(",", all.stream().sorted().map(String::valueOf).toList());
    }

    @Override
    public void close() {
        for (ServerSocket s : listening) {
            try {
                s.close();
            } catch (IOException ignored) {
                // Closing a listening socket cannot fail in a way the test cares about.
            }
        }
    }
}
