package dev.portolan.service.detect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.util.function.Predicate;

/**
 * One UDP probe's exchange on a connected socket, bounded in size and in time like {@link Exchange}: the answer is
 * the datagrams that come back until the wait ends, {@code done} accepts them, none follow for the quiet spell, or
 * {@link Exchange#MAX_BYTES} have come. A port unreachable (the kernel's queued ICMP error) ends it as refused.
 */
final class Datagrams {
    /** The largest UDP payload over IPv4; a datagram is read whole or not at all. */
    static final int MAX_DATAGRAM = 65_507;

    private Datagrams() {
    }

    static UdpProber.Answer exchange(DatagramSocket socket, byte[] payload, long waitMillis, long quietMillis,
                                     Predicate<byte[]> done) throws IOException {
        long start = System.nanoTime();
        long deadline = start + waitMillis * 1_000_000L;
        socket.send(new DatagramPacket(payload, payload.length));
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[MAX_DATAGRAM];
        long firstMicros = 0;
        while (got.size() < Exchange.MAX_BYTES) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                break;
            }
            socket.setSoTimeout((int) Math.max(1, got.size() > 0 ? Math.min(left, quietMillis) : left));
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                if (got.size() > 0) {
                    break;
                }
                continue;
            } catch (PortUnreachableException e) {
                if (got.size() > 0) {
                    break;
                }
                return new UdpProber.Answer(new byte[0], true, (System.nanoTime() - start) / 1000);
            }
            boolean first = got.size() == 0;
            if (first) {
                firstMicros = (System.nanoTime() - start) / 1000;
            }
            // a datagram past the bound is cut: what is kept is still the answer's beginning
            got.write(buffer, 0, Math.min(packet.getLength(), Exchange.MAX_BYTES - got.size()));
            // tested on the first datagram only: a flood of small ones must not cost a match each
            if (first && done.test(got.toByteArray())) {
                break;
            }
        }
        return new UdpProber.Answer(got.toByteArray(), false, firstMicros);
    }
}
