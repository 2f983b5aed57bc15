package dev.portolan.net;

import static dev.portolan.net.TestPackets.TCP_ACK;
import static dev.portolan.net.TestPackets.TCP_FIN;
import static dev.portolan.net.TestPackets.TCP_RST;
import static dev.portolan.net.TestPackets.TCP_SYN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portolan.net.BpfFilters.Framing;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The prebuilt filters run by a BPF interpreter on hand-built packets: no socket, no root. */
class BpfFiltersTest {
    private static final byte[] A = {10, 0, 0, 1};
    private static final byte[] B = {10, 0, 0, 2};

    private static byte[] tcp(int destinationPort, int flags) {
        return TestPackets.ipv4(A, B, Libc.IPPROTO_TCP, TestPackets.tcp(A, B, 80, destinationPort, 1, flags));
    }

    private static byte[] ethernet(int etherType, byte[] payload) {
        return ByteBuffer.allocate(14 + payload.length).put(new byte[12]).putShort((short) etherType).put(payload)
                .array();
    }

    private static boolean accepts(BpfProgram p, byte[] packet) {
        return BpfMachine.run(p, packet) != 0;
    }

    @Test
    void tcpRepliesToAPortRangeAreSynAckOrRstToThosePorts() {
        BpfProgram p = BpfFilters.ipv4TcpRepliesToPorts(Framing.IP, 40000, 40009);
        assertThat(accepts(p, tcp(40000, TCP_SYN | TCP_ACK))).isTrue();
        assertThat(accepts(p, tcp(40009, TCP_RST | TCP_ACK))).isTrue();
        assertThat(accepts(p, tcp(40005, TCP_RST))).isTrue();
        assertThat(accepts(p, tcp(39999, TCP_SYN | TCP_ACK))).as("below the range").isFalse();
        assertThat(accepts(p, tcp(40010, TCP_RST))).as("above the range").isFalse();
        assertThat(accepts(p, tcp(40001, TCP_SYN))).as("a SYN alone").isFalse();
        assertThat(accepts(p, tcp(40001, TCP_ACK))).as("an ACK alone").isFalse();
        assertThat(accepts(p, tcp(40001, TCP_FIN | TCP_ACK))).isFalse();
        assertThat(BpfMachine.run(p, tcp(40000, TCP_SYN | TCP_ACK))).isEqualTo(BpfFilters.KEEP_ALL);
    }

    @Test
    void ipv4OptionsMoveTheTcpHeaderAndTheFilterFollows() {
        byte[] withOptions = TestPackets.ipv4(A, B, Libc.IPPROTO_TCP, 64, new byte[] {1, 1, 1, 1, 1, 1, 1, 0},
                TestPackets.tcp(A, B, 80, 40000, 1, TCP_SYN | TCP_ACK));
        assertThat(TestPackets.ipv4HeaderLength(withOptions)).isEqualTo(28);
        assertThat(accepts(BpfFilters.ipv4TcpRepliesToPorts(Framing.IP, 40000, 40000), withOptions)).isTrue();
        assertThat(accepts(BpfFilters.ipv4TcpRepliesToPorts(Framing.IP, 40001, 40001), withOptions)).isFalse();
    }

    @Test
    void laterFragmentsAndOtherProtocolsAreDropped() {
        byte[] fragment = tcp(40000, TCP_RST);
        fragment[7] = 8; // fragment offset 8 (64 bytes)
        BpfProgram p = BpfFilters.ipv4TcpRepliesToPorts(Framing.IP, 1, 65535);
        assertThat(accepts(p, fragment)).isFalse();
        byte[] udp = TestPackets.ipv4(A, B, Libc.IPPROTO_UDP, TestPackets.udp(A, B, 53, 40000, new byte[12]));
        assertThat(accepts(p, udp)).isFalse();
        assertThat(accepts(p, new byte[10])).as("too short to hold the fields").isFalse();
    }

    @Test
    void ethernetFramingChecksTheEthertypeAndSkipsTheLinkHeader() {
        BpfProgram p = BpfFilters.ipv4TcpRepliesToPorts(Framing.ETHERNET, 40000, 40000);
        assertThat(accepts(p, ethernet(0x0800, tcp(40000, TCP_SYN | TCP_ACK)))).isTrue();
        assertThat(accepts(p, ethernet(0x86DD, tcp(40000, TCP_SYN | TCP_ACK)))).isFalse();
        assertThat(accepts(p, tcp(40000, TCP_SYN | TCP_ACK))).as("no link header").isFalse();
    }

    @Test
    void portFiltersWorkForTcpAndUdp() {
        byte[] udp = TestPackets.ipv4(A, B, Libc.IPPROTO_UDP, TestPackets.udp(A, B, 53, 5353, new byte[4]));
        assertThat(accepts(BpfFilters.ipv4ToPorts(Framing.IP, Libc.IPPROTO_UDP, 5353, 5353), udp)).isTrue();
        assertThat(accepts(BpfFilters.ipv4ToPorts(Framing.IP, Libc.IPPROTO_TCP, 5353, 5353), udp)).isFalse();
        assertThat(accepts(BpfFilters.ipv4ToPorts(Framing.IP, Libc.IPPROTO_TCP, 100, 200), tcp(150, TCP_SYN)))
                .isTrue();
        assertThatThrownBy(() -> BpfFilters.ipv4ToPorts(Framing.IP, Libc.IPPROTO_ICMP, 1, 2))
                .hasMessage("ports of IP protocol 1: only TCP (6) and UDP (17)");
        assertThatThrownBy(() -> BpfFilters.ipv4ToPorts(Framing.IP, Libc.IPPROTO_TCP, 9, 8))
                .hasMessage("port range 9-8 is empty");
        assertThatThrownBy(() -> BpfFilters.ipv4ToPorts(Framing.IP, Libc.IPPROTO_TCP, 1, 65536))
                .hasMessage("port 65536 is outside 0..65535");
    }

    @Test
    void ipv6FiltersSeeTheTransportHeaderFirst() {
        byte[] synAck = TestPackets.tcp(A, B, 443, 50000, 9, TCP_SYN | TCP_ACK);
        assertThat(accepts(BpfFilters.ipv6TcpRepliesToPorts(50000, 50000), synAck)).isTrue();
        assertThat(accepts(BpfFilters.ipv6TcpRepliesToPorts(50001, 50002), synAck)).isFalse();
        byte[] echoReply = TestPackets.echo(129, 1, 1, new byte[4], false);
        assertThat(accepts(BpfFilters.icmpv6Type(129), echoReply)).isTrue();
        assertThat(accepts(BpfFilters.icmpv6Type(128), echoReply)).isFalse();
    }

    @Test
    void smallFilters() {
        byte[] arp = ethernet(0x0806, new byte[28]);
        assertThat(accepts(BpfFilters.etherType(0x0806), arp)).isTrue();
        assertThat(accepts(BpfFilters.etherType(0x0800), arp)).isFalse();
        assertThat(accepts(BpfFilters.acceptAll(), arp)).isTrue();
        assertThat(accepts(BpfFilters.rejectAll(), arp)).isFalse();
        byte[] icmp = TestPackets.ipv4(A, B, Libc.IPPROTO_ICMP, TestPackets.echo(8, 1, 1, new byte[0], true));
        assertThat(accepts(BpfFilters.ipv4Protocol(Framing.IP, Libc.IPPROTO_ICMP), icmp)).isTrue();
        assertThat(accepts(BpfFilters.ipv4Protocol(Framing.IP, Libc.IPPROTO_TCP), icmp)).isFalse();
    }
}
