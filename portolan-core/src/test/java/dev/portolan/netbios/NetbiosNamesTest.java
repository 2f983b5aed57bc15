package dev.portolan.netbios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portolan.result.NetbiosInfo;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Lookups against a responder on loopback that answers with hand-written bytes. */
class NetbiosNamesTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** Answers each query once with WS01 / WORKGROUP / ALICE, after dropping the first {@code drop} queries. */
    private static Thread responder(DatagramSocket socket, int drop, AtomicInteger seen) {
        return Thread.ofVirtual().start(() -> {
            byte[] buf = new byte[600];
            try {
                while (true) {
                    DatagramPacket in = new DatagramPacket(buf, buf.length);
                    socket.receive(in);
                    if (seen.incrementAndGet() <= drop) {
                        continue;
                    }
                    String id = HexFormat.of().formatHex(buf, 0, 2);
                    String hex = id + "84000000000100000000" + "c00c" + "00210001" + "00000000" + "003d" + "03"
                            + ascii("WS01", 0x00, "0400") + ascii("WORKGROUP", 0x00, "8400")
                            + ascii("ALICE", 0x03, "0400") + "0a0000000001";
                    byte[] out = HexFormat.of().parseHex(hex);
                    socket.send(new DatagramPacket(out, out.length, in.getSocketAddress()));
                }
            } catch (java.io.IOException closed) {
                // the test is over
            }
        });
    }

    private static String ascii(String name, int suffix, String flags) {
        byte[] b = (name + " ".repeat(15 - name.length())).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return HexFormat.of().formatHex(b) + String.format("%02x", suffix) + flags;
    }

    @Test
    void aHostThatAnswersGivesItsNamesWorkgroupUserAndMac() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
             NetbiosNames names = new NetbiosNames(1000, socket.getLocalPort())) {
            responder(socket, 0, new AtomicInteger());
            Optional<NetbiosInfo> info = names.lookup(LOOPBACK).get();
            assertThat(info).isPresent();
            assertThat(info.get().name()).isEqualTo("WS01");
            assertThat(info.get().workgroup()).contains("WORKGROUP");
            assertThat(info.get().user()).contains("ALICE");
            assertThat(info.get().mac()).contains("0A:00:00:00:00:01");
            assertThat(info.get().names()).containsExactly("WS01<00>", "WORKGROUP<00> group", "ALICE<03>");
            assertThat(info.get().summary()).isEqualTo("NetBIOS name: WS01, NetBIOS user: ALICE, NetBIOS MAC: "
                    + "0A:00:00:00:00:01, workgroup: WORKGROUP");
        }
    }

    @Test
    void aLostQueryIsSentAgainWithinTheTimeout() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
             NetbiosNames names = new NetbiosNames(1000, socket.getLocalPort())) {
            responder(socket, 1, seen);
            assertThat(names.lookup(LOOPBACK).get()).map(NetbiosInfo::name).contains("WS01");
            assertThat(seen.get()).isEqualTo(2);
        }
    }

    @Test
    void noServiceEndsAtOnceAndSilenceAtTheTimeout() throws Exception {
        int closedPort;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            closedPort = probe.getLocalPort();
        }
        try (NetbiosNames names = new NetbiosNames(2000, closedPort)) {
            long start = System.nanoTime();
            assertThat(names.lookup(LOOPBACK).get()).isEmpty();
            // loopback answers the closed port with ICMP port unreachable: no waiting for the timeout
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1500);
        }
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
             NetbiosNames names = new NetbiosNames(300, silent.getLocalPort())) {
            long start = System.nanoTime();
            assertThat(names.lookup(LOOPBACK).get()).isEmpty();
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(250L, 1500L);
        }
    }

    @Test
    void garbageAndIpv6GiveNothing() throws Exception {
        assertThat(NetbiosNames.parse(ByteBuffer.wrap(new byte[] {1, 2, 3}), 0x0102)).isEmpty();
        try (NetbiosNames names = new NetbiosNames(300)) {
            assertThat(names.lookup(InetAddress.getByName("::1")).get()).isEmpty();
        }
    }
}
