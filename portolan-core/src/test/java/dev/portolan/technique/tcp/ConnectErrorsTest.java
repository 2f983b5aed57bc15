package dev.portolan.technique.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portolan.net.Errno;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

class ConnectErrorsTest {

    @Test
    void mapsTheJdkExceptionsToOutcomes() {
        assertThat(ConnectErrors.classify(new ConnectException("Connection refused"))).isEqualTo(Outcome.CLOSED);
        assertThat(ConnectErrors.classify(new ConnectException("Connection timed out")))
                .isEqualTo(Outcome.NO_RESPONSE);
        assertThat(ConnectErrors.classify(new NoRouteToHostException("No route to host")))
                .isEqualTo(Outcome.HOST_UNREACH);
        assertThat(ConnectErrors.classify(new SocketException("Network is unreachable")))
                .isEqualTo(Outcome.NET_UNREACH);
        assertThat(ConnectErrors.classify(new BindException("Permission denied"))).isEqualTo(Outcome.PROHIBITED);
        assertThat(ConnectErrors.classify(new SocketException("Operation not permitted")))
                .isEqualTo(Outcome.PROHIBITED);
        assertThat(ConnectErrors.classify(new SocketException("Something odd"))).isEqualTo(Outcome.UNKNOWN_ERROR);
        assertThat(ConnectErrors.classify(new IOException((String) null))).isEqualTo(Outcome.UNKNOWN_ERROR);
    }

    @Test
    void localShortagesAreNotAnswers() {
        assertThat(ConnectErrors.classify(new SocketException("Too many open files"))).isNull();
        assertThat(ConnectErrors.classify(new BindException("Cannot assign requested address"))).isNull();
        assertThat(ConnectErrors.classify(new SocketException("No buffer space available"))).isNull();
        assertThat(ConnectErrors.classify(new SocketException("Resource temporarily unavailable"))).isNull();
    }

    @Test
    void mapsErrnoLikeTheExceptions() {
        assertThat(ConnectErrors.classify(0)).isEqualTo(Outcome.OPEN);
        assertThat(ConnectErrors.classify(Errno.ECONNREFUSED)).isEqualTo(Outcome.CLOSED);
        assertThat(ConnectErrors.classify(Errno.ECONNRESET)).isEqualTo(Outcome.CLOSED);
        assertThat(ConnectErrors.classify(Errno.ETIMEDOUT)).isEqualTo(Outcome.NO_RESPONSE);
        assertThat(ConnectErrors.classify(Errno.EHOSTUNREACH)).isEqualTo(Outcome.HOST_UNREACH);
        assertThat(ConnectErrors.classify(Errno.EHOSTDOWN)).isEqualTo(Outcome.HOST_UNREACH);
        assertThat(ConnectErrors.classify(Errno.ENETUNREACH)).isEqualTo(Outcome.NET_UNREACH);
        assertThat(ConnectErrors.classify(Errno.ENETDOWN)).isEqualTo(Outcome.NET_UNREACH);
        assertThat(ConnectErrors.classify(Errno.EACCES)).isEqualTo(Outcome.PROHIBITED);
        assertThat(ConnectErrors.classify(Errno.EPERM)).isEqualTo(Outcome.PROHIBITED);
        assertThat(ConnectErrors.classify(Errno.EINVAL)).isEqualTo(Outcome.UNKNOWN_ERROR);
        for (int shortage : new int[] {Errno.EMFILE, Errno.ENFILE, Errno.ENOBUFS, Errno.ENOMEM, Errno.EADDRNOTAVAIL,
                Errno.EADDRINUSE, Errno.EAGAIN}) {
            assertThat(ConnectErrors.classify(shortage)).as(Errno.name(shortage)).isNull();
            // the same errno, as the JDK would have thrown it, means the same
            assertThat(ConnectErrors.classify(new SocketException(Errno.message(shortage)))).isNull();
        }
    }

    @Test
    void outcomesCarryNmapStatesAndReasons() {
        assertThat(Outcome.OPEN.state().label()).isEqualTo("open");
        assertThat(Outcome.OPEN.reason().label()).isEqualTo("syn-ack");
        assertThat(Outcome.CLOSED.reason().label()).isEqualTo("conn-refused");
        assertThat(Outcome.NO_RESPONSE.state().label()).isEqualTo("filtered");
        for (Outcome o : Outcome.values()) {
            assertThat(Outcome.ofCode(o.code())).isEqualTo(o);
        }
        assertThat(Outcome.ofCode((byte) 0)).isNull();
    }
}
