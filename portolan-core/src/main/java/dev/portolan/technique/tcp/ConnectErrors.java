package dev.portolan.technique.tcp;

import dev.portolan.net.Errno;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.util.Locale;

/** Reads what a failed non-blocking connect means: from errno, or from the exception the JDK maps errno to. */
final class ConnectErrors {
    private ConnectErrors() {
    }

    /**
     * The outcome a failed connect gives the port, or null when the failure was local and says nothing about the
     * target (no descriptor, no buffer, no free local port): the probe must go again later.
     */
    static Outcome classify(IOException e) {
        if (e instanceof ConnectException && "Connection refused".equals(e.getMessage())) {
            // nearly every error of a scan: skip the text matching below
            return Outcome.CLOSED;
        }
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (isLocalShortage(m)) {
            return null;
        }
        if (e instanceof ConnectException) {
            // the JDK throws ConnectException for ECONNREFUSED and ETIMEDOUT
            return m.contains("timed out") ? Outcome.NO_RESPONSE : Outcome.CLOSED;
        }
        if (e instanceof NoRouteToHostException || m.contains("host is down") || m.contains("no route to host")) {
            return Outcome.HOST_UNREACH;
        }
        if (m.contains("network is unreachable") || m.contains("network is down")) {
            return Outcome.NET_UNREACH;
        }
        if (m.contains("permission denied") || m.contains("operation not permitted")) {
            // EACCES/EPERM: a local firewall rule or a broadcast address
            return Outcome.PROHIBITED;
        }
        if (m.contains("connection reset")) {
            return Outcome.CLOSED;
        }
        if (e instanceof BindException) {
            return null;
        }
        return Outcome.UNKNOWN_ERROR;
    }

    /**
     * The outcome of a connect that ended with {@code errno} (0: it connected), or null when the failure was local
     * (no descriptor, no buffer, no free local port) and the probe must go again later. Same mapping as for the
     * JDK's exceptions.
     */
    static Outcome classify(int errno) {
        return switch (errno) {
            case 0 -> Outcome.OPEN;
            case Errno.ECONNREFUSED, Errno.ECONNRESET -> Outcome.CLOSED;
            case Errno.ETIMEDOUT -> Outcome.NO_RESPONSE;
            case Errno.EHOSTUNREACH, Errno.EHOSTDOWN -> Outcome.HOST_UNREACH;
            case Errno.ENETUNREACH, Errno.ENETDOWN -> Outcome.NET_UNREACH;
            // a local firewall rule or a broadcast address
            case Errno.EACCES, Errno.EPERM -> Outcome.PROHIBITED;
            case Errno.EMFILE, Errno.ENFILE, Errno.ENOBUFS, Errno.ENOMEM, Errno.EADDRNOTAVAIL, Errno.EADDRINUSE,
                 Errno.EAGAIN -> null;
            default -> Outcome.UNKNOWN_ERROR;
        };
    }

    private static boolean isLocalShortage(String m) {
        return m.contains("too many open files") || m.contains("no buffer space") || m.contains("cannot allocate")
                || m.contains("cannot assign requested address") || m.contains("address already in use")
                || m.contains("resource temporarily unavailable");
    }
}
