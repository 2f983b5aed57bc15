package dev.portolan.service.detect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Reads one probe's answer from a connection, bounded in size and in time: a service that drips a byte a second or
 * sends megabytes costs at most the wait and {@link #MAX_BYTES}. The reader stops early once {@code done} accepts
 * what has come, and after a quiet spell once something has.
 */
final class Exchange {
    /** The most bytes kept of one answer. */
    static final int MAX_BYTES = 64 * 1024;

    /** What came back: the bytes, whether the peer closed, and how long it took. */
    record Answer(byte[] bytes, boolean closed, long millis) {
        boolean silent() {
            return bytes.length == 0;
        }
    }

    private Exchange() {
    }

    /**
     * Reads from {@code socket} for at most {@code waitMillis}; once bytes have come, stops when none follow for
     * {@code quietMillis}, when {@code done} is satisfied with them (tested whenever the stream pauses) or at
     * {@link #MAX_BYTES}.
     */
    static Answer read(Socket socket, long waitMillis, long quietMillis, Predicate<byte[]> done) throws IOException {
        long start = System.nanoTime();
        long deadline = start + waitMillis * 1_000_000L;
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        boolean closed = false;
        while (got.size() < MAX_BYTES) {
            long now = System.nanoTime();
            long left = (deadline - now) / 1_000_000L;
            if (left <= 0) {
                break;
            }
            socket.setSoTimeout((int) Math.max(1, got.size() > 0 ? Math.min(left, quietMillis) : left));
            int n;
            try {
                n = in.read(chunk, 0, Math.min(chunk.length, MAX_BYTES - got.size()));
            } catch (SocketTimeoutException e) {
                if (got.size() > 0) {
                    // quiet after an answer: it is complete
                    break;
                }
                continue;
            } catch (IOException e) {
                // a reset after some bytes still leaves those bytes to match; before any, it is a close
                closed = true;
                break;
            }
            if (n < 0) {
                closed = true;
                break;
            }
            got.write(chunk, 0, n);
            if (in.available() == 0 && done.test(got.toByteArray())) {
                break;
            }
        }
        byte[] bytes = got.toByteArray();
        return new Answer(bytes.length > MAX_BYTES ? Arrays.copyOf(bytes, MAX_BYTES) : bytes, closed,
                (System.nanoTime() - start) / 1_000_000L);
    }
}
