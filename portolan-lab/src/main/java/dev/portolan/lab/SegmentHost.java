package dev.portolan.lab;

import java.util.Objects;

/**
 * A host on the lab's shared Ethernet segment ({@link Lab#segment}): its number in 198.51.100.0/24 and
 * 2001:db8::/64, the MAC of its interface and what it answers.
 *
 * @param name a label for messages
 * @param number the last part of its addresses, 2 to 254 (the scanner is 1)
 * @param mac its interface's MAC ("DC:A6:32:00:00:07"), so that vendor lookups can be checked
 * @param answers which probes it answers
 */
public record SegmentHost(String name, int number, String mac, Answers answers) {
    /** What a segment host answers; a host that answers nothing is simply an address with no host. */
    public enum Answers {
        /** ICMP, TCP (RST or SYN-ACK), ARP and ND: a plain Linux host. */
        EVERYTHING,
        /** ICMP is dropped by its firewall; TCP, ARP and ND still answer. */
        TCP_ONLY,
        /** Every IP packet is dropped; only ARP (and IPv6 neighbour discovery) answer. */
        ARP_ONLY
    }

    public SegmentHost {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(answers, "answers");
        if (number < 2 || number > 254) {
            throw new IllegalArgumentException("segment host number " + number + " is outside 2..254");
        }
        if (!mac.matches("[0-9A-F]{2}(:[0-9A-F]{2}){5}") || (Integer.parseInt(mac.substring(0, 2), 16) & 1) != 0) {
            throw new IllegalArgumentException("MAC " + mac + " is not a unicast address in upper-case hex");
        }
    }

    public String ipv4() {
        return Lab.SEGMENT_IPV4_PREFIX + number;
    }

    public String ipv6() {
        return "2001:db8::" + Integer.toHexString(number);
    }

    /** The iptables-restore input of its firewall for IPv4 (or IPv6), empty when it has none. */
    String firewall(boolean ipv6) {
        return switch (answers) {
            case EVERYTHING -> "";
            case TCP_ONLY -> ipv6
                    ? "*filter\n-A INPUT -p ipv6-icmp --icmpv6-type echo-request -j DROP\nCOMMIT\n"
                    : "*filter\n-A INPUT -p icmp -j DROP\nCOMMIT\n";
            case ARP_ONLY -> ipv6
                    ? "*filter\n-A INPUT -p ipv6-icmp --icmpv6-type neighbour-solicitation -j ACCEPT\n"
                            + "-A INPUT -p ipv6-icmp --icmpv6-type neighbour-advertisement -j ACCEPT\n"
                            + "-A INPUT -j DROP\nCOMMIT\n"
                    : "*filter\n-A INPUT -j DROP\nCOMMIT\n";
        };
    }
}
