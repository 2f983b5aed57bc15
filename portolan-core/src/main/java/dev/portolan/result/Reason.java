package dev.portolan.result;

/** Why a port or host got its state, with nmap's reason names (as in {@code --reason} and XML). */
public enum Reason {
    SYN_ACK("syn-ack"),
    CONN_REFUSED("conn-refused"),
    RESET("reset"),
    NO_RESPONSE("no-response"),
    HOST_UNREACH("host-unreach"),
    NET_UNREACH("net-unreach"),
    PORT_UNREACH("port-unreach"),
    PROTO_UNREACH("proto-unreach"),
    ADMIN_PROHIBITED("admin-prohibited"),
    HOST_PROHIBITED("host-prohibited"),
    NET_PROHIBITED("net-prohibited"),
    /** ICMPv6 unreachable code 0. */
    NO_ROUTE("no-route"),
    /** ICMPv6 unreachable code 2: beyond the scope of the source address. */
    BEYOND_SCOPE("beyond-scope"),
    /** ICMPv6 unreachable code 6. */
    REJECT_ROUTE("reject-route"),
    TIME_EXCEEDED("time-exceeded"),
    UDP_RESPONSE("udp-response"),
    ECHO_REPLY("echo-reply"),
    ARP_RESPONSE("arp-response"),
    /** ICMP timestamp reply to -PP. */
    TIMESTAMP_REPLY("timestamp-reply"),
    /** ICMP address mask reply to -PM. */
    MASK_REPLY("mask-reply"),
    /** IPv6 neighbour advertisement to a solicitation. */
    ND_RESPONSE("nd-response"),
    LOCALHOST_RESPONSE("localhost-response"),
    USER_SET("user-set"),
    UNKNOWN_RESPONSE("unknown-response");

    private final String label;

    Reason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
