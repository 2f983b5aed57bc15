package dev.portolan.service.probe;

import dev.portolan.target.Protocol;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a service sent back to one probe.
 *
 * @param protocol TCP or UDP
 * @param probe the name of the probe that was sent
 * @param port the port it came from
 * @param tls true when it came through TLS
 * @param text the response bytes as ISO-8859-1 text, one char per byte
 */
public record Response(Protocol protocol, String probe, int port, boolean tls, String text) {

    public Response {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(text, "text");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** A response of {@code bytes}, copied into text. */
    public static Response of(Protocol protocol, String probe, int port, boolean tls, byte[] bytes) {
        return new Response(protocol, probe, port, tls, new String(bytes, StandardCharsets.ISO_8859_1));
    }
}
