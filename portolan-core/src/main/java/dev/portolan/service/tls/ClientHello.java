package dev.portolan.service.tls;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A ClientHello offering exactly one protocol version (or, for TLS 1.3, 1.3 and every older one), built by hand so
 * that a scan can learn which versions a server accepts whatever versions this JDK allows itself. The hello is
 * never followed up: the server's first answer says all a version check needs.
 */
public final class ClientHello {
    private static final int HANDSHAKE = 22;
    private static final int CLIENT_HELLO = 1;
    private static final int EXT_SERVER_NAME = 0x0000;
    private static final int EXT_SUPPORTED_GROUPS = 0x000a;
    private static final int EXT_EC_POINT_FORMATS = 0x000b;
    private static final int EXT_SIGNATURE_ALGORITHMS = 0x000d;
    private static final int EXT_ALPN = 0x0010;
    private static final int EXT_SUPPORTED_VERSIONS = 0x002b;
    private static final int EXT_KEY_SHARE = 0x0033;
    private static final int X25519 = 0x001d;
    /** TLS 1.3's three suites first, then ECDHE and plain RSA suites older servers choose from. */
    private static final int[] TLS13_SUITES = {0x1301, 0x1302, 0x1303};
    private static final int[] LEGACY_SUITES = {0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc009, 0xc013,
        0xc00a, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035, 0x000a};
    private static final int[] GROUPS = {X25519, 0x0017, 0x0018, 0x0019};
    private static final int[] SIGNATURES = {0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601,
        0x0203, 0x0201};
    private static final String[] ALPN = {"h2", "http/1.1"};

    private ClientHello() {
    }

    /**
     * The record carrying the hello.
     *
     * @param version the highest version offered: TLS 1.3 offers every version down to 1.0, older ones only
     *     themselves (a server that cannot speak it then answers with an alert or a lower version)
     * @param serverName the SNI name, for a target given by name
     * @param random 32 bytes of client random
     * @param keyShare 32 bytes sent as an X25519 key share (never used: the exchange stops at the server's hello)
     */
    public static byte[] record(TlsVersion version, Optional<String> serverName, byte[] random, byte[] keyShare) {
        if (random.length != 32 || keyShare.length != 32) {
            throw new IllegalArgumentException("random and key share are 32 bytes each");
        }
        boolean tls13 = version == TlsVersion.TLS_1_3;
        Out body = new Out();
        // TLS 1.3 keeps 1.2 in the legacy field and says the truth in supported_versions
        body.u16(tls13 ? TlsVersion.TLS_1_2.code() : version.code());
        body.bytes(random);
        body.u8(32).bytes(random);
        Out suites = new Out();
        if (tls13) {
            for (int s : TLS13_SUITES) {
                suites.u16(s);
            }
        }
        for (int s : LEGACY_SUITES) {
            suites.u16(s);
        }
        body.u16(suites.size()).bytes(suites.toBytes());
        body.u8(1).u8(0);
        Out extensions = new Out();
        serverName.ifPresent(name -> {
            byte[] host = name.getBytes(StandardCharsets.US_ASCII);
            Out list = new Out().u8(0).u16(host.length).bytes(host);
            extension(extensions, EXT_SERVER_NAME, new Out().u16(list.size()).bytes(list.toBytes()));
        });
        Out groups = new Out();
        for (int g : GROUPS) {
            groups.u16(g);
        }
        extension(extensions, EXT_SUPPORTED_GROUPS, new Out().u16(groups.size()).bytes(groups.toBytes()));
        extension(extensions, EXT_EC_POINT_FORMATS, new Out().u8(1).u8(0));
        if (version.code() >= TlsVersion.TLS_1_2.code()) {
            Out signatures = new Out();
            for (int s : SIGNATURES) {
                signatures.u16(s);
            }
            extension(extensions, EXT_SIGNATURE_ALGORITHMS,
                    new Out().u16(signatures.size()).bytes(signatures.toBytes()));
        }
        Out alpn = new Out();
        for (String protocol : ALPN) {
            alpn.u8(protocol.length()).bytes(protocol.getBytes(StandardCharsets.US_ASCII));
        }
        extension(extensions, EXT_ALPN, new Out().u16(alpn.size()).bytes(alpn.toBytes()));
        if (tls13) {
            Out versions = new Out();
            for (TlsVersion v : new TlsVersion[] {TlsVersion.TLS_1_3, TlsVersion.TLS_1_2, TlsVersion.TLS_1_1,
                TlsVersion.TLS_1_0}) {
                versions.u16(v.code());
            }
            extension(extensions, EXT_SUPPORTED_VERSIONS, new Out().u8(versions.size()).bytes(versions.toBytes()));
            Out share = new Out().u16(X25519).u16(keyShare.length).bytes(keyShare);
            extension(extensions, EXT_KEY_SHARE, new Out().u16(share.size()).bytes(share.toBytes()));
        }
        body.u16(extensions.size()).bytes(extensions.toBytes());
        Out handshake = new Out().u8(CLIENT_HELLO).u24(body.size()).bytes(body.toBytes());
        // the record layer says 1.0, which every server accepts in a first record
        return new Out().u8(HANDSHAKE).u16(TlsVersion.TLS_1_0.code()).u16(handshake.size())
                .bytes(handshake.toBytes()).toBytes();
    }

    private static void extension(Out extensions, int type, Out data) {
        extensions.u16(type).u16(data.size()).bytes(data.toBytes());
    }

    /** Big-endian writes into a growing buffer. */
    private static final class Out {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Out u8(int v) {
            bytes.write(v);
            return this;
        }

        Out u16(int v) {
            return u8(v >>> 8).u8(v & 0xff);
        }

        Out u24(int v) {
            return u8(v >>> 16).u16(v & 0xffff);
        }

        Out bytes(byte[] b) {
            bytes.writeBytes(b);
            return this;
        }

        int size() {
            return bytes.size();
        }

        byte[] toBytes() {
            return bytes.toByteArray();
        }
    }
}
