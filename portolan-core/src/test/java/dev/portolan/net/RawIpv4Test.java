package dev.portolan.net;

import static dev.portolan.net.TestPackets.TCP_ACK;
import static dev.portolan.net.TestPackets.TCP_RST;
import static dev.portolan.net.TestPackets.TCP_SYN;
import static dev.portolan.net.TestPackets.u16;
import static dev.portolan.net.TestPackets.u32;
import static dev.portolan.net.TestPackets.u8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Raw IPv4 sockets against the loopback kernel: a SYN answered by SYN-ACK or RST, an ICMP echo answered. */
class RawIpv4Test {
    private static final byte[] LO = {127, 0, 0, 1};

    private final Libc libc = Libc.open();
    private final byte[] buffer = new byte[65536];

    @BeforeAll
    static void needsRawRights() {
        RawRights.assume();
    }

    @AfterEach
    void closeLibc() {
        libc.close();
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByAddress(LO))) {
            return s.getLocalPort();
        }
    }

    /** Sends a hand-built SYN to 127.0.0.1:port and returns the first reply that the filter lets through. */
    private byte[] synAndReply(int port, int sourcePort, int seq) throws IOException {
        try (RawSocket sender = RawSocket.ipv4Sender(libc);
                RawSocket receiver = RawSocket.ipv4(libc, Libc.IPPROTO_TCP)) {
            receiver.attach(BpfFilters.ipv4TcpRepliesToPorts(BpfFilters.Framing.IP, sourcePort, sourcePort));
            receiver.drain();
            byte[] syn = TestPackets.ipv4(LO, LO, Libc.IPPROTO_TCP,
                    TestPackets.tcp(LO, LO, sourcePort, port, seq, TCP_SYN));
            Sockaddr to = Sockaddr.allocate(libc.arena()).set(InetAddress.getByAddress(LO), 0);
            assertThat(sender.send(syn, 0, syn.length, to)).isEqualTo(syn.length);
            assertThat(receiver.awaitReadable(5000)).as("a reply within 5 s").isPositive();
            Sockaddr from = Sockaddr.allocate(libc.arena());
            int n = receiver.receive(buffer, from);
            assertThat(n).isGreaterThanOrEqualTo(40);
            assertThat(from.toSocketAddress().getAddress()).isEqualTo(InetAddress.getByAddress(LO));
            return Arrays.copyOf(buffer, n);
        }
    }

    @Test
    void synToAListeningPortIsAnsweredBySynAck() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByAddress(LO))) {
            int sourcePort = unusedPort();
            int seq = ThreadLocalRandom.current().nextInt();
            byte[] reply = synAndReply(server.getLocalPort(), sourcePort, seq);
            int tcp = TestPackets.ipv4HeaderLength(reply);
            assertThat(u8(reply, 9)).as("protocol").isEqualTo(Libc.IPPROTO_TCP);
            assertThat(u16(reply, tcp)).as("source port").isEqualTo(server.getLocalPort());
            assertThat(u16(reply, tcp + 2)).as("destination port").isEqualTo(sourcePort);
            assertThat(u8(reply, tcp + 13)).as("flags").isEqualTo(TCP_SYN | TCP_ACK);
            assertThat(u32(reply, tcp + 8)).as("ack").isEqualTo((seq + 1) & 0xFFFF_FFFFL);
        }
    }

    @Test
    void synToAClosedPortIsAnsweredByRst() throws IOException {
        int closed = unusedPort();
        int sourcePort = unusedPort();
        int seq = ThreadLocalRandom.current().nextInt();
        byte[] reply = synAndReply(closed, sourcePort, seq);
        int tcp = TestPackets.ipv4HeaderLength(reply);
        assertThat(u16(reply, tcp)).isEqualTo(closed);
        assertThat(u16(reply, tcp + 2)).isEqualTo(sourcePort);
        assertThat(u8(reply, tcp + 13)).as("flags").isEqualTo(TCP_RST | TCP_ACK);
        assertThat(u32(reply, tcp + 8)).as("ack").isEqualTo((seq + 1) & 0xFFFF_FFFFL);
    }

    @Test
    void icmpEchoIsAnswered() throws IOException {
        int id = ThreadLocalRandom.current().nextInt(1, 0x10000);
        byte[] data = "portolan echo".getBytes();
        try (RawSocket icmp = RawSocket.ipv4(libc, Libc.IPPROTO_ICMP)) {
            icmp.attach(BpfFilters.ipv4Protocol(BpfFilters.Framing.IP, Libc.IPPROTO_ICMP));
            icmp.drain();
            byte[] request = TestPackets.echo(8, id, 7, data, true);
            Sockaddr to = Sockaddr.allocate(libc.arena()).set(InetAddress.getByAddress(LO), 0);
            assertThat(icmp.send(request, 0, request.length, to)).isEqualTo(request.length);
            // the socket also sees the request itself come in: look for the reply among the first few packets
            for (int i = 0; i < 8; i++) {
                assertThat(icmp.awaitReadable(5000)).as("a packet within 5 s").isPositive();
                int n = icmp.receive(buffer, null);
                int at = TestPackets.ipv4HeaderLength(buffer);
                if (u8(buffer, at) == 0 && u16(buffer, at + 4) == id) {
                    assertThat(u16(buffer, at + 6)).as("sequence").isEqualTo(7);
                    assertThat(Arrays.copyOfRange(buffer, at + 8, n)).isEqualTo(data);
                    assertThat(TestPackets.checksum(buffer, at, n - at, 0)).as("reply checksum").isZero();
                    return;
                }
            }
            throw new AssertionError("no echo reply with id " + id);
        }
    }

    @Test
    void socketsSayWhatTheyAre() throws IOException {
        try (RawSocket udp = RawSocket.ipv4(libc, Libc.IPPROTO_UDP)) {
            assertThat(udp.family()).isEqualTo(Sockaddr.AF_INET);
            assertThat(udp.protocol()).isEqualTo(Libc.IPPROTO_UDP);
            assertThat(udp.toString()).startsWith("RawSocket(AF_INET, IPPROTO_UDP, fd ");
            assertThat(udp.receive(buffer, null)).as("nothing queued").isEqualTo(-Errno.EAGAIN);
            assertThat(udp.awaitReadable(0)).isZero();
        }
    }

    @Test
    void closedSocketsAreClosedOnce() throws IOException {
        RawSocket s = RawSocket.ipv4(libc, Libc.IPPROTO_TCP);
        int fd = s.fd();
        s.close();
        s.close();
        assertThat(libc.close(fd)).isEqualTo(-Errno.EBADF);
    }

    @Test
    void refusedFilterSaysSo() throws IOException {
        try (RawSocket s = RawSocket.ipv4(libc, Libc.IPPROTO_TCP)) {
            // a load beyond the scratch memory: valid to BpfProgram, refused by the kernel's checker
            BpfProgram bad = BpfProgram.of(BpfInstruction.statement(BpfInstruction.LD | BpfInstruction.MEM, 16),
                    BpfInstruction.statement(BpfInstruction.RET | BpfInstruction.A, 0));
            assertThatThrownBy(() -> s.attach(bad))
                    .isInstanceOf(ErrnoException.class)
                    .hasMessage("setsockopt(SO_ATTACH_FILTER): Invalid argument");
            s.detachFilter();
        }
    }

    @Test
    void thePrebuiltFiltersPassTheKernelsChecker() throws IOException {
        List<BpfProgram> ip = List.of(BpfFilters.acceptAll(), BpfFilters.rejectAll(),
                BpfFilters.ipv4Protocol(BpfFilters.Framing.IP, Libc.IPPROTO_TCP),
                BpfFilters.ipv4ToPorts(BpfFilters.Framing.IP, Libc.IPPROTO_UDP, 1, 2),
                BpfFilters.ipv4TcpSynAckOrRst(BpfFilters.Framing.IP),
                BpfFilters.ipv4TcpRepliesToPorts(BpfFilters.Framing.IP, 1000, 2000));
        List<BpfProgram> link = List.of(BpfFilters.etherType(PacketSocket.ETH_P_ARP),
                BpfFilters.ipv4TcpRepliesToPorts(BpfFilters.Framing.ETHERNET, 1000, 2000),
                BpfFilters.ipv4ToPorts(BpfFilters.Framing.ETHERNET, Libc.IPPROTO_TCP, 1, 65535));
        List<BpfProgram> v6 = List.of(BpfFilters.ipv6TcpRepliesToPorts(1, 2), BpfFilters.icmpv6Type(1));
        try (RawSocket v4 = RawSocket.ipv4(libc, Libc.IPPROTO_TCP);
                RawSocket v6Socket = RawSocket.ipv6(libc, Libc.IPPROTO_TCP);
                PacketSocket packet = PacketSocket.open(libc, 1, PacketSocket.ETH_P_IP)) {
            for (BpfProgram p : ip) {
                v4.attach(p);
            }
            for (BpfProgram p : link) {
                packet.attach(p);
            }
            for (BpfProgram p : v6) {
                v6Socket.attach(p);
            }
        }
    }
}
