package dev.portolan.packet;

import java.nio.ByteBuffer;

/** An ARP packet for IPv4 over Ethernet (RFC 826): hardware type 1, protocol 0x0800, sizes 6 and 4. */
public record ArpPacket(int operation, MacAddress senderMac, Ipv4Address senderIp, MacAddress targetMac,
                        Ipv4Address targetIp) {
    static final String LAYER = "arp";
    public static final int REQUEST = 1;
    public static final int REPLY = 2;
    /** Every ARP packet of this kind is 28 bytes. */
    public static final int LENGTH = 28;

    public ArpPacket {
        Fields.range(LAYER, "operation", operation, 0xffff);
        Fields.present(LAYER, "sender MAC", senderMac);
        Fields.present(LAYER, "sender IP", senderIp);
        Fields.present(LAYER, "target MAC", targetMac);
        Fields.present(LAYER, "target IP", targetIp);
    }

    /** "Who has targetIp? Tell senderIp": the target MAC is left zero. */
    public static ArpPacket request(MacAddress senderMac, Ipv4Address senderIp, Ipv4Address targetIp) {
        return new ArpPacket(REQUEST, senderMac, senderIp, MacAddress.ZERO, targetIp);
    }

    /** "senderIp is at senderMac", addressed to the asker. */
    public static ArpPacket reply(MacAddress senderMac, Ipv4Address senderIp, MacAddress targetMac,
                                  Ipv4Address targetIp) {
        return new ArpPacket(REPLY, senderMac, senderIp, targetMac, targetIp);
    }

    public int length() {
        return LENGTH;
    }

    /** Reads 28 bytes at {@code buf}'s position; anything but Ethernet/IPv4 address sizes is refused. */
    public static ArpPacket parse(ByteBuffer buf) {
        int off = buf.position();
        Fields.need(LAYER, buf.remaining(), LENGTH, "packet");
        int htype = BigEndian.u16(buf, off);
        if (htype != 1) {
            throw new MalformedPacketException(LAYER, "hardware type " + htype + " is not Ethernet (1)");
        }
        int ptype = BigEndian.u16(buf, off + 2);
        if (ptype != EtherType.IPV4) {
            throw new MalformedPacketException(LAYER, "protocol type 0x" + Integer.toHexString(ptype)
                    + " is not IPv4 (0x800)");
        }
        int hlen = BigEndian.u8(buf, off + 4);
        int plen = BigEndian.u8(buf, off + 5);
        if (hlen != 6 || plen != 4) {
            throw new MalformedPacketException(LAYER, "address sizes " + hlen + " and " + plen
                    + ", expected 6 and 4");
        }
        return new ArpPacket(BigEndian.u16(buf, off + 6), MacAddress.read(buf, off + 8),
                Ipv4Address.read(buf, off + 14), MacAddress.read(buf, off + 18), Ipv4Address.read(buf, off + 24));
    }

    public void writeTo(ByteBuffer out) {
        Fields.room(out, LENGTH);
        BigEndian.put16(out, 1);
        BigEndian.put16(out, EtherType.IPV4);
        BigEndian.put8(out, 6);
        BigEndian.put8(out, 4);
        BigEndian.put16(out, operation);
        senderMac.write(out);
        BigEndian.put32(out, senderIp.bits());
        targetMac.write(out);
        BigEndian.put32(out, targetIp.bits());
    }

    public byte[] toBytes() {
        byte[] b = new byte[LENGTH];
        writeTo(ByteBuffer.wrap(b));
        return b;
    }
}
