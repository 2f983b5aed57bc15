package dev.portolan.technique.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.portolan.net.NativeAccess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SocketsTest {

    @Test
    void smallScansUseNioAndBigOnesEpollWhereTheBindingsAre() {
        assertThat(Sockets.forScan(1000)).isInstanceOf(NioSockets.class);
        assertThat(Sockets.forScan(Sockets.NATIVE_MIN_PROBES - 1)).isInstanceOf(NioSockets.class);
        Class<?> big = NativeAccess.available() ? EpollSockets.class : NioSockets.class;
        assertThat(Sockets.forScan(Sockets.NATIVE_MIN_PROBES)).isInstanceOf(big);
        assertThat(Sockets.forScan(65536)).isInstanceOf(big);
        assertThat(Sockets.preferred()).isInstanceOf(big);
    }

    @Test
    void linuxWithNativeAccessPrefersEpoll() {
        assumeThat(System.getProperty("os.name")).startsWith("Linux");
        // surefire runs the tests with --enable-native-access=ALL-UNNAMED
        assertThat(Sockets.preferred()).isInstanceOf(EpollSockets.class);
    }

    @Test
    void withoutNativeAccessAScanFallsBackToNioWithoutAWordOnStderr() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                FallbackScan.class.getName())).start();
        child.getOutputStream().close();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread drain = Thread.ofPlatform().start(() -> {
            try {
                child.getErrorStream().transferTo(err);
            } catch (IOException e) {
                // the assertions below show what arrived
            }
        });
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        drain.join();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(out).contains("native: native access is not enabled");
        assertThat(out).contains("sockets: NioSockets");
        assertThat(out).contains("closed conn-refused");
        assertThat(child.exitValue()).isZero();
    }
}
