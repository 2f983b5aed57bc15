package dev.portolan.target;

import java.util.Objects;

/** A target or port specification the user typed is malformed; the message is one line naming the token. */
public class SpecException extends IllegalArgumentException {
    private final String token;

    public SpecException(String token, String message) {
        super(message);
        this.token = Objects.requireNonNull(token, "token");
    }

    /** The offending token as the user wrote it ("300.1.1.1", "70000"); empty when no single token is to blame. */
    public String token() {
        return token;
    }
}
