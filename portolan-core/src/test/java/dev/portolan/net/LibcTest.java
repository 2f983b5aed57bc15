package dev.portolan.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bindings against the real kernel, on loopback only. */
class LibcTest {
    private static final int STREAM = Libc.SOCK_STREAM | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC;

    private final Libc libc = Libc.open();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<Integer> fds = new ArrayList<>();

    @BeforeAll
    static void needsBindings() {
        assumeThat(NativeAccess.unavailableReason()).as("native bindings").isEmpty();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (int fd : fds) {
            libc.close(fd);
        }
        for (AutoCloseable r : resources) {
            r.close();
        }
        libc.close();
    }

    private InetSocketAddress listener(InetAddress address) throws IOException {
        ServerSocketChannel ss = ServerSocketChannel.open();
        resources.add(ss);
        ss.bind(new InetSocketAddress(address, 0));
        return (InetSocketAddress) ss.getLocalAddress();
    }

    private static int closedPort(InetAddress address) throws IOException {
        try (ServerSocketChannel ss = ServerSocketChannel.open()) {
            ss.bind(new InetSocketAddress(address, 0));
            return ((InetSocketAddress) ss.getLocalAddress()).getPort();
        }
    }

    private int socket(int family) {
        int fd = libc.socket(family, STREAM, 0);
        assertThat(fd).as("socket").isPositive();
        fds.add(fd);
        return fd;
    }

    /** Connects without blocking and returns what SO_ERROR says once the attempt is over. */
    private int connectAndWait(int fd, Sockaddr target, Epoll epoll) {
        int r = libc.connect(fd, target);
        if (r != -Errno.EINPROGRESS) {
            return -r;
        }
        assertThat(epoll.add(fd, Epoll.EPOLLOUT | Epoll.EPOLLONESHOT, 0x1234_5678_9ABCL | ((long) fd << 48)))
                .isZero();
        assertThat(epoll.await(5000)).isEqualTo(1);
        assertThat(epoll.data(0)).isEqualTo(0x1234_5678_9ABCL | ((long) fd << 48));
        assertThat(epoll.events(0) & Epoll.EPOLLOUT).isNotZero();
        return libc.pendingError(fd);
    }

    @Test
    void connectToAListenerSucceedsAndNamesBothEnds() throws IOException {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        InetSocketAddress server = listener(lo);
        try (Epoll epoll = Epoll.open(libc, 8)) {
            int fd = socket(Sockaddr.AF_INET);
            Sockaddr target = Sockaddr.allocate(libc.arena()).set(lo, server.getPort());
            assertThat(connectAndWait(fd, target, epoll)).isZero();

            Sockaddr peer = Sockaddr.allocate(libc.arena());
            assertThat(libc.remoteAddress(fd, peer)).isZero();
            assertThat(peer.toSocketAddress()).isEqualTo(server);
            assertThat(peer.sameAddress(target)).isTrue();
            Sockaddr local = Sockaddr.allocate(libc.arena());
            assertThat(libc.localAddress(fd, local)).isZero();
            assertThat(local.family()).isEqualTo(Sockaddr.AF_INET);
            assertThat(local.port()).isNotZero().isNotEqualTo(server.getPort());

            assertThat(libc.setLinger(fd, true, 0)).isZero();
            assertThat(libc.close(fd)).isZero();
            assertThat(libc.close(fd)).isEqualTo(-Errno.EBADF);
            fds.remove((Integer) fd);
        }
    }

    @Test
    void connectToAClosedPortIsRefused() throws IOException {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        int port = closedPort(lo);
        try (Epoll epoll = Epoll.open(libc, 8)) {
            int fd = socket(Sockaddr.AF_INET);
            Sockaddr target = Sockaddr.allocate(libc.arena()).set(lo, port);
            assertThat(connectAndWait(fd, target, epoll)).isEqualTo(Errno.ECONNREFUSED);
            assertThat(libc.remoteAddress(fd, Sockaddr.allocate(libc.arena()))).isEqualTo(-Errno.ENOTCONN);
        }
    }

    @Test
    void ipv6LoopbackToo() throws IOException {
        InetAddress lo6 = InetAddress.getByName("::1");
        InetSocketAddress server;
        try {
            server = listener(lo6);
        } catch (IOException e) {
            assumeThat(e).as("IPv6 loopback is not available here").isNull();
            return;
        }
        try (Epoll epoll = Epoll.open(libc, 8)) {
            Sockaddr target = Sockaddr.allocate(libc.arena()).set(lo6, server.getPort());
            assertThat(connectAndWait(socket(Sockaddr.AF_INET6), target, epoll)).isZero();
            target.setPort(closedPort(lo6));
            assertThat(connectAndWait(socket(Sockaddr.AF_INET6), target, epoll)).isEqualTo(Errno.ECONNREFUSED);
        }
    }

    @Test
    void nativeListenerAcceptsAJavaClient() throws IOException {
        int fd = socket(Sockaddr.AF_INET);
        Sockaddr any = Sockaddr.allocate(libc.arena()).set(InetAddress.getByName("127.0.0.1"), 0);
        assertThat(libc.bind(fd, any)).isZero();
        assertThat(libc.listen(fd, 8)).isZero();
        Sockaddr bound = Sockaddr.allocate(libc.arena());
        assertThat(libc.localAddress(fd, bound)).isZero();
        try (SocketChannel client = SocketChannel.open(bound.toSocketAddress())) {
            assertThat(client.isConnected()).isTrue();
        }
        assertThat(libc.bind(fd, any)).isEqualTo(-Errno.EINVAL);
    }

    @Test
    void optionsReadAndWrite() {
        int fd = socket(Sockaddr.AF_INET);
        assertThat(libc.setIntOption(fd, Libc.SOL_SOCKET, Libc.SO_REUSEADDR, 1)).isZero();
        assertThat(libc.getIntOption(fd, Libc.SOL_SOCKET, Libc.SO_REUSEADDR)).isEqualTo(1);
        assertThat(libc.pendingError(fd)).isZero();
        assertThat(libc.getIntOption(-1, Libc.SOL_SOCKET, Libc.SO_ERROR)).isEqualTo(-Errno.EBADF);
    }

    @Test
    void failuresComeBackAsNegatedErrno() {
        assertThat(libc.socket(12345, STREAM, 0)).isEqualTo(-Errno.EAFNOSUPPORT);
        assertThat(libc.close(-1)).isEqualTo(-Errno.EBADF);
        assertThat(Errno.message(-libc.socket(12345, STREAM, 0)))
                .isEqualTo("Address family not supported by protocol");
    }

    @Test
    void anEventFdWakesAnEpollWait() throws ErrnoException {
        int efd = ErrnoException.check("eventfd", libc.eventfd(0, Libc.EFD_NONBLOCK | Libc.EFD_CLOEXEC));
        fds.add(efd);
        try (Epoll epoll = Epoll.open(libc, 4)) {
            assertThat(epoll.add(efd, Epoll.EPOLLIN, -1L)).isZero();
            assertThat(epoll.await(0)).isZero();
            assertThat(libc.signal(efd, 1)).isZero();
            assertThat(libc.signal(efd, 2)).isZero();
            assertThat(epoll.await(5000)).isEqualTo(1);
            assertThat(epoll.data(0)).isEqualTo(-1L);
            assertThat(epoll.events(0)).isEqualTo(Epoll.EPOLLIN);
            assertThat(libc.drain(efd)).isEqualTo(3);
            assertThat(libc.drain(efd)).isEqualTo(-Errno.EAGAIN);
            assertThat(epoll.add(efd, Epoll.EPOLLIN, 0)).isEqualTo(-Errno.EEXIST);
            assertThat(epoll.remove(efd)).isZero();
        }
    }
}
