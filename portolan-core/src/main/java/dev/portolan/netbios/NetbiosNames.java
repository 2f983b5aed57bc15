package dev.portolan.netbios;

import dev.portolan.packet.MalformedPacketException;
import dev.portolan.packet.NetbiosNodeStatus;
import dev.portolan.result.NetbiosInfo;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Asks hosts for their NetBIOS names (node status of {@code *}, UDP 137), many at once on virtual threads, each
 * bounded in time: a host that does not answer costs the timeout, one that has no name service (ICMP port
 * unreachable) costs almost nothing.
 */
public final class NetbiosNames implements AutoCloseable {
    /** Waits this long for an answer, the query sent twice in that time (UDP may be lost). */
    public static final long DEFAULT_TIMEOUT_MILLIS = 1000;
    /** Lookups in flight at most: one socket each, and the scan's own sockets must not run out of descriptors. */
    static final int MAX_IN_FLIGHT = 512;

    private final ExecutorService lookups = Executors.newVirtualThreadPerTaskExecutor();
    private final SecureRandom random = new SecureRandom();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final long timeoutMillis;
    private final int port;

    public NetbiosNames(long timeoutMillis) {
        this(timeoutMillis, NetbiosNodeStatus.PORT);
    }

    /** Asks port {@code port} instead of 137: for tests with an unprivileged responder. */
    public NetbiosNames(long timeoutMillis, int port) {
        if (timeoutMillis < 1 || port < 1 || port > 65535) {
            throw new IllegalArgumentException("timeout " + timeoutMillis + " ms, port " + port);
        }
        this.timeoutMillis = timeoutMillis;
        this.port = port;
    }

    /** The host's NetBIOS names, or empty when it is no IPv4 host, does not answer in time or answers nonsense. */
    public CompletableFuture<Optional<NetbiosInfo>> lookup(InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        int id = random.nextInt(0x10000);
        // no overall timeout from here: a lookup waiting for its turn has not been asked yet, and ask() ends by itself
        return CompletableFuture.supplyAsync(() -> {
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            try {
                return ask(address, id);
            } finally {
                inFlight.release();
            }
        }, lookups);
    }

    private Optional<NetbiosInfo> ask(InetAddress address, int id) {
        byte[] query = NetbiosNodeStatus.query(id);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        try (DatagramSocket socket = new DatagramSocket()) {
            // connected: an ICMP port unreachable ends the wait at once instead of after the timeout
            socket.connect(new InetSocketAddress(address, port));
            byte[] buffer = new byte[1500];
            for (int send = 0; send < 2; send++) {
                socket.send(new DatagramPacket(query, query.length));
                long sendUntil = send == 0 ? System.nanoTime() + (deadline - System.nanoTime()) / 2 : deadline;
                while (true) {
                    long left = TimeUnit.NANOSECONDS.toMillis(sendUntil - System.nanoTime());
                    if (left < 1) {
                        break;
                    }
                    socket.setSoTimeout((int) left);
                    DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                    try {
                        socket.receive(reply);
                    } catch (SocketTimeoutException e) {
                        break;
                    }
                    Optional<NetbiosInfo> info = parse(ByteBuffer.wrap(buffer, 0, reply.getLength()), id);
                    if (info.isPresent()) {
                        return info;
                    }
                }
            }
        } catch (IOException | SecurityException e) {
            // port unreachable, no route: the host has no NetBIOS name to give
        }
        return Optional.empty();
    }

    /** The answer to query {@code id} as an inventory field; empty for anything else, or a table with no name. */
    static Optional<NetbiosInfo> parse(ByteBuffer bytes, int id) {
        try {
            NetbiosNodeStatus.Answer a = NetbiosNodeStatus.parse(bytes, id);
            return a.computerName().map(name -> new NetbiosInfo(name, a.workgroup(), a.user(), a.mac(),
                    a.names().stream().map(NetbiosNodeStatus.Name::toString).toList()));
        } catch (MalformedPacketException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        lookups.shutdownNow();
    }
}
