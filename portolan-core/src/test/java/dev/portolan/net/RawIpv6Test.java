package dev.portolan.net;

import static dev.portolan.net.TestPackets.u16;
import static dev.portolan.net.TestPackets.u8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A raw ICMPv6 echo to ::1, with BPF filters on IPv6 sockets and the hop limit as ancillary data. */
class RawIpv6Test {
    private final Libc libc = Libc.open();

    @BeforeAll
    static void needsRawRights() {
        RawRights.assume();
    }

    @AfterEach
    void closeLibc() {
        libc.close();
    }

    /** Waits for one packet on {@code socket} and receives it into slot 0 of {@code batch}. */
    private static void receiveOne(RawSocket socket, PacketBatch batch) {
        assertThat(socket.awaitReadable(5000)).as("a packet within 5 s").isPositive();
        assertThat(socket.receive(batch, 1)).isEqualTo(1);
    }

    /** In one read: sysctl files answer a second read with end-of-file, and Files.readString reads 1 byte first. */
    private static int loHopLimit() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("/proc/sys/net/ipv6/conf/lo/hop_limit"))) {
            return Integer.parseInt(new String(in.readNBytes(32), StandardCharsets.US_ASCII).trim());
        }
    }

    @Test
    void echoToLoopbackIsAnsweredAndHopLimitsAreSeen() throws IOException {
        InetAddress lo = InetAddress.getByName("::1");
        int id = ThreadLocalRandom.current().nextInt(1, 0x10000);
        byte[] data = "portolan v6".getBytes();
        int loHopLimit = loHopLimit();
        try (RawSocket sender = RawSocket.ipv6(libc, Libc.IPPROTO_ICMPV6);
                RawSocket requests = RawSocket.ipv6(libc, Libc.IPPROTO_ICMPV6);
                RawSocket replies = RawSocket.ipv6(libc, Libc.IPPROTO_ICMPV6)) {
            requests.attach(BpfFilters.icmpv6Type(128));
            replies.attach(BpfFilters.icmpv6Type(129));
            requests.setReceiveHopLimit(true);
            replies.setReceiveHopLimit(true);
            requests.drain();
            replies.drain();
            sender.setHopLimit(37);
            sender.attach(BpfFilters.rejectAll());

            // the kernel computes the ICMPv6 checksum: it is left zero here
            byte[] request = TestPackets.echo(128, id, 3, data, false);
            Sockaddr to = Sockaddr.allocate(libc.arena()).set(lo, 0);
            assertThat(sender.send(request, 0, request.length, to)).isEqualTo(request.length);

            PacketBatch batch = PacketBatch.allocate(libc.arena(), 1, 2048, 64);
            receiveOne(requests, batch);
            byte[] seenRequest = new byte[batch.length(0)];
            batch.copy(0, seenRequest);
            assertThat(u8(seenRequest, 0)).isEqualTo(128);
            assertThat(u16(seenRequest, 4)).isEqualTo(id);
            assertThat(u16(seenRequest, 2)).as("checksum filled in by the kernel").isNotZero();
            assertThat(batch.hopLimit(0)).as("the hop limit set on the sender").isEqualTo(37);

            receiveOne(replies, batch);
            byte[] reply = new byte[batch.length(0)];
            batch.copy(0, reply);
            assertThat(u8(reply, 0)).isEqualTo(129);
            assertThat(u16(reply, 4)).isEqualTo(id);
            assertThat(u16(reply, 6)).isEqualTo(3);
            assertThat(Arrays.copyOfRange(reply, 8, reply.length)).isEqualTo(data);
            assertThat(batch.hopLimit(0)).as("lo's default hop limit").isEqualTo(loHopLimit);
            assertThat(batch.address(0).toSocketAddress().getAddress()).isEqualTo(lo);
            assertThat(sender.receive(reply, null)).as("the sender's own filter drops all").isEqualTo(-Errno.EAGAIN);
        }
    }

    @Test
    void tcpSocketsTakeAChecksumOffset() throws IOException {
        try (RawSocket tcp = RawSocket.ipv6(libc, Libc.IPPROTO_TCP)) {
            tcp.setChecksumOffset(16);
            tcp.setChecksumOffset(-1);
            tcp.setHopLimit(255);
            tcp.setHeaderIncluded(true);
            tcp.setHeaderIncluded(false);
            assertThat(tcp.toString()).startsWith("RawSocket(AF_INET6, IPPROTO_TCP, fd ");
        }
    }
}
