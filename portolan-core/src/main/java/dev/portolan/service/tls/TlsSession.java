package dev.portolan.service.tls;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one completed handshake showed.
 *
 * @param protocol the version negotiated ("TLSv1.3")
 * @param cipherSuite the suite chosen, by its IANA name
 * @param alpn the application protocol the server picked ("h2", "http/1.1"), if it took part in ALPN
 * @param chain the server's certificates, its own first
 */
public record TlsSession(String protocol, String cipherSuite, Optional<String> alpn, List<CertificateInfo> chain) {
    public TlsSession {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        Objects.requireNonNull(alpn, "alpn");
        chain = List.copyOf(chain);
    }

    /** The server's own certificate, if it sent any. */
    public Optional<CertificateInfo> leaf() {
        return chain.isEmpty() ? Optional.empty() : Optional.of(chain.getFirst());
    }
}
