package dev.portolan.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** poll(2) over eventfds: readiness without any network. */
class PollTest {

    @BeforeAll
    static void needsBindings() {
        assumeThat(NativeAccess.unavailableReason()).as("native bindings").isEmpty();
    }

    @Test
    void reportsWhichDescriptorIsReady() {
        try (Libc libc = Libc.open()) {
            int quiet = libc.eventfd(0, Libc.EFD_NONBLOCK | Libc.EFD_CLOEXEC);
            int loud = libc.eventfd(0, Libc.EFD_NONBLOCK | Libc.EFD_CLOEXEC);
            try {
                Poll poll = Poll.allocate(libc, 3);
                poll.watch(0, quiet, Poll.POLLIN);
                poll.watch(1, loud, Poll.POLLIN);
                assertThat(poll.await(3, 0)).as("nothing yet").isZero();
                assertThat(libc.signal(loud, 1)).isZero();
                assertThat(poll.await(3, 1000)).isEqualTo(1);
                assertThat(poll.ready(0)).isZero();
                assertThat(poll.ready(1)).isEqualTo(Poll.POLLIN);
                assertThat(poll.ready(2)).as("the unused slot").isZero();
                poll.watch(2, 999_999, Poll.POLLIN);
                assertThat(poll.await(3, 0)).isEqualTo(2);
                assertThat(poll.ready(2)).isEqualTo(Poll.POLLNVAL);
                assertThatThrownBy(() -> poll.await(4, 0)).hasMessage("poll of 4 slots, capacity 3");
            } finally {
                libc.close(quiet);
                libc.close(loud);
            }
        }
    }
}
