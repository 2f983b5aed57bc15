package dev.portolan.service.probe;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A response pattern: the source text as written, its flags, and the java.util.regex form it compiled to. Patterns
 * run over the response decoded as ISO-8859-1, so each byte is one char.
 *
 * @param source the pattern as written in its file
 * @param caseInsensitive the "i" flag
 * @param dotAll the "s" flag: "." matches a newline too
 * @param compiled what matches
 */
public record SignaturePattern(String source, boolean caseInsensitive, boolean dotAll, Pattern compiled) {

    /** Checks of the subject a single match may make before it is abandoned (a guard against runaway backtracking). */
    static final long STEP_LIMIT = 2_000_000;

    public SignaturePattern {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(compiled, "compiled");
    }

    /**
     * The matcher of this pattern over {@code response} (ISO-8859-1 text), or null when it does not match or when
     * matching took more than {@link #STEP_LIMIT} steps, as nmap's PCRE match limit gives up.
     */
    public Matcher find(CharSequence response) {
        Matcher m = compiled.matcher(new BoundedText(response, STEP_LIMIT));
        try {
            return m.find() ? m : null;
        } catch (BoundedText.Exhausted e) {
            return null;
        }
    }
}
