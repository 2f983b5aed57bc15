package dev.portolan.service.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;

/** A self-signed RSA certificate for lab.example made by this JDK's keytool, and TLS servers that present it. */
public final class TestKeys {
    public static final char[] PASSWORD = "portolan-test".toCharArray();

    private TestKeys() {
    }

    /** A PKCS#12 store in {@code dir}: CN=lab.example, SANs lab.example, www.lab.example, 127.0.0.1, 30 days. */
    public static KeyStore labKeyStore(Path dir) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        assumeTrue(Files.isExecutable(keytool), "keytool absent from this JDK: TLS server tests skipped");
        Path store = dir.resolve("lab.p12");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "lab", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "30", "-dname", "CN=lab.example,O=Portolan Lab",
                "-ext", "SAN=dns:lab.example,dns:www.lab.example,ip:127.0.0.1", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", new String(PASSWORD)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        return keys;
    }

    /** An unbound-yet TLS server socket on loopback with {@code keys}, speaking {@code protocols}. */
    public static SSLServerSocket server(KeyStore keys, String... protocols) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        SSLParameters parameters = server.getSSLParameters();
        parameters.setProtocols(protocols);
        server.setSSLParameters(parameters);
        return server;
    }
}
