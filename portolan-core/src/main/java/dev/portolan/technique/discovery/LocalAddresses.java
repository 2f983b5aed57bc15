package dev.portolan.technique.discovery;

import dev.portolan.target.Addresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/** Whether an address is this machine: loopback (127.0.0.0/8, ::1), the wildcard, or an interface's address. */
public final class LocalAddresses implements Predicate<InetAddress> {
    private static final LocalAddresses NONE = new LocalAddresses(Set.of(), false);

    private final Set<InetAddress> own;
    /** The IPv4 ones among {@link #own}, as their 32 bits. */
    private final int[] ownIpv4;
    /** Whether loopback and the wildcard count: always, but in {@link #none()}. */
    private final boolean loopback;

    private LocalAddresses(Set<InetAddress> own) {
        this(own, true);
    }

    private LocalAddresses(Set<InetAddress> own, boolean loopback) {
        this.own = own;
        this.loopback = loopback;
        this.ownIpv4 = own.stream().filter(a -> a instanceof Inet4Address)
                .mapToInt(a -> (int) Addresses.ipv4Value((Inet4Address) a)).toArray();
    }

    /** The addresses of this machine's interfaces as they are now; none when they cannot be listed. */
    public static LocalAddresses ofThisMachine() {
        Set<InetAddress> own = new HashSet<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                own.addAll(Collections.list(nif.getInetAddresses()));
            }
        } catch (SocketException | RuntimeException e) {
            // without the list only loopback and the wildcard are known to be local
        }
        return new LocalAddresses(Set.copyOf(own));
    }

    /** Only loopback and the wildcard address count as local. */
    public static LocalAddresses loopbackOnly() {
        return new LocalAddresses(Set.of());
    }

    /** No address is local, loopback included: every host gets probes (the AOT training's loopback sweep). */
    public static LocalAddresses none() {
        return NONE;
    }

    @Override
    public boolean test(InetAddress address) {
        return loopback && (address.isLoopbackAddress() || address.isAnyLocalAddress()) || own.contains(address);
    }

    /** {@link #test} of the IPv4 address whose 32 bits are {@code address}, without making it. */
    public boolean testIpv4(int address) {
        if (loopback && (address >>> 24 == 127 || address == 0)) {
            return true;
        }
        for (int a : ownIpv4) {
            if (a == address) {
                return true;
            }
        }
        return false;
    }
}
