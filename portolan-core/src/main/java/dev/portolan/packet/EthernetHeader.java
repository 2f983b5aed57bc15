package dev.portolan.packet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * An Ethernet II header with up to two VLAN tags (802.1Q, or an 802.1ad outer tag then 802.1Q), outer tag first.
 * An EtherType below 0x0600 is an 802.3 length; it is kept as it is and left to the caller.
 */
public record EthernetHeader(MacAddress destination, MacAddress source, List<VlanTag> vlanTags, int etherType) {
    static final String LAYER = "ethernet";
    public static final int MAX_TAGS = 2;

    public EthernetHeader {
        Fields.present(LAYER, "destination", destination);
        Fields.present(LAYER, "source", source);
        vlanTags = List.copyOf(Fields.present(LAYER, "VLAN tags", vlanTags));
        if (vlanTags.size() > MAX_TAGS) {
            throw new IllegalArgumentException(LAYER + ": " + vlanTags.size() + " VLAN tags, at most " + MAX_TAGS);
        }
        Fields.range(LAYER, "EtherType", etherType, 0xffff);
    }

    /** An untagged header. */
    public static EthernetHeader of(MacAddress destination, MacAddress source, int etherType) {
        return new EthernetHeader(destination, source, List.of(), etherType);
    }

    /** Bytes on the wire: 14, plus 4 per tag. */
    public int length() {
        return 14 + 4 * vlanTags.size();
    }

    /** Reads the header at {@code buf}'s position; the payload starts {@link #length()} bytes further. */
    public static EthernetHeader parse(ByteBuffer buf) {
        int off = buf.position();
        int avail = buf.remaining();
        Fields.need(LAYER, avail, 14, "header");
        MacAddress dst = MacAddress.read(buf, off);
        MacAddress src = MacAddress.read(buf, off + 6);
        int pos = 12;
        int type = BigEndian.u16(buf, off + pos);
        List<VlanTag> tags = List.of();
        while (type == EtherType.VLAN || type == EtherType.QINQ) {
            if (tags.size() == MAX_TAGS) {
                throw new MalformedPacketException(LAYER, "more than " + MAX_TAGS + " VLAN tags");
            }
            Fields.need(LAYER, avail, pos + 6, "VLAN tag " + (tags.size() + 1));
            int tci = BigEndian.u16(buf, off + pos + 2);
            if (tags.isEmpty()) {
                tags = new ArrayList<>(MAX_TAGS);
            }
            tags.add(new VlanTag(type, tci >>> 13, (tci & 0x1000) != 0, tci & 0xfff));
            pos += 4;
            type = BigEndian.u16(buf, off + pos);
        }
        return new EthernetHeader(dst, src, tags, type);
    }

    public void writeTo(ByteBuffer out) {
        Fields.room(out, length());
        destination.write(out);
        source.write(out);
        for (int i = 0; i < vlanTags.size(); i++) {
            VlanTag t = vlanTags.get(i);
            BigEndian.put16(out, t.tpid());
            BigEndian.put16(out, t.tci());
        }
        BigEndian.put16(out, etherType);
    }

    public byte[] toBytes() {
        byte[] b = new byte[length()];
        writeTo(ByteBuffer.wrap(b));
        return b;
    }
}
