package dev.portolan.service.tls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Tells whether a port speaks TLS and, when it does, which versions it accepts and what its handshake shows
 * (certificate chain, suite, ALPN). Every connection has its own time budget; nothing here can hang a scan.
 */
public final class TlsInspector {
    private final Duration timeout;
    private final boolean checkVersions;

    /**
     * @param timeout the budget of each connection, connect included
     * @param checkVersions whether to ask for each version on its own connection (four more connections)
     */
    public TlsInspector(Duration timeout, boolean checkVersions) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a TLS timeout must be positive: " + timeout);
        }
        this.timeout = timeout;
        this.checkVersions = checkVersions;
    }

    /**
     * Inspects the service at {@code to}; {@code serverName} (the name the user gave for the target) goes out as SNI.
     *
     * @throws IOException when the port cannot be reached at all (refused, unreachable)
     */
    public TlsInspection inspect(InetSocketAddress to, Optional<String> serverName) throws IOException {
        ServerAnswer first = TlsProbe.hello(to, TlsVersion.TLS_1_3, serverName, timeout);
        switch (first) {
            case ServerAnswer.NotTls n -> {
                return new TlsInspection.NotTls(n.why());
            }
            case ServerAnswer.Closed c -> {
                return new TlsInspection.NotTls("closed the connection without answering a ClientHello");
            }
            case ServerAnswer.Silent s -> {
                return new TlsInspection.NotTls("no answer to a ClientHello within " + timeout.toMillis() + " ms");
            }
            default -> {
                // a hello, a retry request or an alert: the port speaks TLS
            }
        }
        Optional<TlsSession> session = Optional.empty();
        Optional<String> error = Optional.empty();
        try {
            session = Optional.of(TlsHandshake.run(to, serverName, timeout));
        } catch (SocketTimeoutException e) {
            error = Optional.of("handshake not done within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            error = Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        List<TlsVersion> versions = checkVersions ? TlsProbe.versions(to, serverName, timeout) : session
                .flatMap(s -> TlsVersion.ofJdkName(s.protocol())).map(List::of).orElse(List.of());
        return new TlsInspection.Tls(versions, session, error);
    }
}
