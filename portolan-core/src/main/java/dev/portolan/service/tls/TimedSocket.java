package dev.portolan.service.tls;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * A TCP connection with one deadline for everything done on it, so a server that drips a byte at a time cannot
 * stretch an exchange past its budget.
 */
final class TimedSocket implements Closeable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final long deadline;

    private TimedSocket(Socket socket, long deadline) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.deadline = deadline;
    }

    static TimedSocket connect(InetSocketAddress to, Duration budget) throws IOException {
        long deadline = System.nanoTime() + budget.toNanos();
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(to, millisLeft(deadline));
            return new TimedSocket(s, deadline);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void write(ByteBuffer bytes) throws IOException {
        out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        out.flush();
        bytes.position(bytes.limit());
    }

    /** Reads what has come, at most {@code length} bytes; -1 at the end; SocketTimeoutException past the deadline. */
    int read(byte[] buffer, int offset, int length) throws IOException {
        socket.setSoTimeout(millisLeft(deadline));
        return in.read(buffer, offset, length);
    }

    /** Reads into the free space of a heap buffer in write mode. */
    int read(ByteBuffer buffer) throws IOException {
        int n = read(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
        if (n > 0) {
            buffer.position(buffer.position() + n);
        }
        return n;
    }

    /** The milliseconds left, at least 1 (0 would mean "no timeout" to a socket); throws once none are left. */
    private static int millisLeft(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
            throw new SocketTimeoutException("time budget spent");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
