package dev.portolan.service.tls;

import java.util.Arrays;
import java.util.HexFormat;

/** What a server's first bytes after a ClientHello say, read by {@link #parse}. */
public sealed interface ServerAnswer {
    /** A record needs at most this many bytes: a 5-byte header and 2^14 + 2048 of payload. */
    int MAX_RECORD = 5 + 16_384 + 2_048;

    /** The server chose {@code version} and {@code cipherSuite}: it speaks that version. */
    record Hello(TlsVersion version, int cipherSuite) implements ServerAnswer {
    }

    /** TLS 1.3's HelloRetryRequest: the server speaks 1.3 but wants another key share. */
    record HelloRetry(TlsVersion version) implements ServerAnswer {
    }

    /** A TLS alert instead of a hello (level 2 is fatal; 70 is protocol_version, 40 handshake_failure). */
    record Alert(int level, int description) implements ServerAnswer {
    }

    /** Bytes that are no TLS record, or a record that breaks the protocol: not a TLS service. */
    record NotTls(String why) implements ServerAnswer {
    }

    /** The server closed the connection without a word (some refuse an unwanted version so). */
    record Closed() implements ServerAnswer {
    }

    /** Nothing came back before the time ran out. */
    record Silent() implements ServerAnswer {
    }

    /** More bytes are needed before anything can be said. */
    record Incomplete() implements ServerAnswer {
    }

    /** The random of a HelloRetryRequest (RFC 8446 4.1.3): SHA-256 of "HelloRetryRequest". */
    byte[] RETRY_RANDOM = HexFormat.of().parseHex(
            "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");

    /** Reads the first record of {@code data[0, length)}; never throws on hostile input. */
    static ServerAnswer parse(byte[] data, int length) {
        if (length < 5) {
            return length > 0 && !plausibleType(data[0] & 0xff) ? new NotTls("first byte 0x" + hex(data[0]))
                    : new Incomplete();
        }
        int type = data[0] & 0xff;
        int major = data[1] & 0xff;
        int size = u16(data, 3);
        if (!plausibleType(type) || major != 3 || size == 0 || size > MAX_RECORD - 5) {
            return new NotTls("no TLS record header (" + hex(data[0]) + " " + hex(data[1]) + " " + hex(data[2]) + ")");
        }
        if (length < 5 + Math.min(size, type == 21 ? 2 : 4)) {
            return new Incomplete();
        }
        return switch (type) {
            case 21 -> new Alert(data[5] & 0xff, data[6] & 0xff);
            // a ServerHello is read whole, so its supported_versions extension is never missed
            case 22 -> 5 + size <= length ? hello(data, 5 + size) : new Incomplete();
            default -> new NotTls("record type " + type + " before any hello");
        };
    }

    private static ServerAnswer hello(byte[] b, int end) {
        if ((b[5] & 0xff) != 2) {
            return new NotTls("handshake message " + (b[5] & 0xff) + " where a ServerHello belongs");
        }
        int at = 9;
        // version, random, session id length: the hello must hold at least these to say anything
        if (end < at + 2 + 32 + 1) {
            return new NotTls("ServerHello cut short");
        }
        int legacy = u16(b, at);
        boolean retry = Arrays.equals(b, at + 2, at + 34, RETRY_RANDOM, 0, 32);
        at += 34;
        int sessionId = b[at] & 0xff;
        at += 1 + sessionId;
        if (end < at + 3) {
            return new NotTls("ServerHello cut short");
        }
        int suite = u16(b, at);
        at += 3;
        int version = legacy;
        if (end >= at + 2) {
            int extEnd = Math.min(end, at + 2 + u16(b, at));
            at += 2;
            while (at + 4 <= extEnd) {
                int type = u16(b, at);
                int len = u16(b, at + 2);
                if (type == 0x002b && len == 2 && at + 6 <= extEnd) {
                    version = u16(b, at + 4);
                }
                at += 4 + len;
            }
        }
        var known = TlsVersion.ofCode(version);
        if (known.isEmpty()) {
            return new NotTls("ServerHello with version 0x" + Integer.toHexString(version));
        }
        return retry ? new HelloRetry(known.get()) : new Hello(known.get(), suite);
    }

    private static boolean plausibleType(int type) {
        return type == 21 || type == 22;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static String hex(byte b) {
        return String.format("%02x", b & 0xff);
    }
}
