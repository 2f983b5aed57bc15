package dev.portolan.packet;

/** IP protocol / IPv6 next-header numbers (IANA) used by the codecs. */
public final class IpProtocol {
    public static final int HOP_BY_HOP = 0;
    public static final int ICMP = 1;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int IPV6_ROUTING = 43;
    public static final int IPV6_FRAGMENT = 44;
    public static final int ICMPV6 = 58;
    public static final int IPV6_NO_NEXT = 59;
    public static final int IPV6_DESTINATION_OPTIONS = 60;

    private IpProtocol() {
    }
}
