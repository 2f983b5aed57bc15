package dev.portolan.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EchoTemplateTest {
    private static final Ipv4Address SCANNER = Ipv4Address.parse("192.0.2.1");

    @Test
    void writeGivesTheGoldenRequest() {
        Ipv4EchoTemplate t = new Ipv4EchoTemplate(SCANNER.bits(), 64);
        byte[] b = t.write(Ipv4Address.parse("198.51.100.7").bits(), 0x1235, 0x1234, 2, 0x0102030405060708L);
        assertThat(b).isEqualTo(Hex.bytes(
                "45 00 0024", "1235 0000", "40 01 0000", "c0000201 c6336407", // 36 bytes, TTL 64, ICMP, no sum
                "08 00 d5b5", "1234 0002",                                    // echo request, id 0x1234, seq 2
                "01020304 05060708"));                                        // the data
        assertThat(InternetChecksum.of(b, 20, 16)).as("the ICMP message verifies").isZero();
    }

    /** The same bytes as the codec assembles, but for the IPv4 checksum, which the kernel fills in. */
    @Test
    void writesEqualAssembledPacketsForRandomTargets() {
        SplittableRandom random = new SplittableRandom(8);
        for (int n = 0; n < 5_000; n++) {
            int source = random.nextInt();
            int ttl = 1 + random.nextInt(255);
            Ipv4EchoTemplate t = new Ipv4EchoTemplate(source, ttl);
            // the same template written again: nothing of the previous target may stay behind
            for (int k = 0; k < 3; k++) {
                int destination = random.nextInt();
                int identification = random.nextInt(65536);
                int identifier = random.nextInt(65536);
                int sequence = random.nextInt(65536);
                long data = random.nextLong();
                byte[] written = t.write(destination, identification, identifier, sequence, data);
                byte[] assembled = IpPacket.assemble(new Ipv4Header(0, 0, identification, 0, 0, ttl, IpProtocol.ICMP,
                        0, new Ipv4Address(source), new Ipv4Address(destination), Bytes.EMPTY),
                        Icmpv4Message.Echo.request(identifier, sequence,
                                Bytes.of(ByteBuffer.allocate(8).putLong(data).array())), Bytes.EMPTY).toBytes();
                assembled[10] = 0;
                assembled[11] = 0;
                assertThat(written).as("case %d.%d", n, k).isEqualTo(assembled);
            }
        }
        assertThat(new Ipv4EchoTemplate(7, 1).source()).isEqualTo(7);
    }

    @Test
    void ttlIsChecked() {
        assertThatThrownBy(() -> new Ipv4EchoTemplate(1, 0)).hasMessage("TTL 0 is outside 1..255");
        assertThatThrownBy(() -> new Ipv4EchoTemplate(1, 256)).hasMessage("TTL 256 is outside 1..255");
        assertThat(Arrays.copyOf(new Ipv4EchoTemplate(1, 255).write(2, 0, 0, 0, 0), 9)[8]).isEqualTo((byte) 255);
    }
}
