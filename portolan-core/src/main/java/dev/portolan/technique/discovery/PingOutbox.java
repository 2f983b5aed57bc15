package dev.portolan.technique.discovery;

import dev.portolan.net.Errno;
import dev.portolan.net.ErrnoException;
import dev.portolan.net.NativeSocket;
import dev.portolan.net.PacketBatch;
import dev.portolan.net.SendSockets;
import dev.portolan.net.SendThread;
import dev.portolan.net.Sockaddr;
import java.lang.foreign.Arena;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A sweep's probes for one socket not sent yet: they leave in one sendmmsg(2) when the batch is full or on
 * {@link #flush}, either on the sweep's own thread ({@link #direct}) or handed to send threads ({@link #handedOver}).
 * Used by one thread.
 */
final class PingOutbox implements AutoCloseable {
    /** Tries of a full socket before its packet is given up, each after taking answers in for a millisecond. */
    private static final int STALLS = 50;

    private final NativeSocket socket;
    private final Runnable takeAnswers;
    private final BooleanSupplier cancelled;
    /** The send threads, their sockets and memory; null when the batches leave on the sweep's thread. */
    private final SendThread<Void> threads;
    private final SendSockets senders;
    private final Arena shared;
    private PacketBatch batch;
    private SendThread.Batch<Void> current;
    private int filled;

    private PingOutbox(NativeSocket socket, PacketBatch batch, Runnable takeAnswers, BooleanSupplier cancelled,
                       SendThread<Void> threads, SendSockets senders, Arena shared) {
        this.socket = socket;
        this.batch = batch;
        this.current = new SendThread.Batch<>(batch, null);
        this.takeAnswers = takeAnswers;
        this.cancelled = cancelled;
        this.threads = threads;
        this.senders = senders;
        this.shared = shared;
    }

    /**
     * Sent on this thread through {@code socket}, in batches of {@code capacity} packets of up to {@code room} bytes;
     * while the socket is full, {@code takeAnswers} reads replies for about a millisecond.
     */
    static PingOutbox direct(NativeSocket socket, Arena arena, int capacity, int room, Runnable takeAnswers,
                             BooleanSupplier cancelled) {
        return new PingOutbox(socket, PacketBatch.allocate(arena, capacity, room), takeAnswers, cancelled, null, null,
                null);
    }

    /**
     * Whole IPv4 packets (their header written by the caller) handed to {@code workers} send threads, each with an
     * IP_HDRINCL socket of its own, through {@code batches} batches of {@code capacity} packets: the kernel's work
     * for each packet (on a veth link the target's too) then runs on as many cores. Needs raw-socket rights.
     */
    static PingOutbox handedOver(String name, int workers, int batches, int capacity, int room) throws ErrnoException {
        SendSockets senders = SendSockets.ipv4(workers, Optional.empty());
        Arena shared = Arena.ofShared();
        SendThread<Void> threads = new SendThread<>(name, batches, System::nanoTime, workers, true);
        for (int k = 1; k < batches; k++) {
            threads.addSpare(new SendThread.Batch<>(PacketBatch.allocate(shared, capacity, room), null));
        }
        return new PingOutbox(null, PacketBatch.allocate(shared, capacity, room), () -> { }, () -> false, threads,
                senders, shared);
    }

    /** Whether the packets go to send threads, and so must carry their IPv4 header. */
    boolean handsOver() {
        return threads != null;
    }

    /** Adds a packet to {@code target} (null: the socket's bound interface), sending the batch once it is full. */
    void add(byte[] packet, int length, Sockaddr target) {
        batch.put(filled, packet, 0, length);
        if (target == null) {
            batch.clearAddress(filled);
        } else {
            batch.setAddress(filled, target);
        }
        if (++filled == batch.capacity()) {
            flush();
        }
    }

    /** Adds a packet to the IPv4 address whose 32 bits are {@code address}, sending the batch once it is full. */
    void addIpv4(byte[] packet, int length, int address) {
        batch.put(filled, packet, 0, length);
        batch.setIpv4(filled, address, 0);
        if (++filled == batch.capacity()) {
            flush();
        }
    }

    /** Sends what is filled. */
    void flush() {
        if (filled == 0) {
            return;
        }
        if (threads != null) {
            threads.submit(current, senders.sockets(), filled);
            // the results are not read: a probe the threads could not send is lost, as on the wire
            current = threads.next(b -> { });
            batch = current.packets();
            filled = 0;
            return;
        }
        int first = 0;
        int stalls = 0;
        while (first < filled) {
            int r = socket.send(batch, first, filled - first);
            if (r > 0) {
                first += r;
                stalls = 0;
            } else if ((r == 0 || r == -Errno.EAGAIN || r == -Errno.ENOBUFS) && stalls++ < STALLS
                    && !cancelled.getAsBoolean()) {
                // the socket's buffer is full: take answers in while the kernel sends
                takeAnswers.run();
            } else {
                // refused (no route, a firewall rule) or still full: that probe is lost, as on the wire
                first++;
                stalls = 0;
            }
        }
        filled = 0;
    }

    /** Stops the send threads once what was handed over is sent, and closes their sockets. */
    @Override
    public void close() {
        if (threads != null) {
            threads.close();
            senders.close();
            shared.close();
        }
    }
}
