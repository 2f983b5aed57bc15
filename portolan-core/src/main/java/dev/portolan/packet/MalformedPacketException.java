package dev.portolan.packet;

/** Bytes that are no valid packet at one layer; the message is one line: "tcp: data offset 3 is below 5". */
// unchecked: the receive loop catches it in one place and drops the packet; declaring it through every nested
// parser and lambda would buy nothing
public final class MalformedPacketException extends RuntimeException {
    private final String layer;

    public MalformedPacketException(String layer, String problem) {
        // no stack trace: garbage on the wire can make this frequent, and the message says all there is to know
        super(layer + ": " + problem, null, false, false);
        this.layer = layer;
    }

    /** The layer that rejected the bytes: "ethernet", "arp", "ipv4", "ipv6", "tcp", "udp", "icmp", "icmpv6", "ip". */
    public String layer() {
        return layer;
    }
}
