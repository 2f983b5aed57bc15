package dev.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code portolan scan -sU} on loopback: the table, --reason, and every report format with UDP ports. */
class UdpScanTest {
    @TempDir
    Path dir;

    private DatagramChannel echo;
    private int open;
    private int closed;
    private Thread answerer;

    @BeforeEach
    void startEcho() throws Exception {
        echo = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        open = ((InetSocketAddress) echo.getLocalAddress()).getPort();
        try (DatagramChannel gone = DatagramChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            closed = ((InetSocketAddress) gone.getLocalAddress()).getPort();
        }
        answerer = Thread.ofVirtual().start(() -> {
            ByteBuffer buf = ByteBuffer.allocate(2048);
            try {
                while (true) {
                    buf.clear();
                    SocketAddress from = echo.receive(buf);
                    buf.flip();
                    echo.send(buf, from);
                }
            } catch (java.io.IOException e) {
                // closed
            }
        });
    }

    @AfterEach
    void stopEcho() throws Exception {
        echo.close();
        answerer.join(2000);
    }

    @Test
    void tableWithReasons() {
        Cli.Result r = Cli.run("scan", "-sU", "-n", "--reason", "-p", open + "," + closed, "127.0.0.1");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).containsPattern(open + "/udp +open +\\S* +udp-response")
                .containsPattern(closed + "/udp +closed +\\S* +port-unreach")
                .containsPattern("Host is up, received udp-response ttl \\d+ \\([0-9.]+s latency\\)\\.");
    }

    @Test
    void everyFormatCarriesUdpPorts() {
        Path xml = dir.resolve("s.xml");
        Path grep = dir.resolve("s.gnmap");
        Path json = dir.resolve("s.json");
        Cli.Result r = Cli.run("scan", "-sU", "-n", "-p", open + "," + closed, "-oX", xml.toString(), "-oG",
                grep.toString(), "-oJ", json.toString(), "127.0.0.1");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
        String x = Cli.read(xml);
        assertThat(x).contains("<scaninfo type=\"udp\" protocol=\"udp\" numservices=\"2\"")
                .contains("<port protocol=\"udp\" portid=\"" + open
                        + "\"><state state=\"open\" reason=\"udp-response\"")
                .contains("<port protocol=\"udp\" portid=\"" + closed
                        + "\"><state state=\"closed\" reason=\"port-unreach\"");
        assertThat(Cli.read(grep)).contains(open + "/open/udp//").contains(closed + "/closed/udp//");
        assertThat(Cli.read(json).replaceAll("\\s", "")).contains("\"protocol\":\"udp\"")
                .contains("\"reason\":\"udp-response\"");
    }

    @Test
    void tcpAndUdpInOneRunReportTheHostOnce() throws Exception {
        int tcpClosed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            tcpClosed = s.getLocalPort();
        }
        Path xml = dir.resolve("both.xml");
        Cli.Result r = Cli.run("scan", "-sT", "-sU", "-n", "-p", "T:" + tcpClosed + ",U:" + open, "-oX",
                xml.toString(), "127.0.0.1");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).containsOnlyOnce("Portolan scan report for").contains(tcpClosed + "/tcp")
                .contains(open + "/udp");
        String x = Cli.read(xml);
        assertThat(x.indexOf("<scaninfo type=\"connect\"")).isLessThan(x.indexOf("<scaninfo type=\"udp\""));
        assertThat(x.split("<host ", -1)).hasSize(2);
    }
}
