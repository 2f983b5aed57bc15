package dev.portolan.target;

/** A target specification (address, range, name, target file) is malformed, or the targets add up to nothing. */
public final class TargetSpecException extends SpecException {

    public TargetSpecException(String token, String problem) {
        super(token, token.isEmpty() ? problem : "bad target \"" + token + "\": " + problem);
    }
}
