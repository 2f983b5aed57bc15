package dev.portolan.packet;

import java.nio.ByteBuffer;

/** An IPv4 or IPv6 header, extension headers included, as far as the upper-layer protocol. */
public sealed interface IpHeader permits Ipv4Header, Ipv6Header {
    /** 4 or 6. */
    int version();

    /** Bytes from the start of the header to the upper-layer header (IPv6: extension headers included). */
    int headerLength();

    /** The protocol of what follows the header: TCP 6, UDP 17, ICMP 1, ICMPv6 58, ... */
    int upperLayerProtocol();

    /** True when this datagram is a fragment, so the upper layer cannot be read from it alone. */
    boolean isFragment();

    /** The sum of the pseudo-header that TCP, UDP and ICMPv6 checksums cover, for an upper layer of that length. */
    long pseudoHeaderSum(int protocol, int upperLayerLength);

    void writeTo(ByteBuffer out);
}
