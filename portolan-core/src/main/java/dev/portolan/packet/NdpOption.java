package dev.portolan.packet;

import java.nio.ByteBuffer;

/**
 * A neighbor discovery option (RFC 4861 §4.6): link-layer addresses (Ethernet), prefix information and MTU as
 * records, any other type (or a link-layer address that is not 6 bytes) kept raw. Lengths are multiples of 8.
 */
public sealed interface NdpOption {
    int SOURCE_LINK_LAYER_ADDRESS = 1;
    int TARGET_LINK_LAYER_ADDRESS = 2;
    int PREFIX_INFORMATION = 3;
    int MTU = 5;

    int type();

    /** Bytes on the wire, type and length bytes included. */
    int length();

    void writeTo(ByteBuffer out);

    /** Source link-layer address (type 1), the sender's MAC. */
    record SourceLinkLayerAddress(MacAddress address) implements NdpOption {
        public SourceLinkLayerAddress {
            Fields.present(Icmpv6Parser.LAYER, "address", address);
        }

        @Override
        public int type() {
            return SOURCE_LINK_LAYER_ADDRESS;
        }

        @Override
        public int length() {
            return 8;
        }

        @Override
        public void writeTo(ByteBuffer out) {
            BigEndian.put8(out, SOURCE_LINK_LAYER_ADDRESS);
            BigEndian.put8(out, 1);
            address.write(out);
        }
    }

    /** Target link-layer address (type 2), the MAC of the target of a solicitation. */
    record TargetLinkLayerAddress(MacAddress address) implements NdpOption {
        public TargetLinkLayerAddress {
            Fields.present(Icmpv6Parser.LAYER, "address", address);
        }

        @Override
        public int type() {
            return TARGET_LINK_LAYER_ADDRESS;
        }

        @Override
        public int length() {
            return 8;
        }

        @Override
        public void writeTo(ByteBuffer out) {
            BigEndian.put8(out, TARGET_LINK_LAYER_ADDRESS);
            BigEndian.put8(out, 1);
            address.write(out);
        }
    }

    /**
     * Prefix information (type 3): {@code flags} holds L (0x80, on-link), A (0x40, autonomous) and the reserved bits;
     * lifetimes in seconds, 0xffffffff is infinity.
     */
    record PrefixInformation(int prefixLength, int flags, int validLifetime, int preferredLifetime, int reserved,
                             Ipv6Address prefix) implements NdpOption {
        public PrefixInformation {
            Fields.range(Icmpv6Parser.LAYER, "prefix length", prefixLength, 0xff);
            Fields.range(Icmpv6Parser.LAYER, "prefix flags", flags, 0xff);
            Fields.present(Icmpv6Parser.LAYER, "prefix", prefix);
        }

        public boolean onLink() {
            return (flags & 0x80) != 0;
        }

        public boolean autonomous() {
            return (flags & 0x40) != 0;
        }

        @Override
        public int type() {
            return PREFIX_INFORMATION;
        }

        @Override
        public int length() {
            return 32;
        }

        @Override
        public void writeTo(ByteBuffer out) {
            BigEndian.put8(out, PREFIX_INFORMATION);
            BigEndian.put8(out, 4);
            BigEndian.put8(out, prefixLength);
            BigEndian.put8(out, flags);
            BigEndian.put32(out, validLifetime);
            BigEndian.put32(out, preferredLifetime);
            BigEndian.put32(out, reserved);
            prefix.write(out);
        }
    }

    /** MTU (type 5): the link MTU a router advertises, after 16 reserved bits. */
    record Mtu(int reserved, int mtu) implements NdpOption {
        public Mtu {
            Fields.range(Icmpv6Parser.LAYER, "MTU option reserved", reserved, 0xffff);
        }

        @Override
        public int type() {
            return MTU;
        }

        @Override
        public int length() {
            return 8;
        }

        @Override
        public void writeTo(ByteBuffer out) {
            BigEndian.put8(out, MTU);
            BigEndian.put8(out, 1);
            BigEndian.put16(out, reserved);
            BigEndian.put32(out, mtu);
        }
    }

    /** Any other option: the bytes after its type and length bytes (6, 14, 22, ... of them). */
    record Unknown(int type, Bytes data) implements NdpOption {
        public Unknown {
            Fields.range(Icmpv6Parser.LAYER, "option type", type, 0xff);
            Fields.present(Icmpv6Parser.LAYER, "option data", data);
            int length = 2 + data.length();
            if (length % 8 != 0 || length > 8 * 255) {
                throw new IllegalArgumentException(Icmpv6Parser.LAYER + ": option of " + length
                        + " bytes, need a multiple of 8 up to 2040");
            }
        }

        @Override
        public int length() {
            return 2 + data.length();
        }

        @Override
        public void writeTo(ByteBuffer out) {
            BigEndian.put8(out, type);
            BigEndian.put8(out, length() / 8);
            data.writeTo(out);
        }
    }
}
