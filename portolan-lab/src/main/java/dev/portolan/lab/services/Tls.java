package dev.portolan.lab.services;

import java.nio.file.Path;
import java.util.List;

/** The lab's TLS certificate: self-signed, made by openssl at setup, never stored in the repository. */
public final class Tls {
    /** The subject's common name (and only DNS name) of the lab's certificate. */
    public static final String CERTIFICATE_CN = "lab.example";
    /** How long the certificate is valid from its making. */
    public static final int VALID_DAYS = 30;

    private Tls() {
    }

    /** The openssl command that writes a fresh RSA 2048 key and its self-signed certificate. */
    static List<String> selfSignedCommand(Path cert, Path key) {
        return List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256",
                "-days", Integer.toString(VALID_DAYS), "-subj", "/CN=" + CERTIFICATE_CN,
                "-addext", "subjectAltName=DNS:" + CERTIFICATE_CN,
                "-keyout", key.toString(), "-out", cert.toString());
    }
}
