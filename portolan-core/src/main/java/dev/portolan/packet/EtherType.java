package dev.portolan.packet;

/** EtherType numbers (IEEE 802 / IANA) used by the codecs. */
public final class EtherType {
    public static final int IPV4 = 0x0800;
    public static final int ARP = 0x0806;
    public static final int VLAN = 0x8100;
    public static final int IPV6 = 0x86dd;
    /** The 802.1ad service tag (QinQ outer tag). */
    public static final int QINQ = 0x88a8;

    private EtherType() {
    }
}
