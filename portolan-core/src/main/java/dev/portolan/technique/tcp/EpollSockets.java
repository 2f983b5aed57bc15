package dev.portolan.technique.tcp;

import dev.portolan.engine.Clock;
import dev.portolan.net.Epoll;
import dev.portolan.net.Errno;
import dev.portolan.net.ErrnoException;
import dev.portolan.net.Libc;
import dev.portolan.net.Sockaddr;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * Connect-scan sockets straight on Linux's calls through the native bindings: per probe one socket call (already
 * non-blocking), one connect, an epoll registration, one SO_ERROR read and a close; no channel objects, no key
 * sets, no exceptions. A lane keeps its probes in an array indexed by descriptor. A socket whose connect was
 * refused (a closed port, the common case) is dissolved with connect(AF_UNSPEC) and kept for the next probe of its
 * family: that spares the kernel a socket's creation and teardown and epoll a registration per probe.
 */
final class EpollSockets implements Sockets {
    /** Opens a probe's socket: a descriptor or -errno; a seam so tests can make the system run out of them. */
    @FunctionalInterface
    interface Opener {
        int open(Libc libc, int family);
    }

    static final Opener SYSTEM = (libc, family) ->
            libc.socket(family, Libc.SOCK_STREAM | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, 0);

    /** Events read per epoll_wait. */
    static final int EVENT_BATCH = 512;
    /** The epoll data of the lane's wake-up eventfd; a socket's data is its descriptor and a generation >= 0. */
    private static final long WAKE = -1L;
    private static final int WATCH = Epoll.EPOLLOUT | Epoll.EPOLLONESHOT;
    /** Refused sockets kept per family for reuse; enough for a lane's batch, few enough for the descriptor budget. */
    static final int SPARES = 256;

    private final Opener opener;

    EpollSockets(Opener opener) {
        this.opener = opener;
    }

    @Override
    public SocketLane openLane(Clock clock) throws ErrnoException {
        Libc libc = Libc.open();
        Libc waker = Libc.open();
        Epoll epoll = null;
        int wakeFd = -1;
        try {
            epoll = Epoll.open(libc, EVENT_BATCH);
            wakeFd = ErrnoException.check("eventfd", libc.eventfd(0, Libc.EFD_NONBLOCK | Libc.EFD_CLOEXEC));
            ErrnoException.check("epoll_ctl", epoll.add(wakeFd, Epoll.EPOLLIN, WAKE));
            return new Lane(clock, libc, waker, epoll, wakeFd);
        } catch (ErrnoException | RuntimeException e) {
            if (wakeFd >= 0) {
                libc.close(wakeFd);
            }
            if (epoll != null) {
                epoll.close();
            }
            libc.close();
            waker.close();
            throw e;
        }
    }

    private final class Lane implements SocketLane {
        private final Clock clock;
        private final Libc libc;
        /** For wake-ups from other threads, each with its own call state; guarded by the lane. */
        private final Libc waker;
        private final Epoll epoll;
        private final int wakeFd;
        private final Sockaddr target;
        private final Sockaddr local;
        private final Sockaddr peer;
        private final Sockaddr unspecified;
        private final int[] spare4 = new int[SPARES];
        private final int[] spare6 = new int[SPARES];
        private int spare4Count;
        private int spare6Count;
        /** Whether a descriptor is in the epoll set (a reused socket is re-armed, not added again). */
        private boolean[] registered = new boolean[1024];
        /** Whether a watched descriptor is an IPv6 socket, so a refused one goes back to the right spares. */
        private boolean[] ipv6 = new boolean[1024];
        /** The probe whose connect is watched on each descriptor, or null. */
        private Probe[] byFd = new Probe[1024];
        /** Bumped per registration, so an event of a descriptor's earlier socket is never taken for its next. */
        private int[] generation = new int[1024];
        private InetAddress lastAddress;
        private boolean closed;

        Lane(Clock clock, Libc libc, Libc waker, Epoll epoll, int wakeFd) {
            this.clock = clock;
            this.libc = libc;
            this.waker = waker;
            this.epoll = epoll;
            this.wakeFd = wakeFd;
            this.target = Sockaddr.allocate(libc.arena());
            this.local = Sockaddr.allocate(libc.arena());
            this.peer = Sockaddr.allocate(libc.arena());
            this.unspecified = Sockaddr.unspecified(libc.arena());
        }

        @Override
        public void launch(Probe p, InetAddress address, int port, LaneResults out) {
            boolean v6 = address instanceof Inet6Address;
            int fd = v6 ? (spare6Count > 0 ? spare6[--spare6Count] : -1) : (spare4Count > 0 ? spare4[--spare4Count] : -1);
            if (fd < 0) {
                fd = opener.open(libc, v6 ? Sockaddr.AF_INET6 : Sockaddr.AF_INET);
            }
            if (fd < 0) {
                failed(p, -fd, clock.nanoTime(), out);
                return;
            }
            if (address != lastAddress) {
                target.set(address, port);
                lastAddress = address;
            } else {
                target.setPort(port);
            }
            p.launchedAt = clock.nanoTime();
            int r = libc.connect(fd, target);
            if (r == -Errno.EINPROGRESS) {
                watch(fd, p);
                ipv6[fd] = v6;
                long data = ((long) generation[fd] << 32) | fd;
                int added = registered[fd] ? epoll.modify(fd, WATCH, data) : epoll.add(fd, WATCH, data);
                if (added < 0) {
                    unwatch(fd);
                    close(fd);
                    failed(p, -added, clock.nanoTime(), out);
                } else {
                    registered[fd] = true;
                }
            } else if (r == 0) {
                connected(p, fd, clock.nanoTime(), out);
            } else {
                close(fd);
                failed(p, -r, clock.nanoTime(), out);
            }
        }

        @Override
        public void await(long timeoutNanos, LaneResults out) throws ErrnoException {
            int millis = timeoutNanos <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE,
                    Math.max(1, (timeoutNanos + 999_999) / 1_000_000));
            int n = epoll.await(millis);
            if (n < 0) {
                if (n == -Errno.EINTR) {
                    return;
                }
                throw new ErrnoException("epoll_wait", -n);
            }
            long now = clock.nanoTime();
            for (int i = 0; i < n; i++) {
                long data = epoll.data(i);
                if (data == WAKE) {
                    libc.drain(wakeFd);
                    continue;
                }
                int fd = (int) data;
                Probe p = fd >= 0 && fd < byFd.length ? byFd[fd] : null;
                if (p == null || generation[fd] != (int) (data >>> 32)) {
                    continue;
                }
                unwatch(fd);
                int error = libc.pendingError(fd);
                if (error == 0) {
                    connected(p, fd, now, out);
                } else {
                    if (error == Errno.ECONNREFUSED) {
                        recycle(fd, ipv6[fd]);
                    } else {
                        close(fd);
                    }
                    failed(p, error, now, out);
                }
            }
        }

        /** A connect that succeeded: close with a RST (SO_LINGER 0), so nothing stays in TIME_WAIT. */
        private void connected(Probe p, int fd, long now, LaneResults out) {
            boolean self = connectedToItself(fd);
            libc.setLinger(fd, true, 0);
            close(fd);
            if (self) {
                // the kernel chose the target port as our own port, a loopback artefact: not an answer
                out.unsent(p, null);
            } else {
                out.answered(p, Outcome.OPEN, now);
            }
        }

        private boolean connectedToItself(int fd) {
            return libc.localAddress(fd, local) == 0 && libc.remoteAddress(fd, peer) == 0 && local.sameAddress(peer);
        }

        private void failed(Probe p, int errno, long now, LaneResults out) {
            Outcome outcome = ConnectErrors.classify(errno);
            if (outcome == null) {
                out.unsent(p, Errno.message(errno));
            } else if (outcome == Outcome.UNKNOWN_ERROR) {
                out.unexpected(p, Errno.message(errno), now);
            } else {
                out.answered(p, outcome, now);
            }
        }

        /** Keeps a refused socket for the next probe of its family, or closes it when it cannot be dissolved. */
        private void recycle(int fd, boolean v6) {
            int count = v6 ? spare6Count : spare4Count;
            if (count >= SPARES || libc.connect(fd, unspecified) != 0) {
                close(fd);
            } else if (v6) {
                spare6[spare6Count++] = fd;
            } else {
                spare4[spare4Count++] = fd;
            }
        }

        /** Closing a descriptor also takes it out of the epoll set. */
        private void close(int fd) {
            if (fd < registered.length) {
                registered[fd] = false;
            }
            libc.close(fd);
        }

        private void watch(int fd, Probe p) {
            if (fd >= byFd.length) {
                int size = Math.max(fd + 1, byFd.length * 2);
                byFd = Arrays.copyOf(byFd, size);
                generation = Arrays.copyOf(generation, size);
                registered = Arrays.copyOf(registered, size);
                ipv6 = Arrays.copyOf(ipv6, size);
            }
            byFd[fd] = p;
            // the top bit stays clear, so no socket's data equals WAKE
            generation[fd] = (generation[fd] + 1) & Integer.MAX_VALUE;
            p.fd = fd;
        }

        private void unwatch(int fd) {
            byFd[fd].fd = -1;
            byFd[fd] = null;
        }

        @Override
        public void abandon(Probe p) {
            int fd = p.fd;
            if (fd >= 0 && fd < byFd.length && byFd[fd] == p) {
                unwatch(fd);
                close(fd);
            }
        }

        @Override
        public void wakeup() {
            synchronized (this) {
                // after close the descriptor number may belong to someone else
                if (!closed) {
                    waker.signal(wakeFd, 1);
                }
            }
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            for (int fd = 0; fd < byFd.length; fd++) {
                if (byFd[fd] != null) {
                    unwatch(fd);
                    libc.close(fd);
                }
            }
            for (int i = 0; i < spare4Count; i++) {
                libc.close(spare4[i]);
            }
            for (int i = 0; i < spare6Count; i++) {
                libc.close(spare6[i]);
            }
            spare4Count = 0;
            spare6Count = 0;
            epoll.close();
            libc.close(wakeFd);
            libc.close();
            waker.close();
        }
    }
}
