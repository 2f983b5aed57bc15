package dev.portolan.target;

/** A port specification (-p, --exclude-ports, --top-ports) is malformed. */
public final class PortSpecException extends SpecException {

    public PortSpecException(String token, String problem) {
        super(token, "bad port specification \"" + token + "\": " + problem);
    }
}
