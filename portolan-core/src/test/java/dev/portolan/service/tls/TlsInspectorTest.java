package dev.portolan.service.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS servers of this JDK on loopback, with a certificate made by keytool for the test, and hostile services that
 * speak something else, say nothing or drip bytes: what the inspector reports, and that it keeps its time budget.
 */
class TlsInspectorTest {
    static final Duration TIMEOUT = Duration.ofMillis(1500);

    @TempDir
    static Path dir;
    static KeyStore keys;

    private final List<AutoCloseable> servers = new CopyOnWriteArrayList<>();
    private final List<String> sniSeen = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void makeCertificate() throws Exception {
        keys = TestKeys.labKeyStore(dir);
    }

    @AfterEach
    void stopServers() throws Exception {
        for (AutoCloseable s : servers) {
            s.close();
        }
    }

    /** A TLS server speaking {@code protocols}, offering ALPN http/1.1, recording the SNI names it is sent. */
    private InetSocketAddress tlsServer(String... protocols) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, TestKeys.PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        SSLParameters parameters = server.getSSLParameters();
        parameters.setProtocols(protocols);
        parameters.setApplicationProtocols(new String[] {"http/1.1"});
        server.setSSLParameters(parameters);
        servers.add(server);
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.setSoTimeout(3000);
                    s.startHandshake();
                    ((ExtendedSSLSession) s.getSession()).getRequestedServerNames().forEach(
                            n -> sniSeen.add(((SNIHostName) n).getAsciiName()));
                } catch (IOException e) {
                    // refused versions and probes that stop after the hello end here: the next one is accepted
                }
            }
        });
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** A plain TCP server that does {@code behaviour} with each connection. */
    private InetSocketAddress plainServer(Behaviour behaviour) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        servers.add(server);
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    behaviour.serve(s.getInputStream(), s.getOutputStream());
                } catch (IOException | InterruptedException e) {
                    // the client went away: next
                }
            }
        });
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    @FunctionalInterface
    interface Behaviour {
        void serve(InputStream in, OutputStream out) throws IOException, InterruptedException;
    }

    @Test
    void aTlsServerShowsVersionsSuiteAlpnAndItsCertificate() throws Exception {
        InetSocketAddress at = tlsServer("TLSv1.3", "TLSv1.2");
        TlsInspection result = new TlsInspector(TIMEOUT, true).inspect(at, Optional.of("lab.example"));

        assertThat(result).isInstanceOf(TlsInspection.Tls.class);
        TlsInspection.Tls tls = (TlsInspection.Tls) result;
        assertThat(tls.versions()).containsExactly(TlsVersion.TLS_1_3, TlsVersion.TLS_1_2);
        assertThat(tls.error()).isEmpty();
        TlsSession session = tls.session().orElseThrow();
        assertThat(session.protocol()).isEqualTo("TLSv1.3");
        assertThat(session.cipherSuite()).startsWith("TLS_");
        assertThat(session.alpn()).contains("http/1.1");
        CertificateInfo leaf = session.leaf().orElseThrow();
        assertThat(leaf.commonName()).contains("lab.example");
        assertThat(leaf.subject()).isEqualTo("CN=lab.example,O=Portolan Lab");
        assertThat(leaf.subjectAltNames()).containsExactly("DNS:lab.example", "DNS:www.lab.example", "IP:127.0.0.1");
        assertThat(leaf.keyType()).isEqualTo("RSA");
        assertThat(leaf.keyBits()).isEqualTo(2048);
        assertThat(leaf.selfSigned()).isTrue();
        assertThat(leaf.daysLeft(Instant.now())).isBetween(29L, 30L);
        assertThat(leaf.sha256()).hasSize(64);
        assertThat(sniSeen).contains("lab.example");
    }

    @Test
    void aServerOfOneVersionAcceptsOnlyThatOne() throws Exception {
        InetSocketAddress at = tlsServer("TLSv1.2");
        TlsInspection.Tls tls = (TlsInspection.Tls) new TlsInspector(TIMEOUT, true).inspect(at, Optional.empty());
        assertThat(tls.versions()).containsExactly(TlsVersion.TLS_1_2);
        assertThat(tls.session().orElseThrow().protocol()).isEqualTo("TLSv1.2");
        // an address literal never goes out as SNI
        TlsInspection.Tls again = (TlsInspection.Tls) new TlsInspector(TIMEOUT, false)
                .inspect(at, Optional.of("127.0.0.1"));
        assertThat(again.versions()).containsExactly(TlsVersion.TLS_1_2);
        assertThat(sniSeen).isEmpty();
    }

    /** Versions this JDK refuses to speak are still found, by the hand-made hellos; the JDK handshake then fails. */
    @Test
    void oldVersionsTheJdkWillNotSpeakAreStillFound() throws Exception {
        Optional<Path> openssl = Stream.of("/usr/bin/openssl", "/bin/openssl").map(Path::of)
                .filter(Files::isExecutable).findFirst();
        assumeTrue(openssl.isPresent(), "openssl absent: TLS 1.0 server test skipped");
        Path key = dir.resolve("old.key");
        Path cert = dir.resolve("old.pem");
        run(openssl.get().toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(),
                "-out", cert.toString(), "-days", "10", "-subj", "/CN=old.lab.example");
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        // SECLEVEL=0 lets OpenSSL 3 speak TLS 1.0 at all, as old servers still do
        Process server = new ProcessBuilder(openssl.get().toString(), "s_server", "-accept", "127.0.0.1:" + port,
                "-cert", cert.toString(), "-key", key.toString(), "-tls1", "-cipher", "DEFAULT@SECLEVEL=0", "-quiet")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        servers.add(server::destroyForcibly);
        InetSocketAddress at = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        awaitListening(at);
        TlsInspection.Tls tls = (TlsInspection.Tls) new TlsInspector(TIMEOUT, true).inspect(at, Optional.empty());
        assertThat(tls.versions()).containsExactly(TlsVersion.TLS_1_0);
        assertThat(tls.session()).isEmpty();
        assertThat(tls.error()).isPresent();
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    private static void awaitListening(InetSocketAddress at) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(at, 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("openssl s_server did not listen on " + at);
    }

    @Test
    void aBannerServiceIsNotTls() throws Exception {
        InetSocketAddress ssh = plainServer((in, out) -> {
            out.write("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            in.read();
        });
        TlsInspection result = new TlsInspector(TIMEOUT, true).inspect(ssh, Optional.empty());
        assertThat(result).isInstanceOf(TlsInspection.NotTls.class);
        assertThat(((TlsInspection.NotTls) result).why()).contains("no TLS record header");
    }

    @Test
    void hostileServicesCannotStretchTheBudget() throws Exception {
        InetSocketAddress silent = plainServer((in, out) -> Thread.sleep(10_000));
        InetSocketAddress drip = plainServer((in, out) -> {
            // a plausible record header announcing 16 KiB, then one byte every 100 ms
            out.write(new byte[] {0x16, 0x03, 0x03, 0x40, 0x00});
            for (int i = 0; i < 200; i++) {
                out.write(0x02);
                out.flush();
                Thread.sleep(100);
            }
        });
        InetSocketAddress hangUp = plainServer((in, out) -> {
        });
        for (InetSocketAddress at : List.of(silent, drip, hangUp)) {
            long start = System.nanoTime();
            TlsInspection result = new TlsInspector(TIMEOUT, true).inspect(at, Optional.empty());
            long millis = (System.nanoTime() - start) / 1_000_000L;
            assertThat(result).as("service at port %d", at.getPort()).isInstanceOf(TlsInspection.NotTls.class);
            assertThat(millis).as("inspection of port %d", at.getPort()).isLessThan(TIMEOUT.toMillis() + 1000);
        }
    }
}
