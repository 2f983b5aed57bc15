package dev.portolan.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** AF_PACKET on lo, whose frames carry an Ethernet header with zero addresses. */
class PacketSocketTest {
    /** IEEE 802 "local experimental" ethertype: nothing else on lo uses it. */
    private static final int ETHERTYPE = 0x88B5;

    private final Libc libc = Libc.open();

    @BeforeAll
    static void needsRawRights() {
        RawRights.assume();
    }

    @AfterEach
    void closeLibc() {
        libc.close();
    }

    private static int loIndex() throws ErrnoException {
        return Interfaces.byName("lo").orElseThrow().index();
    }

    private static byte[] frame(long nonce) {
        return ByteBuffer.allocate(14 + 16).put(new byte[12]).putShort((short) ETHERTYPE).putLong(0x706F72746F6C616EL)
                .putLong(nonce).array();
    }

    @Test
    void aFrameSentOnLoopbackComesBack() throws IOException {
        byte[] frame = frame(ThreadLocalRandom.current().nextLong());
        try (PacketSocket socket = PacketSocket.open(libc, loIndex(), ETHERTYPE)) {
            assertThat(socket.etherType()).isEqualTo(ETHERTYPE);
            assertThat(socket.send(frame, 0, frame.length)).isEqualTo(frame.length);
            assertThat(socket.awaitReadable(5000)).as("a frame within 5 s").isPositive();
            byte[] in = new byte[2048];
            int n = socket.receive(in);
            assertThat(Arrays.copyOf(in, n)).isEqualTo(frame);
            assertThat(socket.lastPacketType()).isEqualTo(PacketSocket.HOST);
        }
    }

    @Test
    void anAllTypesSocketWithAFilterSeesTheOutgoingAndTheIncomingCopy() throws IOException {
        byte[] frame = frame(ThreadLocalRandom.current().nextLong());
        int lo = loIndex();
        try (PacketSocket all = PacketSocket.open(libc, lo, PacketSocket.ETH_P_ALL);
                PacketSocket sender = PacketSocket.open(libc, lo, ETHERTYPE)) {
            all.attach(BpfFilters.etherType(ETHERTYPE));
            all.drain();
            sender.attach(BpfFilters.rejectAll());
            assertThat(sender.send(frame, 0, frame.length)).isEqualTo(frame.length);
            List<Integer> types = new ArrayList<>();
            byte[] in = new byte[2048];
            for (int i = 0; i < 2; i++) {
                assertThat(all.awaitReadable(5000)).as("frame %d within 5 s", i).isPositive();
                int n = all.receive(in);
                assertThat(Arrays.copyOf(in, n)).isEqualTo(frame);
                types.add(all.lastPacketType());
            }
            assertThat(types).containsExactlyInAnyOrder(PacketSocket.OUTGOING, PacketSocket.HOST);
        }
    }

    @Test
    void aMissingInterfaceIsNamed() {
        // the highest index the kernel can hand out; no test machine has that many interfaces
        assertThatThrownBy(() -> PacketSocket.open(libc, Integer.MAX_VALUE, ETHERTYPE))
                .isInstanceOf(ErrnoException.class)
                .hasMessage("bind(AF_PACKET, 0x88b5, interface 2147483647): No such device");
    }
}
