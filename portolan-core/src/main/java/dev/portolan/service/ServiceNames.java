package dev.portolan.service;

import dev.portolan.target.Protocol;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Registered service names per port and protocol, from the IANA-derived table the project ships.
 * (Placeholder body: the ports issue loads the shipped table.)
 */
public final class ServiceNames {
    private static final ServiceNames BUILTIN = new ServiceNames();

    private ServiceNames() {
    }

    /** The table shipped with Portolan. */
    public static ServiceNames builtin() {
        return BUILTIN;
    }

    /** The registered name of {@code port}/{@code protocol} ("http" for 80/tcp), if any. */
    public Optional<String> name(Protocol protocol, int port) {
        return Optional.empty();
    }

    /** The port registered for {@code name} on {@code protocol} ("http" gives 80), if any. */
    public OptionalInt port(Protocol protocol, String name) {
        return OptionalInt.empty();
    }
}
