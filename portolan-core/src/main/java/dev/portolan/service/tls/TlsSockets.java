package dev.portolan.service.tls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** Client TLS over an already connected socket, trusting any certificate: for probing services inside TLS. */
public final class TlsSockets {
    private TlsSockets() {
    }

    /**
     * Layers TLS over {@code plain} (connected to {@code to}) and completes the handshake within the socket's
     * current read timeout; closing the result closes {@code plain}.
     */
    public static SSLSocket client(Socket plain, InetSocketAddress to, Optional<String> serverName) throws IOException {
        SSLSocket tls = (SSLSocket) RecordingTrust.context(new RecordingTrust()).getSocketFactory()
                .createSocket(plain, serverName.orElse(to.getAddress().getHostAddress()), to.getPort(), true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm(null);
        serverName.flatMap(TlsHandshake::sniName).ifPresentOrElse(
                name -> parameters.setServerNames(List.of(name)), () -> parameters.setServerNames(List.of()));
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return tls;
    }
}
