package dev.portolan.lab.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portolan.target.Protocol;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class ListeningSocketsTest {
    static final String TCP = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0
               1: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2 1 0 100 0 0 10 0
               2: 0100007F:1F90 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 3 1 0 100 0 0 10 0
               3: 0100007F:A3C2 0100007F:0050 06 00000000:00000000 00:00000000 00000000     0        0 0 3 0 0 0 0 0 0
            """;
    static final String UDP6 = """
              sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
              1: 00000000000000000000000000000000:0035 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 1 2 0 0
              2: 00000000000000000000000001000000:A1B2 00000000000000000000000001000000:0035 01 00000000:00000000 00:00000000 00000000     0        0 2 2 0 0
            """;

    @Test
    void listeningTcpPortsOnlyNotConnectionsOrTimeWait() {
        assertThat(ListeningSockets.parse(TCP, Protocol.TCP)).containsExactlyInAnyOrder(22, 8080);
    }

    @Test
    void boundUdpSocketsOnlyNotConnectedOnes() {
        assertThat(ListeningSockets.parse(UDP6, Protocol.UDP)).containsExactly(53);
    }

    @Test
    void readsTheLiveSocketsOfAProcess() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            assertThat(ListeningSockets.of(ProcessHandle.current().pid(), Protocol.TCP)).contains(s.getLocalPort());
        }
    }
}
