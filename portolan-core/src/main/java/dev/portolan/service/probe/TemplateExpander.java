package dev.portolan.service.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands version templates from a match's groups, as nmap does: {@code $1}..{@code $9} copy a group,
 * {@code $P(n)} copies only its printable chars, {@code $SUBST(n,"a","b")} replaces every "a" by "b", and
 * {@code $I(n,">")} reads the group's bytes as an unsigned big-endian (">") or little-endian ("<") integer.
 */
public final class TemplateExpander {
    private static final Pattern FUNCTION = Pattern.compile(
            "\\$P\\((\\d)\\)|\\$SUBST\\((\\d),\\s*\"([^\"]*)\"\\s*,\\s*\"([^\"]*)\"\\s*\\)"
                    + "|\\$I\\((\\d),\\s*\"([<>])\"\\s*\\)|\\$(\\d)");

    private TemplateExpander() {
    }

    /** A template that does not parse: "$I(1,x)". */
    public static final class TemplateException extends IllegalArgumentException {
        TemplateException(String message) {
            super(message);
        }
    }

    /** Checks {@code template}'s syntax once, when a signature is read, so matching cannot fail on it. */
    public static void validate(String template) {
        int from = 0;
        int dollar;
        while ((dollar = template.indexOf('$', from)) >= 0) {
            Matcher m = FUNCTION.matcher(template).region(dollar, template.length());
            if (m.lookingAt()) {
                from = m.end();
            } else if (template.startsWith("$P(", dollar) || template.startsWith("$SUBST(", dollar)
                    || template.startsWith("$I(", dollar)) {
                throw new TemplateException("bad substitution in template \"" + template + "\"");
            } else {
                from = dollar + 1;
            }
        }
    }

    /** {@code template} expanded with {@code group(n)} (null or missing groups count as empty). */
    public static String expand(String template, IntFunction<String> group) {
        return expand(template, group, null);
    }

    /** {@code template} expanded from {@code m}'s groups. */
    public static String expand(String template, Matcher m) {
        return expand(template, n -> n <= m.groupCount() ? m.group(n) : null);
    }

    /** Like {@link #expand(String, IntFunction)}; also notes in {@code empties} whether each reference was empty. */
    private static String expand(String template, IntFunction<String> group, List<Boolean> empties) {
        if (template.indexOf('$') < 0) {
            return template;
        }
        StringBuilder out = new StringBuilder();
        Matcher m = FUNCTION.matcher(template);
        int last = 0;
        while (m.find()) {
            out.append(template, last, m.start());
            last = m.end();
            String value;
            if (m.group(1) != null) {
                value = printable(orEmpty(group.apply(digit(m, 1))));
            } else if (m.group(2) != null) {
                value = orEmpty(group.apply(digit(m, 2))).replace(m.group(3), m.group(4));
            } else if (m.group(5) != null) {
                value = unsigned(orEmpty(group.apply(digit(m, 5))), m.group(6).equals(">"));
            } else {
                value = orEmpty(group.apply(digit(m, 7)));
            }
            if (empties != null) {
                empties.add(value.isEmpty());
            }
            out.append(value);
        }
        return out.append(template, last, template.length()).toString();
    }

    /**
     * Portolan's rule for optional parts: the expansion, or the empty string when the template references groups
     * and every one of them came out empty ("protocol $1" with no $1 says nothing).
     */
    public static String expandPart(String template, IntFunction<String> group) {
        List<Boolean> empties = new ArrayList<>();
        String value = expand(template, group, empties);
        return !empties.isEmpty() && !empties.contains(false) ? "" : value;
    }

    /** A CPE part: lower case with spaces as underscores, as CPE names are written. */
    public static String cpe(String template, IntFunction<String> group) {
        return expand(template, group).toLowerCase(Locale.ROOT).replace(' ', '_');
    }

    private static int digit(Matcher m, int g) {
        return m.group(g).charAt(0) - '0';
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** nmap reads at most eight bytes; longer groups give the empty string. */
    private static String unsigned(String bytes, boolean bigEndian) {
        if (bytes.isEmpty() || bytes.length() > 8) {
            return "";
        }
        long value = 0;
        for (int i = 0; i < bytes.length(); i++) {
            int b = bytes.charAt(bigEndian ? i : bytes.length() - 1 - i) & 0xff;
            value = value << 8 | b;
        }
        return Long.toUnsignedString(value);
    }
}
