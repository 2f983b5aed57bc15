package dev.portolan.service.tls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Sends one hand-made ClientHello per connection and reads the server's first answer: TLS or not, which versions. */
public final class TlsProbe {
    /** The versions checked one by one, newest first (SSLv3 hellos differ too much to offer here). */
    static final List<TlsVersion> CHECKED = List.of(TlsVersion.TLS_1_3, TlsVersion.TLS_1_2, TlsVersion.TLS_1_1,
            TlsVersion.TLS_1_0);
    private static final SecureRandom RANDOM = new SecureRandom();

    private TlsProbe() {
    }

    /** The server's answer to a hello offering {@code version} (1.3 also offers every older version). */
    public static ServerAnswer hello(InetSocketAddress to, TlsVersion version, Optional<String> serverName,
                                     Duration timeout) throws IOException {
        byte[] random = new byte[32];
        byte[] share = new byte[32];
        RANDOM.nextBytes(random);
        RANDOM.nextBytes(share);
        try (TimedSocket socket = TimedSocket.connect(to, timeout)) {
            socket.write(ClientHello.record(version, serverName, random, share));
            byte[] buffer = new byte[ServerAnswer.MAX_RECORD];
            int length = 0;
            while (true) {
                int n;
                try {
                    n = socket.read(buffer, length, buffer.length - length);
                } catch (SocketTimeoutException e) {
                    return new ServerAnswer.Silent();
                }
                if (n < 0) {
                    return length == 0 ? new ServerAnswer.Closed() : new ServerAnswer.NotTls("closed mid-record");
                }
                length += n;
                ServerAnswer answer = ServerAnswer.parse(buffer, length);
                if (!(answer instanceof ServerAnswer.Incomplete)) {
                    return answer;
                }
            }
        }
    }

    /** The versions among {@link #CHECKED} the server accepts, each asked on its own connection, newest first. */
    public static List<TlsVersion> versions(InetSocketAddress to, Optional<String> serverName, Duration timeout)
            throws IOException {
        List<TlsVersion> accepted = new ArrayList<>();
        for (TlsVersion v : CHECKED) {
            ServerAnswer answer = hello(to, v, serverName, timeout);
            // a server that cannot meet the hello answers with a lower version or an alert: only its own counts
            boolean accepts = switch (answer) {
                case ServerAnswer.Hello h -> h.version() == v;
                case ServerAnswer.HelloRetry r -> r.version() == v;
                default -> false;
            };
            if (accepts) {
                accepted.add(v);
            }
        }
        return accepted;
    }
}
