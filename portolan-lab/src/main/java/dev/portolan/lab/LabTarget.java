package dev.portolan.lab;

import java.util.Objects;

/**
 * One built target: its namespace, its addresses and the scanner's side of the link that leads to it.
 *
 * @param spec what was declared for it
 * @param namespace the target's network namespace ("plab-t0-4f3a")
 * @param ipv4 the target's IPv4 address, in 198.51.100.0/24
 * @param ipv6 the target's IPv6 address, in 2001:db8::/64
 * @param scannerInterface the scanner namespace's interface on this link (for nmap's -e)
 * @param scannerIpv4 the scanner's IPv4 address on this link
 * @param scannerIpv6 the scanner's IPv6 address on this link
 */
public record LabTarget(LabHost spec, String namespace, String ipv4, String ipv6, String scannerInterface,
                        String scannerIpv4, String scannerIpv6) {
    /** The target's interface name inside its own namespace. */
    public static final String INTERFACE = "eth0";

    public LabTarget {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(ipv4, "ipv4");
        Objects.requireNonNull(ipv6, "ipv6");
        Objects.requireNonNull(scannerInterface, "scannerInterface");
        Objects.requireNonNull(scannerIpv4, "scannerIpv4");
        Objects.requireNonNull(scannerIpv6, "scannerIpv6");
    }

    public String name() {
        return spec.name();
    }

    public GroundTruth truth() {
        return spec.truth();
    }
}
