package dev.portolan.technique.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portolan.net.Libc;
import dev.portolan.net.NativeAccess;
import dev.portolan.net.Privileges;
import dev.portolan.net.Sockaddr;
import dev.portolan.net.UdpSocket;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A sweep's outbox over loopback: every packet added leaves, in batches, on this thread or through send threads. */
class PingOutboxTest {
    private static final int CAPACITY = 64;
    private static final int PACKETS = 150;

    @Test
    void directlyEveryPacketLeavesWhenItsBatchIsFullOrFlushed() throws IOException {
        assumeTrue(NativeAccess.available(), "native access");
        try (Libc libc = Libc.open(); Arena arena = Arena.ofConfined(); DatagramChannel sink = sink();
                UdpSocket socket = UdpSocket.open(libc, Sockaddr.AF_INET)) {
            int[] answersTaken = new int[1];
            PingOutbox out = PingOutbox.direct(socket, arena, CAPACITY, 16, () -> answersTaken[0]++, () -> false);
            assertThat(out.handsOver()).isFalse();
            Sockaddr to = Sockaddr.allocate(arena).set(InetAddress.getLoopbackAddress(), port(sink));
            for (int i = 0; i < PACKETS; i++) {
                out.add(new byte[] {(byte) (i >> 8), (byte) i}, 2, to);
            }
            assertThat(received(sink, 2 * CAPACITY)).as("two full batches left on their own").hasSize(2 * CAPACITY);
            out.flush();
            assertThat(received(sink, PACKETS - 2 * CAPACITY)).hasSize(PACKETS - 2 * CAPACITY);
            out.flush();
            assertThat(answersTaken[0]).as("a socket with room never waits").isZero();
            out.close();
        }
    }

    @Test
    void handedOverWholeIpv4PacketsLeaveThroughTheSendThreads() throws IOException {
        assumeTrue(NativeAccess.available() && Privileges.current().rawSockets(), "raw-socket rights");
        try (Arena arena = Arena.ofConfined(); DatagramChannel sink = sink()) {
            int port = port(sink);
            PingOutbox out = PingOutbox.handedOver("test-ping-send", 2, 3, CAPACITY, 64);
            try {
                assertThat(out.handsOver()).isTrue();
                Sockaddr to = Sockaddr.allocate(arena).set(InetAddress.getLoopbackAddress(), 0);
                for (int i = 0; i < PACKETS; i++) {
                    byte[] p = udpOverIpv4(port, i);
                    out.add(p, p.length, to);
                }
                out.flush();
            } finally {
                out.close();
            }
            BitSet seen = new BitSet();
            for (byte[] d : received(sink, PACKETS)) {
                seen.set((d[0] & 0xff) << 8 | d[1] & 0xff);
            }
            assertThat(seen.cardinality()).as("every packet, once").isEqualTo(PACKETS);
        }
    }

    /** 127.0.0.1 to itself, UDP from port 40000 to {@code port} carrying {@code i} in two bytes, no UDP checksum. */
    private static byte[] udpOverIpv4(int port, int i) {
        byte[] p = new byte[30];
        p[0] = 0x45;
        RawPinger.put16(p, 2, p.length);
        RawPinger.put16(p, 4, i + 1);
        p[8] = 64;
        p[9] = 17;
        p[12] = 127;
        p[15] = 1;
        p[16] = 127;
        p[19] = 1;
        RawPinger.put16(p, 20, 40000);
        RawPinger.put16(p, 22, port);
        RawPinger.put16(p, 24, 10);
        RawPinger.put16(p, 28, i);
        return p;
    }

    private static DatagramChannel sink() throws IOException {
        DatagramChannel sink = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        sink.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
        return sink;
    }

    private static int port(DatagramChannel sink) throws IOException {
        return ((InetSocketAddress) sink.getLocalAddress()).getPort();
    }

    /** The next {@code count} datagrams' first two bytes; fewer when no more come within a second. */
    private static List<byte[]> received(DatagramChannel sink, int count) throws IOException {
        List<byte[]> got = new ArrayList<>();
        sink.configureBlocking(false);
        ByteBuffer in = ByteBuffer.allocate(64);
        long end = System.nanoTime() + 1_000_000_000L;
        while (got.size() < count && System.nanoTime() < end) {
            in.clear();
            if (sink.receive(in) == null) {
                Thread.onSpinWait();
                continue;
            }
            got.add(new byte[] {in.get(0), in.get(1)});
        }
        return got;
    }
}
