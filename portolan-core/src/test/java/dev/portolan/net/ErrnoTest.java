package dev.portolan.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrnoTest {

    @Test
    void knownValuesHaveGlibcTextAndName() {
        assertThat(Errno.message(Errno.ECONNREFUSED)).isEqualTo("Connection refused");
        assertThat(Errno.name(Errno.ECONNREFUSED)).isEqualTo("ECONNREFUSED");
        assertThat(Errno.message(Errno.EMFILE)).isEqualTo("Too many open files");
        assertThat(Errno.message(Errno.EHOSTUNREACH)).isEqualTo("No route to host");
        assertThat(Errno.describe(Errno.EINPROGRESS)).isEqualTo("Operation now in progress (EINPROGRESS)");
        assertThat(Errno.ECONNREFUSED).isEqualTo(111);
        assertThat(Errno.EINPROGRESS).isEqualTo(115);
    }

    @Test
    void unknownValuesStillSaySomething() {
        assertThat(Errno.message(4000)).isEqualTo("Unknown error 4000");
        assertThat(Errno.name(4000)).isEqualTo("errno 4000");
        assertThat(Errno.message(0)).isEqualTo("Unknown error 0");
        assertThat(Errno.message(-3)).isEqualTo("Unknown error -3");
        assertThat(Errno.message(3)).isEqualTo("Unknown error 3");
    }

    @Test
    void exceptionNamesTheCallAndTheError() {
        ErrnoException e = new ErrnoException("connect", Errno.ENETUNREACH);
        assertThat(e).hasMessage("connect: Network is unreachable");
        assertThat(e.errno()).isEqualTo(Errno.ENETUNREACH);
    }

    @Test
    void checkPassesResultsAndThrowsOnNegatedErrno() throws ErrnoException {
        assertThat(ErrnoException.check("socket", 7)).isEqualTo(7);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ErrnoException.check("socket", -Errno.EACCES))
                .isInstanceOf(ErrnoException.class).hasMessage("socket: Permission denied");
    }

    @Test
    void permissionErrorsCarryTheirTextAndAHint() {
        assertThat(Errno.describe(Errno.EPERM)).isEqualTo("Operation not permitted (EPERM)");
        assertThat(Errno.describe(Errno.EACCES)).isEqualTo("Permission denied (EACCES)");
        assertThat(Errno.describe(Errno.EPROTO)).isEqualTo("Protocol error (EPROTO)");
        ErrnoException e = new ErrnoException("socket(AF_INET, SOCK_RAW, IPPROTO_RAW)", Errno.EPERM, Privileges.HINT);
        assertThat(e).hasMessage("socket(AF_INET, SOCK_RAW, IPPROTO_RAW): Operation not permitted; raw sockets need "
                + "root or CAP_NET_RAW: run as root or `setcap cap_net_raw,cap_net_admin+eip <java>`");
        assertThat(e.errno()).isEqualTo(Errno.EPERM);
        assertThat(new ErrnoException("socket", Errno.EACCES, "try sudo"))
                .hasMessage("socket: Permission denied; try sudo");
    }
}
