package dev.portolan.net;

import static dev.portolan.net.TestPackets.u16;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.BitSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** sendmmsg and recvmmsg through raw IPv4 sockets on loopback. */
class PacketBatchTest {
    private static final byte[] LO = {127, 0, 0, 1};
    private static final int PACKETS = 64;

    private final Libc libc = Libc.open();

    @BeforeAll
    static void needsRawRights() {
        RawRights.assume();
    }

    @AfterEach
    void closeLibc() {
        libc.close();
    }

    /** A raw UDP receiver of what goes to {@code sink}'s port, with each packet's TTL, empty to begin with. */
    private RawSocket receiverFor(DatagramSocket sink) throws ErrnoException {
        RawSocket receiver = RawSocket.ipv4(libc, Libc.IPPROTO_UDP);
        int port = sink.getLocalPort();
        receiver.attach(BpfFilters.ipv4ToPorts(BpfFilters.Framing.IP, Libc.IPPROTO_UDP, port, port));
        receiver.setReceiveHopLimit(true);
        receiver.drain();
        return receiver;
    }

    /** Sends slots 0 to PACKETS - 1 of {@code out}, in as many sendmmsg calls as the socket takes. */
    private static void sendAll(RawSocket sender, PacketBatch out) {
        int sent = 0;
        while (sent < PACKETS) {
            int r = sender.send(out, sent, PACKETS - sent);
            assertThat(r).as("sendmmsg").isPositive();
            sent += r;
        }
    }

    @Test
    void aBatchOf64SentIsReceivedWhole() throws IOException {
        InetAddress lo = InetAddress.getByAddress(LO);
        // a bound UDP socket, so the kernel takes the datagrams without answering port-unreachable
        try (DatagramSocket sink = new DatagramSocket(new InetSocketAddress(lo, 0));
                RawSocket sender = RawSocket.ipv4Sender(libc);
                RawSocket receiver = receiverFor(sink)) {
            int port = sink.getLocalPort();
            PacketBatch out = PacketBatch.allocate(libc.arena(), PACKETS, 128);
            Sockaddr to = Sockaddr.allocate(libc.arena()).set(lo, 0);
            for (int i = 0; i < PACKETS; i++) {
                byte[] data = {(byte) 'p', (byte) i};
                out.put(i, TestPackets.ipv4(LO, LO, Libc.IPPROTO_UDP, TestPackets.udp(LO, LO, 40000 + i, port, data)),
                        0, 30);
                out.setAddress(i, to);
            }
            sendAll(sender, out);

            PacketBatch in = PacketBatch.allocate(libc.arena(), PACKETS, 2048, 64);
            BitSet seen = new BitSet();
            int received = 0;
            while (received < PACKETS) {
                assertThat(receiver.awaitReadable(5000)).as("more packets within 5 s").isPositive();
                int r = receiver.receive(in, PACKETS);
                assertThat(r).as("recvmmsg").isPositive();
                for (int i = 0; i < r; i++) {
                    byte[] packet = new byte[in.length(i)];
                    in.copy(i, packet);
                    assertThat(packet).hasSize(30);
                    assertThat(in.truncated(i)).isFalse();
                    assertThat(in.hopLimit(i)).as("the TTL written in the header").isEqualTo(64);
                    assertThat(in.address(i).toSocketAddress().getAddress()).isEqualTo(lo);
                    int index = packet[29];
                    assertThat(u16(packet, 20)).as("source port").isEqualTo(40000 + index);
                    assertThat(seen.get(index)).as("packet %d twice", index).isFalse();
                    seen.set(index);
                }
                received += r;
            }
            assertThat(seen.cardinality()).isEqualTo(PACKETS);
            assertThat(receiver.receive(in, PACKETS)).as("nothing more").isEqualTo(-Errno.EAGAIN);
        }
    }

    @Test
    void aBatchSentFromReceivesWholePacketsAgain() throws IOException {
        InetAddress lo = InetAddress.getByAddress(LO);
        try (DatagramSocket sink = new DatagramSocket(new InetSocketAddress(lo, 0));
                RawSocket sender = RawSocket.ipv4Sender(libc);
                RawSocket receiver = receiverFor(sink)) {
            int port = sink.getLocalPort();
            Sockaddr to = Sockaddr.allocate(libc.arena()).set(lo, 0);
            PacketBatch both = PacketBatch.allocate(libc.arena(), 8, 512, 64);
            PacketBatch big = PacketBatch.allocate(libc.arena(), 8, 512);
            for (int i = 0; i < 5; i++) {
                big.put(i, TestPackets.ipv4(LO, LO, Libc.IPPROTO_UDP,
                        TestPackets.udp(LO, LO, 42000 + i, port, new byte[400])), 0, 428);
                big.setAddress(i, to);
            }
            // one long packet received: slot 0 is the one the kernel rewrote
            assertThat(sender.send(big, 0, 1)).isEqualTo(1);
            assertThat(receiver.awaitReadable(5000)).isPositive();
            assertThat(receiver.receive(both, 8)).isEqualTo(1);
            assertThat(both.length(0)).isEqualTo(428);
            // three short ones sent from the batch shrink slots 0-2 for sending
            for (int i = 0; i < 3; i++) {
                both.put(i, TestPackets.ipv4(LO, LO, Libc.IPPROTO_UDP,
                        TestPackets.udp(LO, LO, 41000 + i, port, new byte[] {(byte) i})), 0, 29);
                both.setAddress(i, to);
            }
            assertThat(sender.send(both, 0, 3)).isEqualTo(3);
            assertThat(sender.send(big, 0, 5)).isEqualTo(5);
            // every slot takes a whole packet again, with its ancillary data
            int shortOnes = 0;
            int longOnes = 0;
            while (shortOnes + longOnes < 8) {
                assertThat(receiver.awaitReadable(5000)).as("more packets within 5 s").isPositive();
                int r = receiver.receive(both, 8);
                assertThat(r).as("recvmmsg").isPositive();
                for (int i = 0; i < r; i++) {
                    assertThat(both.truncated(i)).as("slot %d cut", i).isFalse();
                    assertThat(both.hopLimit(i)).as("slot %d's TTL", i).isEqualTo(64);
                    assertThat(both.length(i)).as("slot %d's length", i).isIn(29, 428);
                    if (both.length(i) == 29) {
                        shortOnes++;
                    } else {
                        longOnes++;
                    }
                }
            }
            assertThat(shortOnes).isEqualTo(3);
            assertThat(longOnes).isEqualTo(5);
        }
    }

    @Test
    void slotsAddressedByIpv4BitsAndResentWithOtherLengthsArriveWhole() throws IOException {
        InetAddress lo = InetAddress.getByAddress(LO);
        try (DatagramSocket sink = new DatagramSocket(new InetSocketAddress(lo, 0));
                RawSocket sender = RawSocket.ipv4Sender(libc);
                RawSocket receiver = receiverFor(sink)) {
            int port = sink.getLocalPort();
            PacketBatch out = PacketBatch.allocate(libc.arena(), PACKETS, 128);
            // IPv4 replies name their sender in their header: this batch asks the kernel for no address
            PacketBatch in = PacketBatch.withoutAddresses(libc.arena(), PACKETS, 256);
            // the same slots twice, the second time each packet longer: a slot's length must follow what it holds
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < PACKETS; i++) {
                    byte[] data = new byte[2 + round * (i % 7)];
                    data[0] = (byte) round;
                    data[1] = (byte) i;
                    byte[] packet = TestPackets.ipv4(LO, LO, Libc.IPPROTO_UDP,
                            TestPackets.udp(LO, LO, 40000 + i, port, data));
                    out.put(i, packet, 0, packet.length);
                    out.setIpv4(i, 0x7f000001, 0);
                }
                sendAll(sender, out);
                BitSet seen = new BitSet();
                while (seen.cardinality() < PACKETS) {
                    assertThat(receiver.awaitReadable(5000)).as("more packets within 5 s").isPositive();
                    int r = receiver.receive(in, PACKETS);
                    assertThat(r).as("recvmmsg").isPositive();
                    for (int k = 0; k < r; k++) {
                        byte[] packet = new byte[in.length(k)];
                        assertThat(in.copy(k, packet)).isEqualTo(packet.length);
                        int index = packet[29];
                        assertThat(packet[28]).as("round").isEqualTo((byte) round);
                        assertThat(packet).as("packet %d of round %d", index, round)
                                .hasSize(30 + round * (index % 7));
                        assertThat(u16(packet, 20)).as("source port").isEqualTo(40000 + index);
                        assertThat(seen.get(index)).as("packet %d twice", index).isFalse();
                        seen.set(index);
                    }
                }
            }
            assertThat(receiver.receive(in, PACKETS)).as("nothing more").isEqualTo(-Errno.EAGAIN);
            assertThatThrownBy(() -> in.address(0)).hasMessage("this batch keeps no addresses");
            assertThatThrownBy(() -> in.setIpv4(0, 1, 0)).hasMessage("this batch keeps no addresses");
            PacketBatch unfilled = PacketBatch.allocate(libc.arena(), 2, 64);
            assertThatThrownBy(() -> sender.send(unfilled, 0, 1)).hasMessage("slot 0 holds no packet to send");
        }
    }

    @Test
    void slotsAreChecked() {
        try (Arena arena = Arena.ofConfined()) {
            assertThatThrownBy(() -> PacketBatch.allocate(arena, 0, 100))
                    .hasMessage("a batch has 1..1024 slots, got 0");
            assertThatThrownBy(() -> PacketBatch.allocate(arena, 4, 100, 12))
                    .hasMessage("ancillary room 12 is not a multiple of 8");
            PacketBatch b = PacketBatch.allocate(arena, 2, 100);
            assertThatThrownBy(() -> b.setLength(0, 101)).hasMessage("packet of 101 bytes in a slot of 100");
            assertThat(b.hopLimit(0)).isEqualTo(-1);
            b.put(1, new byte[] {1, 2, 3, 4}, 1, 2);
            byte[] back = new byte[5];
            assertThat(b.copy(1, back)).isEqualTo(2);
            assertThat(back).containsExactly(2, 3, 0, 0, 0);
            assertThatThrownBy(() -> b.setIpv4(0, 1, 65536)).hasMessage("port 65536 is outside 0..65535");
        }
    }
}
