package dev.portolan.service.tls;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * A full handshake through the JDK's SSLEngine over a {@link TimedSocket}, trusting any certificate (a scanner
 * reports certificates, it does not judge them), to learn the negotiated version, suite, ALPN choice and chain.
 */
public final class TlsHandshake {
    /** A handshake reads at most this much: a chain of a few certificates fits many times over. */
    static final int MAX_HANDSHAKE_BYTES = 512 * 1024;
    static final String[] ALPN = {"h2", "http/1.1"};

    private TlsHandshake() {
    }

    /**
     * Shakes hands with the server at {@code to}; SNI carries {@code serverName} when given and a valid host name.
     *
     * @throws SSLException when the server refuses (its alert) or speaks something else
     * @throws IOException on timeout ({@link java.net.SocketTimeoutException}) or a closed connection
     */
    public static TlsSession run(InetSocketAddress to, Optional<String> serverName, Duration timeout)
            throws IOException {
        RecordingTrust trust = new RecordingTrust();
        SSLEngine engine = engine(to, serverName, trust);
        try (TimedSocket socket = TimedSocket.connect(to, timeout)) {
            shake(engine, socket);
        }
        var session = engine.getSession();
        X509Certificate[] chain = trust.chain;
        if (chain == null) {
            chain = Arrays.stream(session.getPeerCertificates()).filter(X509Certificate.class::isInstance)
                    .map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
        }
        String alpn = engine.getApplicationProtocol();
        return new TlsSession(session.getProtocol(), session.getCipherSuite(),
                alpn == null || alpn.isEmpty() ? Optional.empty() : Optional.of(alpn),
                Arrays.stream(chain).map(CertificateInfo::of).toList());
    }

    private static SSLEngine engine(InetSocketAddress to, Optional<String> serverName, RecordingTrust trust)
            throws SSLException {
        SSLContext context = RecordingTrust.context(trust);
        SSLEngine engine = context.createSSLEngine(serverName.orElse(to.getAddress().getHostAddress()), to.getPort());
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setApplicationProtocols(ALPN);
        parameters.setEndpointIdentificationAlgorithm(null);
        serverName.flatMap(TlsHandshake::sniName).ifPresentOrElse(
                name -> parameters.setServerNames(List.of(name)), () -> parameters.setServerNames(List.of()));
        engine.setSSLParameters(parameters);
        return engine;
    }

    /** SNI takes host names only, not address literals or names the JDK deems invalid. */
    static Optional<SNIHostName> sniName(String name) {
        if (name.isEmpty() || name.indexOf(':') >= 0 || name.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SNIHostName(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void shake(SSLEngine engine, TimedSocket socket) throws IOException {
        var session = engine.getSession();
        ByteBuffer netIn = ByteBuffer.allocate(session.getPacketBufferSize());
        ByteBuffer netOut = ByteBuffer.allocate(session.getPacketBufferSize());
        ByteBuffer app = ByteBuffer.allocate(session.getApplicationBufferSize());
        ByteBuffer nothing = ByteBuffer.allocate(0);
        int received = 0;
        engine.beginHandshake();
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> {
                    netOut.clear();
                    SSLEngineResult r = engine.wrap(nothing, netOut);
                    netOut.flip();
                    socket.write(netOut);
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        // the engine closed after sending its alert: say why
                        throw new SSLException("handshake closed by this side");
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    netIn.flip();
                    SSLEngineResult r = engine.unwrap(netIn, app);
                    netIn.compact();
                    switch (r.getStatus()) {
                        case BUFFER_UNDERFLOW -> {
                            if (!netIn.hasRemaining()) {
                                netIn = grow(netIn, netIn.capacity() * 2);
                            }
                            int n = socket.read(netIn);
                            if (n < 0) {
                                throw new EOFException("the server closed the connection during the handshake");
                            }
                            received += n;
                            if (received > MAX_HANDSHAKE_BYTES) {
                                throw new SSLException("handshake larger than " + MAX_HANDSHAKE_BYTES + " bytes");
                            }
                        }
                        // data after the handshake is not wanted: make room and drop it
                        case BUFFER_OVERFLOW -> app = ByteBuffer.allocate(app.capacity() * 2);
                        case CLOSED -> throw new SSLException("the server closed TLS during the handshake");
                        case OK -> app.clear();
                    }
                }
                case NEED_TASK -> {
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) {
                        task.run();
                    }
                }
                case FINISHED, NOT_HANDSHAKING -> {
                    return;
                }
            }
        }
    }

    private static ByteBuffer grow(ByteBuffer writeMode, int capacity) {
        ByteBuffer bigger = ByteBuffer.allocate(capacity);
        writeMode.flip();
        return bigger.put(writeMode);
    }
}
