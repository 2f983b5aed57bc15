package dev.portolan.lab.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/** Each hostile behaviour on loopback, served by the same code the lab runs in its namespaces. */
class HostileServerTest {
    /** A connected client whose server side plays {@code behaviour}. */
    private static Socket connect(Behaviour behaviour) throws IOException {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
            Socket accepted = server.accept();
            Thread.ofVirtual().start(() -> HostileServer.serve(behaviour, accepted));
            client.setSoTimeout(3000);
            return client;
        }
    }

    @Test
    void dripSendsOneByteASecond() throws IOException {
        try (Socket s = connect(Behaviour.DRIP)) {
            s.setSoTimeout(1500);
            InputStream in = s.getInputStream();
            assertThat(in.read()).isEqualTo('2');
            long t0 = System.nanoTime();
            assertThat(in.read()).isEqualTo('2');
            assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThan(700);
        }
    }

    @Test
    void endlessSendsMegabytes() throws IOException {
        try (Socket s = connect(Behaviour.ENDLESS)) {
            byte[] got = s.getInputStream().readNBytes(4 << 20);
            assertThat(got).hasSize(4 << 20);
            assertThat(new String(got, 0, 20, java.nio.charset.StandardCharsets.US_ASCII)).startsWith("220-endless");
        }
    }

    @Test
    void tlsGarbageAnswersTheFirstBytesWithNoise() throws IOException {
        try (Socket s = connect(Behaviour.TLS_GARBAGE)) {
            s.getOutputStream().write(new byte[] {0x16, 0x03, 0x01});
            byte[] got = s.getInputStream().readAllBytes();
            assertThat(got).hasSize(HostileServer.GARBAGE_BYTES);
            assertThat(got[0] & 0xff).isNotIn(0x14, 0x15, 0x16, 0x17, 0x18);
        }
    }

    @Test
    void tcpwrappedClosesAtOnce() throws IOException {
        try (Socket s = connect(Behaviour.TCPWRAPPED)) {
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void silentSaysNothing() throws IOException {
        try (Socket s = connect(Behaviour.SILENT)) {
            s.setSoTimeout(500);
            s.getOutputStream().write("HELLO\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            try {
                int b = s.getInputStream().read();
                throw new AssertionError("silent service answered: " + b);
            } catch (SocketTimeoutException expected) {
                // nothing came
            }
        }
    }

    @Test
    void unknownBehaviourIsNamed() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Behaviour.parse("rude"))
                .hasMessageContaining("unknown behaviour 'rude'");
    }
}
