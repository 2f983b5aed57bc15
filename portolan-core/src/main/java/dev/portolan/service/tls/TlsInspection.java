package dev.portolan.service.tls;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What {@link TlsInspector} learned about one port. */
public sealed interface TlsInspection {
    /** The port does not speak TLS (or nothing answered in time); {@code why} says what was seen. */
    record NotTls(String why) implements TlsInspection {
        public NotTls {
            Objects.requireNonNull(why, "why");
        }
    }

    /**
     * The port speaks TLS.
     *
     * @param versions the versions it accepts, newest first
     * @param session the completed handshake, empty when it failed ({@code error} says why)
     * @param error why the full handshake failed (the server's alert, a timeout), empty when it completed
     */
    record Tls(List<TlsVersion> versions, Optional<TlsSession> session, Optional<String> error)
            implements TlsInspection {
        public Tls {
            versions = List.copyOf(versions);
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(error, "error");
        }
    }
}
