package dev.portolan.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The send thread over a plain UDP socket on loopback: batches go in order, come back with per-packet results. */
class SendThreadTest {
    private static final int SLOTS = 16;

    private final Libc owner = Libc.open();
    private final Libc sending = Libc.open();

    @AfterEach
    void close() {
        owner.close();
        sending.close();
    }

    /** A loopback UDP socket with room for every datagram a test sends it. */
    private static DatagramChannel sink() throws IOException {
        DatagramChannel sink = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        sink.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
        return sink;
    }

    private Sockaddr to(DatagramChannel sink) throws IOException {
        return Sockaddr.allocate(owner.arena()).set(InetAddress.getLoopbackAddress(),
                ((InetSocketAddress) sink.getLocalAddress()).getPort());
    }

    @Test
    void batchesAreSentInOrderAndComeBackWithTheirResults() throws IOException {
        try (DatagramChannel sink = sink();
                UdpSocket socket = UdpSocket.open(sending, Sockaddr.AF_INET)) {
            Sockaddr to = to(sink);
            List<SendThread.Batch<int[]>> batches = new ArrayList<>();
            for (int b = 0; b < 3; b++) {
                batches.add(new SendThread.Batch<>(PacketBatch.allocate(owner.arena(), SLOTS, 64), new int[SLOTS]));
            }
            SendThread<int[]> thread = new SendThread<>("test-send", batches.size(), System::nanoTime);
            try {
                int next = 0;
                for (int round = 0; round < 4; round++) {
                    for (SendThread.Batch<int[]> b : round == 0 ? batches : List.of(thread.take(), thread.take(),
                            thread.take())) {
                        if (round > 0) {
                            assertThat(b.count()).isEqualTo(SLOTS);
                            for (int i = 0; i < SLOTS; i++) {
                                assertThat(b.result(i)).as("packet %d of a batch back", i).isZero();
                            }
                            b.clear();
                        }
                        for (int i = 0; i < SLOTS; i++) {
                            b.packets().put(i, new byte[] {(byte) (next >> 8), (byte) next}, 0, 2);
                            b.packets().setAddress(i, to);
                            b.attachment()[i] = next++;
                        }
                        thread.submit(b, socket, SLOTS);
                    }
                }
                assertThat(thread.outstanding()).isEqualTo(3);
                ByteBuffer in = ByteBuffer.allocate(16);
                for (int expected = 0; expected < next; expected++) {
                    in.clear();
                    sink.receive(in);
                    in.flip();
                    assertThat(in.remaining()).isEqualTo(2);
                    assertThat((in.get(0) & 0xff) << 8 | in.get(1) & 0xff).as("datagram in order").isEqualTo(expected);
                }
            } finally {
                thread.close();
            }
            assertThat(thread.outstanding()).as("close waits for what was submitted").isZero();
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("test-send-0"));
        }
    }

    @Test
    void twoThreadsEachOnItsOwnSocketSendEveryBatch() throws IOException {
        try (Libc second = Libc.open();
                DatagramChannel sink = sink();
                UdpSocket a = UdpSocket.open(sending, Sockaddr.AF_INET);
                UdpSocket b = UdpSocket.open(second, Sockaddr.AF_INET)) {
            Sockaddr to = to(sink);
            SendThread<Void> thread = new SendThread<>("test-send-two", 8, System::nanoTime, 2);
            java.util.Set<Integer> expected = new java.util.HashSet<>();
            try {
                assertThat(thread.workers()).isEqualTo(2);
                int next = 0;
                for (int k = 0; k < 8; k++) {
                    SendThread.Batch<Void> batch = new SendThread.Batch<>(PacketBatch.allocate(owner.arena(), SLOTS, 64),
                            null);
                    for (int i = 0; i < SLOTS; i++) {
                        batch.packets().put(i, new byte[] {(byte) (next >> 8), (byte) next}, 0, 2);
                        batch.packets().setAddress(i, to);
                        expected.add(next++);
                    }
                    thread.submit(batch, new NativeSocket[] {a, b}, SLOTS);
                }
                for (int k = 0; k < 8; k++) {
                    SendThread.Batch<Void> back = thread.take();
                    for (int i = 0; i < SLOTS; i++) {
                        assertThat(back.result(i)).isZero();
                    }
                }
            } finally {
                thread.close();
            }
            ByteBuffer in = ByteBuffer.allocate(16);
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int n = 0; n < expected.size(); n++) {
                in.clear();
                sink.receive(in);
                seen.add((in.get(0) & 0xff) << 8 | in.get(1) & 0xff);
            }
            assertThat(seen).isEqualTo(expected);
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("test-send-two"));
        }
    }

    @Test
    void aPacketThatCannotBeSentFailsAloneWithItsErrno() throws IOException {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (DatagramChannel sink = sink();
                UdpSocket socket = UdpSocket.open(sending, Sockaddr.AF_INET)) {
            int port = ((InetSocketAddress) sink.getLocalAddress()).getPort();
            Sockaddr good = Sockaddr.allocate(owner.arena()).set(lo, port);
            // an IPv6 destination on an IPv4 socket: the kernel refuses that one message
            Sockaddr wrong = Sockaddr.allocate(owner.arena()).set(InetAddress.getByName("::1"), port);
            SendThread.Batch<Void> b = new SendThread.Batch<>(PacketBatch.allocate(owner.arena(), 4, 16), null);
            for (int i = 0; i < 4; i++) {
                b.packets().put(i, new byte[] {(byte) i}, 0, 1);
                b.packets().setAddress(i, i == 0 || i == 2 ? wrong : good);
            }
            SendThread<Void> thread = new SendThread<>("test-send-errors", 1, System::nanoTime);
            try {
                long before = System.nanoTime();
                thread.submit(b, socket, 4);
                SendThread.Batch<Void> back = thread.take();
                assertThat(back).isSameAs(b);
                assertThat(back.sentAt()).as("stamped when it left").isBetween(before, System.nanoTime());
                assertThat(back.result(0)).isNegative();
                assertThat(back.result(1)).isZero();
                assertThat(back.result(2)).isNegative();
                assertThat(back.result(3)).isZero();
                assertThat(thread.poll()).isNull();
            } finally {
                thread.close();
            }
            ByteBuffer in = ByteBuffer.allocate(4);
            for (int expected : new int[] {1, 3}) {
                in.clear();
                sink.receive(in);
                assertThat(in.get(0)).isEqualTo((byte) expected);
            }
        }
    }

    /** A batch goes to the thread with the fewest still to send; among equals they take turns. */
    @Test
    void batchesGoToTheLeastBusyThread() {
        assertThat(SendThread.leastBusy(new int[] {2, 0}, 0)).isEqualTo(1);
        assertThat(SendThread.leastBusy(new int[] {0, 3}, 1)).isZero();
        assertThat(SendThread.leastBusy(new int[] {1, 1}, 0)).isZero();
        assertThat(SendThread.leastBusy(new int[] {1, 1}, 1)).isEqualTo(1);
        assertThat(SendThread.leastBusy(new int[] {3, 1, 1}, 2)).isEqualTo(2);
        assertThat(SendThread.leastBusy(new int[] {3, 1, 1}, 0)).isEqualTo(1);
        assertThat(SendThread.leastBusy(new int[] {4}, 0)).isZero();
    }

    @Test
    void thePoolHandsOutSpareBatchesThenSettlesTheSentOnesBeforeReuse() throws IOException {
        try (DatagramChannel sink = sink();
                UdpSocket socket = UdpSocket.open(sending, Sockaddr.AF_INET)) {
            Sockaddr to = to(sink);
            SendThread<int[]> thread = new SendThread<>("test-send-pool", 2, System::nanoTime);
            List<SendThread.Batch<int[]>> given = new ArrayList<>();
            for (int b = 0; b < 2; b++) {
                given.add(new SendThread.Batch<>(PacketBatch.allocate(owner.arena(), SLOTS, 64), new int[] {b}));
                thread.addSpare(given.get(b));
            }
            List<Integer> settled = new ArrayList<>();
            try {
                SendThread.Batch<int[]> first = thread.next(b -> settled.add(-1));
                SendThread.Batch<int[]> second = thread.next(b -> settled.add(-1));
                assertThat(List.of(first, second)).as("the spare ones, unsettled").containsExactlyElementsOf(given);
                assertThat(settled).isEmpty();
                for (SendThread.Batch<int[]> b : List.of(first, second)) {
                    for (int i = 0; i < 3; i++) {
                        b.packets().put(i, new byte[] {(byte) i}, 0, 1);
                        b.packets().setAddress(i, to);
                    }
                    thread.submit(b, socket, 3);
                }
                // both are out: next waits for the first back, settles it with its results, and hands it out empty
                SendThread.Batch<int[]> third = thread.next(b -> {
                    assertThat(b.count()).isEqualTo(3);
                    assertThat(b.result(0)).isZero();
                    settled.add(b.attachment()[0]);
                });
                assertThat(third).isSameAs(first);
                assertThat(third.count()).as("emptied").isZero();
                thread.drain(b -> settled.add(b.attachment()[0]));
                assertThat(thread.outstanding()).isZero();
                assertThat(settled).containsExactly(0, 1);
                thread.reclaim(b -> settled.add(-2));
                assertThat(settled).as("nothing left to settle").containsExactly(0, 1);
                assertThat(thread.next(b -> settled.add(-3))).as("the drained one, from the pool").isSameAs(second);
            } finally {
                thread.close();
            }
        }
    }
}
