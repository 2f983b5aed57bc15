package dev.portolan.technique.discovery;

import dev.portolan.engine.FeistelPermutation;
import dev.portolan.engine.Permutation;
import dev.portolan.engine.TimingTemplate;
import dev.portolan.engine.cookie.KeyMaterial;
import dev.portolan.engine.cookie.SipHash;
import dev.portolan.net.Errno;
import dev.portolan.net.ErrnoException;
import dev.portolan.net.Libc;
import dev.portolan.net.PingSocket;
import dev.portolan.net.Poll;
import dev.portolan.net.Sockaddr;
import dev.portolan.result.HostInventory;
import dev.portolan.result.Reason;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * ICMP echo without raw-socket rights, over the kernel's ping sockets (SOCK_DGRAM, IPPROTO_ICMP). The kernel owns
 * the identifier, so each request carries a keyed hash of its target in its data: a reply counts only if it
 * echoes that hash back from that target. Passes over a permutation with resends, as the raw discovery.
 */
final class DatagramPinger implements HostDiscovery {
    private static final long MILLI = 1_000_000L;
    private static final int DATA = 16;

    private final DiscoveryOptions options;
    private final SipHash key;
    private volatile boolean cancelled;

    DatagramPinger(DiscoveryOptions options) {
        this.options = options;
        this.key = SipHash.of(KeyMaterial.fresh(16));
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    private long tag(InetAddress a) {
        byte[] b = a.getAddress();
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < b.length; i++) {
            if (i < 8) {
                hi = hi << 8 | (b[i] & 0xff);
            } else {
                lo = lo << 8 | (b[i] & 0xff);
            }
        }
        return key.hash(hi, lo ^ b.length);
    }

    @Override
    public List<PingVerdict> discover(List<InetAddress> hosts, TimingTemplate timing, double maxRate,
                                      Consumer<String> warnings) throws IOException {
        int n = hosts.size();
        long[] firstRtt = new long[n];
        int[] received = new int[n];
        long[] rttMin = new long[n];
        long[] rttMax = new long[n];
        long[] rttSum = new long[n];
        boolean[] answered = new boolean[n];
        Map<InetAddress, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(InetAddress.getByAddress(hosts.get(i).getAddress()), i);
        }
        try (Libc libc = Libc.open(); Arena arena = Arena.ofConfined()) {
            PingSocket v4 = null;
            PingSocket v6 = null;
            try {
                if (hosts.stream().anyMatch(a -> a instanceof Inet4Address)) {
                    v4 = PingSocket.ipv4(libc);
                }
                if (hosts.stream().anyMatch(a -> !(a instanceof Inet4Address))) {
                    v6 = PingSocket.ipv6(libc);
                }
            } catch (ErrnoException e) {
                if (v4 != null) {
                    v4.close();
                }
                throw new IOException("unprivileged ICMP echo: " + e.getMessage(), e);
            }
            Poll poll = Poll.allocate(libc, 2);
            poll.watch(0, v4 == null ? -1 : v4.fd(), Poll.POLLIN);
            poll.watch(1, v6 == null ? -1 : v6.fd(), Poll.POLLIN);
            Sockaddr to = Sockaddr.allocate(arena);
            Sockaddr from = Sockaddr.allocate(arena);
            byte[] packet = new byte[8 + DATA];
            byte[] buffer = new byte[1500];
            long maxSeen = 0;
            try {
                for (int round = 0; round < options.count() && !cancelled; round++) {
                    java.util.Arrays.fill(answered, false);
                    int passes = options.count() == 1 ? options.retries() + 1 : 1;
                    for (int pass = 0; pass < passes && !cancelled; pass++) {
                        List<Integer> pending = new ArrayList<>();
                        for (int i = 0; i < n; i++) {
                            if (!answered[i]) {
                                pending.add(i);
                            }
                        }
                        if (pending.isEmpty()) {
                            break;
                        }
                        Permutation order = FeistelPermutation.of(pending.size(), (long) round << 32 ^ pass);
                        long windowStart = System.nanoTime();
                        for (long k = 0; k < pending.size() && !cancelled; k++) {
                            int i = pending.get((int) order.map(k));
                            InetAddress a = hosts.get(i);
                            boolean ipv4 = a instanceof Inet4Address;
                            java.util.Arrays.fill(packet, (byte) 0);
                            packet[0] = (byte) (ipv4 ? 8 : 128);
                            packet[6] = (byte) (round >>> 8);
                            packet[7] = (byte) round;
                            putLong(packet, 8, System.nanoTime());
                            putLong(packet, 16, tag(a));
                            to.set(a, 0);
                            // the kernel fills in the identifier and the checksum
                            (ipv4 ? v4 : v6).send(packet, 0, packet.length, to);
                            if (maxRate > 0) {
                                long due = windowStart + (long) ((k + 1) * 1e9 / maxRate);
                                while (due - System.nanoTime() > MILLI) {
                                    maxSeen = drain(poll, 1, v4, v6, from, buffer, index, round, answered,
                                            firstRtt, received, rttMin, rttMax, rttSum, maxSeen);
                                }
                            } else if (k % 64 == 63) {
                                maxSeen = drain(poll, 0, v4, v6, from, buffer, index, round, answered, firstRtt,
                                        received, rttMin, rttMax, rttSum, maxSeen);
                            }
                        }
                        long lastSend = System.nanoTime();
                        while (!cancelled && lastSend + wait(timing, maxSeen) - System.nanoTime() > 0
                                && !all(answered)) {
                            maxSeen = drain(poll, 10, v4, v6, from, buffer, index, round, answered, firstRtt,
                                    received, rttMin, rttMax, rttSum, maxSeen);
                        }
                    }
                }
            } finally {
                if (v4 != null) {
                    v4.close();
                }
                if (v6 != null) {
                    v6.close();
                }
            }
        }
        List<PingVerdict> verdicts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Optional<HostInventory.PingStats> stats = options.count() > 1
                    ? Optional.of(new HostInventory.PingStats(options.count(), received[i], rttMin[i],
                    received[i] == 0 ? 0 : rttSum[i] / received[i], rttMax[i])) : Optional.empty();
            HostInventory inv = new HostInventory(Optional.empty(), Optional.empty(), 0,
                    Optional.ofNullable(received[i] == 0 ? null : "PE"), stats);
            verdicts.add(received[i] == 0 ? new PingVerdict(false, Reason.NO_RESPONSE, OptionalLong.empty(), inv)
                    : new PingVerdict(true, Reason.ECHO_REPLY, OptionalLong.of(firstRtt[i]), inv));
        }
        return verdicts;
    }

    /** A few round trips once any is known (the wait shrinks as replies come), else the initial timeout. */
    private static long wait(TimingTemplate timing, long maxSeen) {
        return maxSeen == 0 ? timing.initialRttTimeout().toNanos() : Math.max(timing.minRttTimeout().toNanos(),
                Math.min(timing.maxRttTimeout().toNanos(), 4 * maxSeen + 10 * MILLI));
    }

    private static boolean all(boolean[] answered) {
        for (boolean b : answered) {
            if (!b) {
                return false;
            }
        }
        return true;
    }

    /** Reads every queued reply (after waiting up to {@code millis}); returns the largest round trip seen. */
    private long drain(Poll poll, int millis, PingSocket v4, PingSocket v6, Sockaddr from, byte[] buffer,
                       Map<InetAddress, Integer> index, int round, boolean[] answered, long[] firstRtt,
                       int[] received, long[] rttMin, long[] rttMax, long[] rttSum, long maxSeen) {
        poll.await(2, millis);
        for (PingSocket s : new PingSocket[]{v4, v6}) {
            if (s == null) {
                continue;
            }
            int len;
            while ((len = s.receive(buffer, from)) > 0 || len == -Errno.EINTR) {
                if (len < 8 + DATA || (buffer[0] != 0 && (buffer[0] & 0xff) != 129)
                        || ((buffer[6] & 0xff) << 8 | (buffer[7] & 0xff)) != (round & 0xffff)) {
                    continue;
                }
                InetAddress sender;
                try {
                    sender = InetAddress.getByAddress(from.toSocketAddress().getAddress().getAddress());
                } catch (java.net.UnknownHostException e) {
                    continue;
                }
                Integer i = index.get(sender);
                if (i == null || answered[i] || getLong(buffer, 16) != tag(sender)) {
                    continue;
                }
                answered[i] = true;
                long rtt = System.nanoTime() - getLong(buffer, 8);
                long micros = Math.max(1, rtt / 1000);
                maxSeen = Math.max(maxSeen, rtt);
                if (received[i] == 0) {
                    firstRtt[i] = micros;
                    rttMin[i] = micros;
                }
                received[i]++;
                rttMin[i] = Math.min(rttMin[i], micros);
                rttMax[i] = Math.max(rttMax[i], micros);
                rttSum[i] += micros;
            }
        }
        return maxSeen;
    }

    private static void putLong(byte[] b, int o, long v) {
        for (int k = 7; k >= 0; k--) {
            b[o + k] = (byte) v;
            v >>>= 8;
        }
    }

    private static long getLong(byte[] b, int o) {
        long v = 0;
        for (int k = 0; k < 8; k++) {
            v = v << 8 | (b[o + k] & 0xff);
        }
        return v;
    }
}
