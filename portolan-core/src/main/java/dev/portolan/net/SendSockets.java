package dev.portolan.net;

import java.util.Optional;

/**
 * The sockets of a set of {@link SendThread}s: one IPv4 sender that takes whole packets (IP_HDRINCL) per thread,
 * each with a {@link Libc} of its own, since a Libc serves one thread at a time. Opened together, closed together;
 * opening needs root or CAP_NET_RAW.
 */
public final class SendSockets implements AutoCloseable {
    private final Libc[] libcs;
    private final RawSocket[] sockets;

    private SendSockets(Libc[] libcs, RawSocket[] sockets) {
        this.libcs = libcs;
        this.sockets = sockets;
    }

    /**
     * {@code count} IPv4 senders, each bound to interface {@code device} when given (-e); when one cannot be opened,
     * none is left open.
     */
    public static SendSockets ipv4(int count, Optional<String> device) throws ErrnoException {
        if (count < 1) {
            throw new IllegalArgumentException("at least one send socket, not " + count);
        }
        SendSockets s = new SendSockets(new Libc[count], new RawSocket[count]);
        try {
            for (int w = 0; w < count; w++) {
                s.libcs[w] = Libc.open();
                s.sockets[w] = RawSocket.ipv4Sender(s.libcs[w]);
                if (device.isPresent()) {
                    s.sockets[w].bindToDevice(device.get());
                }
            }
            return s;
        } catch (ErrnoException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** The sockets, one per send thread, for {@link SendThread#submit(SendThread.Batch, NativeSocket[], int)}. */
    public NativeSocket[] sockets() {
        return sockets;
    }

    /** The Libc of the first send thread, for other sockets that thread sends on. */
    public Libc firstLibc() {
        return libcs[0];
    }

    /** Closes every socket and its Libc; once the send threads are stopped. */
    @Override
    public void close() {
        for (RawSocket s : sockets) {
            if (s != null) {
                s.close();
            }
        }
        for (Libc l : libcs) {
            if (l != null) {
                l.close();
            }
        }
    }
}
