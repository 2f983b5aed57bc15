package dev.portolan.service.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The hand-made ClientHello, read back field by field as RFC 8446 section 4.1.2 lays it out. */
class ClientHelloTest {
    static final byte[] RANDOM = fill(0x5a);
    static final byte[] SHARE = fill(0x77);

    private static byte[] fill(int value) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) value);
        return b;
    }

    /** The hello's fields: legacy version, session id, suites and extensions by type. */
    record Hello(int legacyVersion, byte[] random, byte[] sessionId, List<Integer> suites,
                 Map<Integer, byte[]> extensions) {
    }

    static Hello read(byte[] record) {
        ByteBuffer b = ByteBuffer.wrap(record);
        assertThat(b.get()).isEqualTo((byte) 22);
        assertThat(b.getShort()).isEqualTo((short) 0x0301);
        assertThat(b.getShort() & 0xffff).isEqualTo(record.length - 5);
        assertThat(b.get()).isEqualTo((byte) 1);
        int length = (b.get() & 0xff) << 16 | (b.getShort() & 0xffff);
        assertThat(length).isEqualTo(record.length - 9);
        int legacy = b.getShort() & 0xffff;
        byte[] random = new byte[32];
        b.get(random);
        byte[] sessionId = new byte[b.get() & 0xff];
        b.get(sessionId);
        List<Integer> suites = new ArrayList<>();
        int suiteBytes = b.getShort() & 0xffff;
        for (int i = 0; i < suiteBytes / 2; i++) {
            suites.add(b.getShort() & 0xffff);
        }
        assertThat(b.get()).as("one compression method").isEqualTo((byte) 1);
        assertThat(b.get()).as("null compression").isZero();
        int extEnd = (b.getShort() & 0xffff) + b.position();
        Map<Integer, byte[]> extensions = new LinkedHashMap<>();
        while (b.position() < extEnd) {
            int type = b.getShort() & 0xffff;
            byte[] data = new byte[b.getShort() & 0xffff];
            b.get(data);
            extensions.put(type, data);
        }
        assertThat(b.position()).as("nothing after the extensions").isEqualTo(record.length);
        return new Hello(legacy, random, sessionId, suites, extensions);
    }

    @Test
    void aTls13HelloOffersEveryVersionAKeyShareAndTheServerName() {
        Hello h = read(ClientHello.record(TlsVersion.TLS_1_3, Optional.of("lab.example"), RANDOM, SHARE));
        assertThat(h.legacyVersion()).isEqualTo(0x0303);
        assertThat(h.random()).isEqualTo(RANDOM);
        assertThat(h.sessionId()).hasSize(32);
        assertThat(h.suites()).startsWith(0x1301, 0x1302, 0x1303).contains(0xc02f, 0x002f);
        assertThat(h.extensions().keySet()).containsExactly(0x0000, 0x000a, 0x000b, 0x000d, 0x0010, 0x002b, 0x0033);
        // list length 14, type 0 (host name), name length 11, the name
        assertThat(h.extensions().get(0x0000)).isEqualTo(concat(HexFormat.of().parseHex("000e00000b"),
                "lab.example".getBytes(StandardCharsets.US_ASCII)));
        assertThat(h.extensions().get(0x002b)).isEqualTo(HexFormat.of().parseHex("080304030303020301"));
        assertThat(h.extensions().get(0x0033)).isEqualTo(concat(HexFormat.of().parseHex("0024001d0020"), SHARE));
        assertThat(h.extensions().get(0x0010)).isEqualTo(concat(HexFormat.of().parseHex("000c02"),
                "h2".getBytes(StandardCharsets.US_ASCII), HexFormat.of().parseHex("08"),
                "http/1.1".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void anOlderHelloOffersOnlyItsVersionAndNoTls13Parts() {
        Hello h12 = read(ClientHello.record(TlsVersion.TLS_1_2, Optional.empty(), RANDOM, SHARE));
        assertThat(h12.legacyVersion()).isEqualTo(0x0303);
        assertThat(h12.suites()).doesNotContain(0x1301, 0x1302, 0x1303);
        assertThat(h12.extensions().keySet()).containsExactly(0x000a, 0x000b, 0x000d, 0x0010);
        Hello h10 = read(ClientHello.record(TlsVersion.TLS_1_0, Optional.empty(), RANDOM, SHARE));
        assertThat(h10.legacyVersion()).isEqualTo(0x0301);
        // signature_algorithms only exists from TLS 1.2 on
        assertThat(h10.extensions().keySet()).containsExactly(0x000a, 0x000b, 0x0010);
    }

    @Test
    void randomAndKeyShareMustBe32Bytes() {
        assertThatThrownBy(() -> ClientHello.record(TlsVersion.TLS_1_3, Optional.empty(), new byte[31], SHARE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer b = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }
}
