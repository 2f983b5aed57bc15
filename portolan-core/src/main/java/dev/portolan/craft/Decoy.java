package dev.portolan.craft;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * One entry of nmap's -D list: the scanner's own address ({@link Me}), an address only written as a source
 * ({@link Spoofed}), or nmap's RND ({@link Random}, one random public address of each family).
 */
public sealed interface Decoy {
    /**
     * The source this entry writes into a probe to an IPv6 ({@code ipv6}) or IPv4 target; null for ME and for an
     * address of the other family, which has no place in that probe.
     */
    InetAddress source(boolean ipv6);

    /** ME: where the real probe goes in the order of the decoys. */
    record Me() implements Decoy {
        @Override
        public InetAddress source(boolean ipv6) {
            return null;
        }

        @Override
        public String toString() {
            return "ME";
        }
    }

    /** A source address the probe is also sent from; never a destination. */
    record Spoofed(InetAddress address) implements Decoy {
        public Spoofed {
            Objects.requireNonNull(address, "address");
        }

        public boolean isIpv6() {
            return address instanceof Inet6Address;
        }

        @Override
        public InetAddress source(boolean ipv6) {
            return isIpv6() == ipv6 ? address : null;
        }

        @Override
        public String toString() {
            return address.getHostAddress();
        }
    }

    /** RND: a random public address per family, drawn once, so probes to IPv4 and IPv6 targets both get one. */
    record Random(Inet4Address ipv4, Inet6Address ipv6) implements Decoy {
        public Random {
            Objects.requireNonNull(ipv4, "ipv4");
            Objects.requireNonNull(ipv6, "ipv6");
        }

        @Override
        public InetAddress source(boolean v6) {
            return v6 ? ipv6 : ipv4;
        }

        @Override
        public String toString() {
            return "RND(" + ipv4.getHostAddress() + "|" + ipv6.getHostAddress() + ")";
        }
    }

    Decoy ME = new Me();
}
