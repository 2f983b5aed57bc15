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

    /** Reads of the subject one match may make before it is abandoned (a guard against runaway backtracking). */
    static final long STEP_LIMIT = 2_000_000;

    public SignaturePattern {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(compiled, "compiled");
    }

    /**
     * The matcher of this pattern over {@code response} (ISO-8859-1 text), or null when it does not match or when
     * matching gave up: after {@link #STEP_LIMIT} reads of the text, or when java.util.regex's recursion ran out of
     * stack (long inputs against nested repetitions), as nmap's PCRE match limits give up.
     */
    public Matcher find(CharSequence response) {
        return find(response, new long[] {STEP_LIMIT});
    }

    /** Like {@link #find(CharSequence)}, spending reads from {@code budget[0]}, shared with other calls. */
    Matcher find(CharSequence response, long[] budget) {
        long allowed = Math.min(STEP_LIMIT, budget[0]);
        if (allowed <= 0) {
            return null;
        }
        BoundedText text = new BoundedText(response, allowed);
        Matcher m = compiled.matcher(text);
        try {
            return m.find() ? m : null;
        } catch (BoundedText.Exhausted | StackOverflowError e) {
            return null;
        } finally {
            budget[0] -= allowed - text.remaining();
        }
    }
}
