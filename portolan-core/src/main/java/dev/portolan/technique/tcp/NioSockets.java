package dev.portolan.technique.tcp;

import dev.portolan.engine.Clock;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/** Connect-scan sockets through NIO: a selector per lane; the portable path, used where epoll is not. */
final class NioSockets implements Sockets {
    private final SocketOpener opener;

    /** Sockets opened with {@code opener} (a seam for tests). */
    NioSockets(SocketOpener opener) {
        this.opener = opener;
    }

    @Override
    public SocketLane openLane(Clock clock) throws IOException {
        return new Lane(clock, Selector.open());
    }

    private final class Lane implements SocketLane {
        private final Clock clock;
        private final Selector selector;
        private LaneResults results;

        Lane(Clock clock, Selector selector) {
            this.clock = clock;
            this.selector = selector;
        }

        @Override
        public void launch(Probe p, InetAddress address, int port, LaneResults out) {
            ProtocolFamily family = address instanceof Inet6Address ? StandardProtocolFamily.INET6
                    : StandardProtocolFamily.INET;
            SocketChannel ch;
            try {
                ch = opener.open(family);
            } catch (IOException e) {
                failed(p, e, out);
                return;
            }
            p.io = ch;
            try {
                ch.configureBlocking(false);
                p.launchedAt = clock.nanoTime();
                if (ch.connect(new InetSocketAddress(address, port))) {
                    complete(p, ch, null, out);
                } else {
                    ch.register(selector, SelectionKey.OP_CONNECT, p);
                }
            } catch (IOException e) {
                complete(p, ch, e, out);
            }
        }

        @Override
        public void await(long timeoutNanos, LaneResults out) throws IOException {
            results = out;
            try {
                if (timeoutNanos <= 0) {
                    selector.selectNow(this::ready);
                } else {
                    selector.select(this::ready, Math.max(1, (timeoutNanos + 999_999) / 1_000_000));
                }
            } finally {
                results = null;
            }
        }

        private void ready(SelectionKey key) {
            Probe p = (Probe) key.attachment();
            SocketChannel ch = (SocketChannel) key.channel();
            try {
                if (ch.finishConnect()) {
                    complete(p, ch, null, results);
                }
            } catch (IOException e) {
                complete(p, ch, e, results);
            }
        }

        /** Reads what the connect found and closes the socket. */
        private void complete(Probe p, SocketChannel ch, IOException error, LaneResults out) {
            if (error != null) {
                closeQuietly(ch);
                failed(p, error, out);
                return;
            }
            boolean self = connectedToItself(ch);
            try {
                ch.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException e) {
                // the peer reset it already: the close below sends nothing anyway
            }
            closeQuietly(ch);
            if (self) {
                // the kernel chose the target port as our own port, a loopback artefact: not an answer
                out.unsent(p, null);
            } else {
                out.answered(p, Outcome.OPEN, clock.nanoTime());
            }
        }

        private void failed(Probe p, IOException error, LaneResults out) {
            Outcome outcome = ConnectErrors.classify(error);
            if (outcome == null) {
                out.unsent(p, error.getMessage());
            } else if (outcome == Outcome.UNKNOWN_ERROR) {
                out.unexpected(p, String.valueOf(error.getMessage()), clock.nanoTime());
            } else {
                out.answered(p, outcome, clock.nanoTime());
            }
        }

        @Override
        public void abandon(Probe p) {
            if (p.io instanceof SocketChannel ch) {
                closeQuietly(ch);
            }
        }

        @Override
        public void wakeup() {
            selector.wakeup();
        }

        @Override
        public void close() {
            for (SelectionKey key : selector.keys()) {
                try {
                    key.channel().close();
                } catch (IOException e) {
                    // best effort: the selector's close below releases the rest
                }
            }
            try {
                selector.close();
            } catch (IOException e) {
                // nothing more to release
            }
        }
    }

    private static boolean connectedToItself(SocketChannel ch) {
        try {
            SocketAddress local = ch.getLocalAddress();
            return local != null && local.equals(ch.getRemoteAddress());
        } catch (IOException e) {
            return false;
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // closing a socket we no longer need cannot fail in a way that matters
        }
    }
}
