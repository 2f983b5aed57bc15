package dev.portolan.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The send threads' sockets: opened together (as root), closed together, and none left open when one fails. */
class SendSocketsTest {

    private static long openDescriptors() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    @Test
    void opensOneSenderPerThreadAndClosesThemAll() throws Exception {
        assumeTrue(NativeAccess.available() && Privileges.current().rawSockets(), "raw-socket rights");
        long before = openDescriptors();
        SendSockets s = SendSockets.ipv4(2, Optional.empty());
        assertThat(s.sockets()).hasSize(2).doesNotContainNull();
        assertThat(s.sockets()[0].fd()).isNotEqualTo(s.sockets()[1].fd());
        assertThat(openDescriptors()).isEqualTo(before + 2);
        s.close();
        assertThat(openDescriptors()).isEqualTo(before);
    }

    @Test
    void anUnknownInterfaceLeavesNothingOpen() throws Exception {
        assumeTrue(NativeAccess.available() && Privileges.current().rawSockets(), "raw-socket rights");
        long before = openDescriptors();
        assertThatThrownBy(() -> SendSockets.ipv4(2, Optional.of("bogus0"))).isInstanceOf(ErrnoException.class)
                .hasMessageContaining("SO_BINDTODEVICE");
        assertThat(openDescriptors()).isEqualTo(before);
    }

    @Test
    void refusesNoSockets() {
        assertThatThrownBy(() -> SendSockets.ipv4(0, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }
}
