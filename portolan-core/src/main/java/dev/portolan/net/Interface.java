package dev.portolan.net;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A network interface of this host as the kernel reports it: name, index, link address, MTU, flags, addresses. */
public record Interface(String name, int index, Optional<HardwareAddress> mac, int mtu, int flags,
        List<Address> addresses) {
    // the kernel's IFF_* flags
    public static final int IFF_UP = 0x1;
    public static final int IFF_BROADCAST = 0x2;
    public static final int IFF_LOOPBACK = 0x8;
    public static final int IFF_POINTOPOINT = 0x10;
    public static final int IFF_RUNNING = 0x40;
    public static final int IFF_NOARP = 0x80;
    public static final int IFF_PROMISC = 0x100;
    public static final int IFF_MULTICAST = 0x1000;
    public static final int IFF_LOWER_UP = 0x10000;

    /** One address of an interface with the length of its network prefix; prints as "127.0.0.1/8". */
    public record Address(InetAddress address, int prefixLength) {
        public Address {
            Objects.requireNonNull(address, "address");
            int max = address.getAddress().length * 8;
            if (prefixLength < 0 || prefixLength > max) {
                throw new IllegalArgumentException("prefix length " + prefixLength + " is outside 0.." + max);
            }
        }

        @Override
        public String toString() {
            return address.getHostAddress() + "/" + prefixLength;
        }
    }

    public Interface {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mac, "mac");
        if (index < 1) {
            throw new IllegalArgumentException("interface " + name + ": index " + index + " is not positive");
        }
        addresses = List.copyOf(addresses);
    }

    public boolean isUp() {
        return (flags & IFF_UP) != 0;
    }

    public boolean isLoopback() {
        return (flags & IFF_LOOPBACK) != 0;
    }

    /** Up with its link up: it can carry packets now. */
    public boolean isRunning() {
        return (flags & IFF_RUNNING) != 0;
    }

    /** True when the interface resolves neighbours (ARP/NDP): not loopback, point-to-point or NOARP. */
    public boolean hasNeighbours() {
        return (flags & (IFF_LOOPBACK | IFF_POINTOPOINT | IFF_NOARP)) == 0;
    }
}
