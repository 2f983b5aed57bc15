package dev.portolan.service.tls;

import java.util.Optional;

/** The protocol versions a server may speak, with their wire codes and the names reports use. */
public enum TlsVersion {
    SSL_3_0(0x0300, "SSLv3"),
    TLS_1_0(0x0301, "TLSv1.0"),
    TLS_1_1(0x0302, "TLSv1.1"),
    TLS_1_2(0x0303, "TLSv1.2"),
    TLS_1_3(0x0304, "TLSv1.3");

    private final int code;
    private final String label;

    TlsVersion(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static Optional<TlsVersion> ofCode(int code) {
        for (TlsVersion v : values()) {
            if (v.code == code) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** The JDK's name for it ("TLSv1.2"; the JDK says "TLSv1" for 1.0). */
    public static Optional<TlsVersion> ofJdkName(String name) {
        return switch (name) {
            case "SSLv3" -> Optional.of(SSL_3_0);
            case "TLSv1" -> Optional.of(TLS_1_0);
            case "TLSv1.1" -> Optional.of(TLS_1_1);
            case "TLSv1.2" -> Optional.of(TLS_1_2);
            case "TLSv1.3" -> Optional.of(TLS_1_3);
            default -> Optional.empty();
        };
    }
}
