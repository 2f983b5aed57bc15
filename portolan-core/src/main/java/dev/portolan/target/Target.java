package dev.portolan.target;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One host to scan: its address and, when the user named it, the name as given.
 *
 * @param address the address probes go to
 * @param userName the host name from the command line or target file, if the target was given by name
 */
public record Target(InetAddress address, Optional<String> userName) {

    public Target {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(userName, "userName");
    }

    public static Target of(InetAddress address) {
        return new Target(address, Optional.empty());
    }

    public static Target named(InetAddress address, String name) {
        return new Target(address, Optional.of(name));
    }

    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    /** The address as text without a leading slash or host part ("192.0.2.1", "2001:db8::1"). */
    public String ip() {
        return Addresses.format(address);
    }

    @Override
    public String toString() {
        return userName.map(n -> n + " (" + ip() + ")").orElse(ip());
    }
}
