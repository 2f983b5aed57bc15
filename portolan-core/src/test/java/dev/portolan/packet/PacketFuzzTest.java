package dev.portolan.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Seeded random input for every codec: random bytes, every truncation of valid packets, and bit flips and byte
 * overwrites of them. Only {@link MalformedPacketException} may escape a parse, and whatever parses must write
 * back to the very bytes it was read from.
 */
class PacketFuzzTest {
    private static final int CASES_PER_CODEC = 11_200;

    /** A codec under test: its parser, and the bytes a parsed record writes back. */
    private record Codec(String name, Function<ByteBuffer, Object> parse, Function<Object, byte[]> write,
                         List<byte[]> samples) {
    }

    private static List<Codec> codecs() {
        String quotedSyn = "4500 002c 1234 0000 0106 bb5c c0000201 c6336407 9c40 0016 c0ffee00";
        String quotedSyn6 = "60000000 0018 06 01 20010db8000000000000000000000001 20010db8000000000000000000000007"
                + "9c40 0016 c0ffee00";
        String ns = "8700 9ab0 00000000 fe800000000000000211 22ff fe33 4455";
        List<byte[]> icmp = List.of(Hex.bytes("0800 5435 1234 0001 6162636465666768"),
                Hex.bytes("0d00 0439 0007 0009 0036ee80 00000000 00000000"), Hex.bytes("1200 eeee 0007 0009 ffffff00"),
                Hex.bytes("0b00 a9a8 00000000", quotedSyn), Hex.bytes("0303 0000 00000000", quotedSyn, "01020304"),
                Arrays.copyOfRange(CapturedPacketsTest.PORT_UNREACHABLE, 20, 61), Hex.bytes("0501 0000 cb0071fe"));
        List<byte[]> icmp6 = List.of(Hex.bytes("8000 4d43 1234 0001 61626364"),
                Hex.bytes("0300 9331 00000000", quotedSyn6),
                Hex.bytes("0200 0000 00000500", quotedSyn6), Hex.bytes("0401 0000 00000028", quotedSyn6),
                Hex.bytes(ns, "0101 02aabbccddee"),
                Arrays.copyOfRange(CapturedPacketsTest.NEIGHBOR_ADVERTISEMENT, 40, 72),
                Hex.bytes("8600 7c98 4040 0708 00000000 00000000 0101 00005e005301 0501 0000 000005dc",
                        "0304 40c0 00015180 00003840 00000000 20010db8000000000000000000000000"),
                Hex.bytes("0104 0000 00000000", "60000000 0008 00 40 20010db8000000000000000000000001",
                        "20010db8000000000000000000000007 3a00 050200000100 9c40 0035 000d c412"));
        List<byte[]> packets = List.of(CapturedPacketsTest.LINUX_SYN_ACK, CapturedPacketsTest.PORT_UNREACHABLE,
                CapturedPacketsTest.NEIGHBOR_ADVERTISEMENT, CapturedPacketsTest.SYN_PROBE,
                IpHeaderTest.IPV4_WITH_OPTIONS,
                IpHeaderTest.IPV6_WITH_EXTENSIONS,
                Hex.bytes("4500 001c 0002 20b9 4011 6dda c0000201 c6336407 0102030405060708"),
                Hex.bytes("60000000 000c 3a 40 20010db8000000000000000000000001 20010db8000000000000000000000007",
                        "8000 4d43 1234 0001 61626364"));
        return List.of(
                new Codec("ethernet", EthernetHeader::parse, r -> ((EthernetHeader) r).toBytes(), List.of(
                        Hex.bytes("001122334455 02aabbccddee 0800"),
                        Hex.bytes("001122334455 02aabbccddee 8100 6064 86dd"),
                        Hex.bytes("ffffffffffff 02aabbccddee 88a8 a00a 8100 1064 0806"))),
                new Codec("arp", ArpPacket::parse, r -> ((ArpPacket) r).toBytes(), List.of(
                        Hex.bytes("0001 0800 06 04 0001 02aabbccddee c0000202 000000000000 c0000201"),
                        Hex.bytes("0001 0800 06 04 0002 001122334455 c0000201 02aabbccddee c0000202"))),
                new Codec("ipv4", Ipv4Header::parse, r -> ((Ipv4Header) r).toBytes(),
                        List.of(IpHeaderTest.IPV4_WITH_OPTIONS, CapturedPacketsTest.LINUX_SYN_ACK)),
                new Codec("ipv6", Ipv6Header::parse, r -> ((Ipv6Header) r).toBytes(),
                        List.of(IpHeaderTest.IPV6_WITH_EXTENSIONS, CapturedPacketsTest.NEIGHBOR_ADVERTISEMENT)),
                new Codec("tcp", TcpHeader::parse, r -> ((TcpHeader) r).toBytes(), List.of(
                        Arrays.copyOfRange(CapturedPacketsTest.LINUX_SYN_ACK, 20, 60),
                        Hex.bytes("0050 c350 00000064 000003e8 c018 01f5 1234 0000 0101 0512 000007d0 00000bb8",
                                "00000fa0 00001388 1e04 0081 00 000000"))),
                new Codec("udp", UdpHeader::parse, r -> ((UdpHeader) r).toBytes(),
                        List.of(Hex.bytes("9c40 0035 000d 3350 68656c6c6f"))),
                new Codec("icmp", Icmpv4Message::parse, r -> ((Icmpv4Message) r).toBytes(), icmp),
                new Codec("icmpv6", Icmpv6Message::parse, r -> ((Icmpv6Message) r).toBytes(), icmp6),
                new Codec("ip", b -> {
                    IpPacket p = IpPacket.parse(b);
                    p.checksumValid(); // must not throw either
                    return p;
                }, r -> ((IpPacket) r).toBytes(), packets));
    }

    @Test
    void onlyMalformedPacketExceptionEscapesAndParsedRecordsWriteBackTheirBytes() {
        SplittableRandom random = new SplittableRandom(0x5eed);
        int total = 0;
        for (Codec codec : codecs()) {
            int parsed = 0;
            int refused = 0;
            for (byte[] sample : codec.samples()) {
                for (int cut = 0; cut <= sample.length; cut++) {
                    if (check(codec, Arrays.copyOf(sample, cut), random)) {
                        parsed++;
                    } else {
                        refused++;
                    }
                }
            }
            while (parsed + refused < CASES_PER_CODEC) {
                if (check(codec, mutate(codec.samples(), random), random)) {
                    parsed++;
                } else {
                    refused++;
                }
            }
            // both outcomes must occur, or the mutations are not probing anything
            assertThat(parsed).as(codec.name() + " parsed").isGreaterThan(100);
            assertThat(refused).as(codec.name() + " refused").isGreaterThan(100);
            total += parsed + refused;
        }
        assertThat(total).isGreaterThanOrEqualTo(9 * CASES_PER_CODEC);
    }

    private static byte[] mutate(List<byte[]> samples, SplittableRandom random) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            byte[] b = new byte[random.nextInt(120)];
            random.nextBytes(b);
            return b;
        }
        byte[] b = samples.get(random.nextInt(samples.size())).clone();
        if (b.length == 0) {
            return b;
        }
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes; i++) {
            int at = random.nextInt(b.length);
            switch (kind % 3) {
                case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[at] = (byte) new int[] {0, 1, 2, 4, 5, 8, 0x7f, 0x80, 0xff}[random.nextInt(9)];
                default -> b[at] = (byte) random.nextInt(256);
            }
        }
        if (random.nextInt(4) == 0) {
            b = Arrays.copyOf(b, random.nextInt(b.length + 16)); // cut short, or extended with zeros
        }
        return b;
    }

    /** True when the bytes parsed; fails the test on any exception other than MalformedPacketException. */
    private static boolean check(Codec codec, byte[] input, SplittableRandom random) {
        // half the cases read from the middle of a little-endian buffer, to prove position and byte order are honoured
        ByteBuffer buf;
        int offset = 0;
        if (random.nextBoolean()) {
            offset = 1 + random.nextInt(7);
            buf = ByteBuffer.allocate(input.length + offset + 5).order(ByteOrder.LITTLE_ENDIAN);
            buf.position(offset).put(input).position(offset).limit(offset + input.length);
        } else {
            buf = ByteBuffer.wrap(input);
        }
        Object record;
        try {
            record = codec.parse().apply(buf);
        } catch (MalformedPacketException e) {
            assertThat(e.getMessage()).startsWith(e.layer() + ": ").doesNotContain("\n");
            return false;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(codec.name() + " threw " + e + " on " + Hex.of(input), e);
        }
        assertThat(buf.position()).as("%s moved the position", codec.name()).isEqualTo(offset);
        byte[] written = codec.write().apply(record);
        if (written.length > input.length || !Arrays.equals(written, Arrays.copyOf(input, written.length))) {
            throw new AssertionError(codec.name() + " wrote " + Hex.of(written) + " for " + Hex.of(input));
        }
        assertThat(record.toString()).isNotEmpty();
        return true;
    }
}
