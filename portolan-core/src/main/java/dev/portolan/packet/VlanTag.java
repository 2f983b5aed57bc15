package dev.portolan.packet;

/** One 802.1Q (or 802.1ad) tag: its TPID and the tag control fields priority, drop-eligible and VLAN id. */
public record VlanTag(int tpid, int priority, boolean dropEligible, int vlanId) {
    public VlanTag {
        Fields.range("ethernet", "VLAN TPID", tpid, 0xffff);
        Fields.range("ethernet", "VLAN priority", priority, 7);
        Fields.range("ethernet", "VLAN id", vlanId, 4095);
    }

    /** An 802.1Q tag with priority 0. */
    public static VlanTag of(int vlanId) {
        return new VlanTag(EtherType.VLAN, 0, false, vlanId);
    }

    /** The 16-bit tag control information as on the wire. */
    public int tci() {
        return priority << 13 | (dropEligible ? 1 << 12 : 0) | vlanId;
    }
}
