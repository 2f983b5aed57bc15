package dev.portolan.technique.discovery;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/** Whether an address is this machine: loopback (127.0.0.0/8, ::1), the wildcard, or an interface's address. */
public final class LocalAddresses implements Predicate<InetAddress> {
    private final Set<InetAddress> own;

    private LocalAddresses(Set<InetAddress> own) {
        this.own = own;
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

    @Override
    public boolean test(InetAddress address) {
        return address.isLoopbackAddress() || address.isAnyLocalAddress() || own.contains(address);
    }
}
