package dev.portolan.service.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portolan.result.ServiceDetails;
import dev.portolan.service.probe.ServiceCatalog;
import dev.portolan.service.probe.VersionIntensity;
import dev.portolan.service.tls.CertificateInfo;
import dev.portolan.service.tls.TestKeys;
import dev.portolan.service.tls.TlsSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Version detection of services on loopback written for the test: a banner service, an HTTP server, HTTP inside TLS,
 * and hostile ones (closes at once, silent, drips, floods). Portolan's own signatures only, so the answers do not
 * depend on whether nmap is installed.
 */
class PortProberTest {
    static final VersionOptions FAST = new VersionOptions(VersionIntensity.DEFAULT, false, Duration.ofMillis(300),
            Duration.ofSeconds(4), 8, true);
    static final String NGINX_PAGE = "HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nContent-Type: text/html\r\n"
            + "Connection: close\r\n\r\n<html><head><title>Lab page</title></head></html>";

    @TempDir
    static Path dir;
    static KeyStore keys;

    private final List<AutoCloseable> servers = new CopyOnWriteArrayList<>();
    private final PortProber prober = prober(FAST);

    static PortProber prober(VersionOptions options) {
        ServiceCatalog catalog = ServiceCatalog.load(List.of(), false, null);
        return new PortProber(catalog.selector(), catalog.matcher(), options, () -> false);
    }

    @BeforeAll
    static void makeKeys() throws Exception {
        keys = TestKeys.labKeyStore(dir);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable s : servers) {
            s.close();
        }
    }

    @FunctionalInterface
    interface Behaviour {
        void serve(InputStream in, OutputStream out) throws IOException, InterruptedException;
    }

    private InetSocketAddress serve(ServerSocket server, Behaviour behaviour) {
        servers.add(server);
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread.ofVirtual().start(() -> {
                        try (s) {
                            behaviour.serve(s.getInputStream(), s.getOutputStream());
                        } catch (IOException | InterruptedException e) {
                            // the prober went away: fine
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    private InetSocketAddress plain(Behaviour behaviour) throws IOException {
        return serve(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), behaviour);
    }

    /** Answers any request (whatever arrives first) with the nginx page. */
    static void http(InputStream in, OutputStream out) throws IOException {
        byte[] request = new byte[4096];
        if (in.read(request) > 0) {
            out.write(NGINX_PAGE.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    private ServiceDetails probe(InetSocketAddress at, String table) {
        return prober.probe(at, Optional.of("lab.example"), 100, Optional.ofNullable(table));
    }

    @Test
    void aBannerNamesTheServiceProductAndVersion() throws Exception {
        InetSocketAddress ssh = plain((in, out) -> {
            out.write("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            in.read();
        });
        ServiceDetails d = probe(ssh, "ssh");
        assertThat(d.name()).isEqualTo("ssh");
        assertThat(d.product()).isEqualTo("OpenSSH");
        assertThat(d.version()).isEqualTo("9.2p1");
        assertThat(d.method()).isEqualTo(ServiceDetails.Method.PROBED);
        assertThat(d.confidence()).isEqualTo(10);
        assertThat(d.cpes()).contains("cpe:/a:openbsd:openssh:9.2p1");
        assertThat(d.overTls()).isFalse();
    }

    @Test
    void aSilentHttpServerIsAskedAndNamed() throws Exception {
        ServiceDetails d = probe(plain(PortProberTest::http), "http-alt");
        assertThat(d.name()).isEqualTo("http");
        assertThat(d.product()).isEqualTo("nginx");
        assertThat(d.version()).isEqualTo("1.22.1");
        assertThat(d.overTls()).isFalse();
    }

    @Test
    void httpInsideTlsIsFoundWithItsCertificate() throws Exception {
        SSLServerSocket server = TestKeys.server(keys, "TLSv1.3", "TLSv1.2");
        InetSocketAddress https = serve(server, PortProberTest::http);
        // a cold JVM's first RSA handshakes on a loaded machine can take most of a second: wait as the default does
        PortProber patient = prober(new VersionOptions(VersionIntensity.DEFAULT, false, Duration.ofMillis(750),
                Duration.ofSeconds(20), 8, true));
        ServiceDetails d = patient.probe(https, Optional.of("lab.example"), 100, Optional.of("https"));
        assertThat(d.name()).isEqualTo("http");
        assertThat(d.product()).isEqualTo("nginx");
        assertThat(d.version()).isEqualTo("1.22.1");
        assertThat(d.overTls()).isTrue();
        CertificateInfo leaf = d.tls().orElseThrow().session().flatMap(TlsSession::leaf).orElseThrow();
        assertThat(leaf.commonName()).contains("lab.example");
        assertThat(d.tls().get().versions()).hasSize(2);
    }

    @Test
    void aServiceThatClosesAtOnceIsTcpwrapped() throws Exception {
        ServiceDetails d = probe(plain((in, out) -> {
        }), "telnet");
        assertThat(d.name()).isEqualTo("tcpwrapped");
        assertThat(d.confidence()).isEqualTo(8);
    }

    /** Silence, a drip and a flood each cost at most the port's budget, and an unknown banner is shown, bounded. */
    @Test
    void hostileServicesStayWithinTheBudget() throws Exception {
        InetSocketAddress silent = plain((in, out) -> Thread.sleep(30_000));
        InetSocketAddress drip = plain((in, out) -> {
            for (int i = 0; i < 300; i++) {
                out.write('x');
                out.flush();
                Thread.sleep(100);
            }
        });
        InetSocketAddress flood = plain((in, out) -> {
            byte[] junk = "ZQ".repeat(8192).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 2000; i++) {
                out.write(junk);
            }
        });
        long budget = FAST.portBudget().toMillis();
        for (InetSocketAddress at : List.of(silent, drip, flood)) {
            long start = System.nanoTime();
            ServiceDetails d = probe(at, null);
            long millis = (System.nanoTime() - start) / 1_000_000L;
            assertThat(millis).as("port %d", at.getPort()).isLessThan(budget + 2_000);
            assertThat(d.method()).as("port %d", at.getPort()).isEqualTo(ServiceDetails.Method.TABLE);
            assertThat(d.banner().length()).isLessThanOrEqualTo(Banner.MAX_CHARS);
        }
        assertThat(probe(flood, null).banner()).startsWith("ZQZQ");
    }
}
