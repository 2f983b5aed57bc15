package dev.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code portolan scan -sV} on loopback services started by the test: names, products and versions in the reports. */
class VersionScanTest {
    private ServerSocket ssh;
    private ServerSocket http;

    private static ServerSocket serve(String greeting, String reply) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread.ofVirtual().start(() -> {
                        try (s) {
                            s.getOutputStream().write(greeting.getBytes(StandardCharsets.US_ASCII));
                            s.getOutputStream().flush();
                            if (s.getInputStream().read(new byte[4096]) > 0) {
                                s.getOutputStream().write(reply.getBytes(StandardCharsets.US_ASCII));
                            }
                        } catch (IOException e) {
                            // the scanner went away
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
        return server;
    }

    @BeforeEach
    void start() throws IOException {
        ssh = serve("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n", "");
        http = serve("", "HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nConnection: close\r\n\r\n");
    }

    @AfterEach
    void stop() throws IOException {
        ssh.close();
        http.close();
    }

    /** A signature file of the user's names a service the built-in set does not know. */
    @Test
    void theUsersOwnSignaturesAreUsed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("acme.txt");
        java.nio.file.Files.writeString(file, """
                probe tcp NULL
                match acme-widget
                  pattern ^ACME-widget ([\\d.]+) ready\\r\\n
                  product ACME Widget
                  version $1
                """);
        try (ServerSocket acme = serve("ACME-widget 2.5 ready\r\n", "")) {
            Cli.Result r = Cli.run("scan", "-sT", "-sV", "--no-nmap-probes", "--service-probes", file.toString(), "-n",
                    "-Pn", "-p", Integer.toString(acme.getLocalPort()), "127.0.0.1");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("acme-widget").contains("ACME Widget 2.5");
            Cli.Result without = Cli.run("scan", "-sT", "-sV", "--no-nmap-probes", "-n", "-Pn", "-p",
                    Integer.toString(acme.getLocalPort()), "127.0.0.1");
            assertThat(without.out()).doesNotContain("ACME Widget");
        }
    }

    @Test
    void versionsReachTheTextAndJsonReports() throws Exception {
        String ports = ssh.getLocalPort() + "," + http.getLocalPort();
        Cli.Result r = Cli.run("scan", "-sT", "-sV", "--no-nmap-probes", "-n", "-Pn", "-p", ports, "127.0.0.1",
                "-oJ", "-");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode list = new ObjectMapper().readTree(r.out()).get("hosts").get(0).get("ports");
        JsonNode first = list.get(0).get("port").asInt() == ssh.getLocalPort() ? list.get(0) : list.get(1);
        JsonNode second = first == list.get(0) ? list.get(1) : list.get(0);
        assertThat(first.get("service_info").get("product").asText()).isEqualTo("OpenSSH");
        assertThat(first.get("service_info").get("version").asText()).isEqualTo("9.2p1");
        assertThat(second.get("service_info").get("name").asText()).isEqualTo("http");
        assertThat(second.get("service_info").get("product").asText()).isEqualTo("nginx");
        assertThat(second.get("service_info").get("version").asText()).isEqualTo("1.22.1");

        Cli.Result text = Cli.run("scan", "-sT", "-sV", "--no-nmap-probes", "-n", "-Pn", "-p", ports, "127.0.0.1");
        assertThat(text.out()).contains("VERSION").contains("OpenSSH 9.2p1").contains("nginx 1.22.1");
    }
}
