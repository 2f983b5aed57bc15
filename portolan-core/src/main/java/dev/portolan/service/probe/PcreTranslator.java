package dev.portolan.service.probe;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Translates a PCRE pattern (as nmap writes them: over bytes, no UTF) to java.util.regex with the same meaning
 * over ISO-8859-1 text, where each byte is one char. Handles what Pattern rejects or reads differently: octal and
 * {@code \0} escapes, one- and no-digit {@code \x}, literal braces, POSIX classes, literal {@code [} and {@code &&}
 * in classes, {@code \b} in classes, unknown letter escapes (literal in PCRE), {@code \Q..\E}, {@code (?#..)},
 * {@code (?P<n>..)}, {@code \g} and {@code \k} forms, {@code \C} and {@code \N}.
 */
public final class PcreTranslator {
    private static final Map<String, String> POSIX = Map.ofEntries(Map.entry("alpha", "Alpha"),
            Map.entry("digit", "Digit"), Map.entry("alnum", "Alnum"), Map.entry("upper", "Upper"),
            Map.entry("lower", "Lower"), Map.entry("space", "Space"), Map.entry("punct", "Punct"),
            Map.entry("print", "Print"), Map.entry("graph", "Graph"), Map.entry("cntrl", "Cntrl"),
            Map.entry("xdigit", "XDigit"), Map.entry("blank", "Blank"), Map.entry("ascii", "ASCII"));
    /** Escapes with the same meaning in both dialects, outside a class. */
    private static final String SAME_OUTSIDE = "dDsSwWbBAGZzhHvVRtnrfaeX";
    /** Escapes with the same meaning in both dialects, inside a class. */
    private static final String SAME_INSIDE = "dDsSwWhHvVtnrfae";
    /** Class escapes that stand for a set, beside which a '-' is literal in PCRE. */
    private static final String SET_ESCAPES = "dDsSwWhHvVpP";

    private final String src;
    private final StringBuilder out = new StringBuilder();
    private int pos;
    private int groups;

    private PcreTranslator(String src) {
        this.src = src;
    }

    /**
     * The Pattern for PCRE {@code pcre} with nmap's "i" and "s" options; "$" and "." treat only "\n" as a line
     * end, as PCRE does.
     *
     * @throws PatternSyntaxException when the pattern is invalid or uses what Java cannot express
     */
    public static Pattern compile(String pcre, boolean caseInsensitive, boolean dotAll) {
        int flags = Pattern.UNIX_LINES | (caseInsensitive ? Pattern.CASE_INSENSITIVE : 0)
                | (dotAll ? Pattern.DOTALL : 0);
        return Pattern.compile(translate(pcre), flags);
    }

    /** The java.util.regex text equivalent to {@code pcre}. */
    public static String translate(String pcre) {
        PcreTranslator t = new PcreTranslator(pcre);
        t.run();
        return t.out.toString();
    }

    private PatternSyntaxException error(String what) {
        return new PatternSyntaxException(what, src, pos);
    }

    private void run() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            switch (c) {
                case '\\' -> escapeOutside();
                case '[' -> charClass();
                case '{' -> brace();
                case '}' -> {
                    out.append("\\}");
                    pos++;
                }
                case '(' -> group();
                default -> {
                    literalOrMeta(c);
                    pos++;
                }
            }
        }
    }

    private void literalOrMeta(char c) {
        if (c >= 0x80 || c < 0x20) {
            hex(c);
        } else {
            out.append(c);
        }
    }

    private void hex(int value) {
        out.append("\\x{").append(Integer.toHexString(value)).append('}');
    }

    /** A literal char, escaped so that neither a class nor the outside reads it as syntax. */
    private void literal(int value) {
        if (value < 0x80 && Character.isLetterOrDigit(value)) {
            out.append((char) value);
        } else {
            hex(value);
        }
    }

    /** '{' starts a quantifier only as {n}, {n,} or {n,m}; PCRE reads any other '{' as a literal. */
    private void brace() {
        int end = src.indexOf('}', pos);
        if (end > 0 && src.substring(pos + 1, end).matches("\\d+(,\\d*)?")) {
            out.append(src, pos, end + 1);
            pos = end + 1;
        } else {
            out.append("\\{");
            pos++;
        }
    }

    private void group() {
        if (!src.startsWith("(?", pos)) {
            groups++;
            out.append('(');
            pos++;
            return;
        }
        if (src.startsWith("(?#", pos)) {
            int end = src.indexOf(')', pos);
            if (end < 0) {
                throw error("unterminated comment");
            }
            pos = end + 1;
            return;
        }
        if (src.startsWith("(?P<", pos) || src.startsWith("(?<", pos) && pos + 3 < src.length()
                && src.charAt(pos + 3) != '=' && src.charAt(pos + 3) != '!' || src.startsWith("(?'", pos)) {
            int nameStart = src.indexOf(src.startsWith("(?P<", pos) ? '<' : src.charAt(pos + 2), pos) + 1;
            int nameEnd = nameStart;
            while (nameEnd < src.length() && (Character.isLetterOrDigit(src.charAt(nameEnd))
                    || src.charAt(nameEnd) == '_')) {
                nameEnd++;
            }
            groups++;
            out.append("(?<").append(groupName(src.substring(nameStart, nameEnd))).append('>');
            pos = nameEnd + 1;
            return;
        }
        if (src.startsWith("(?P=", pos)) {
            int end = src.indexOf(')', pos);
            out.append("\\k<").append(groupName(src.substring(pos + 4, end))).append('>');
            pos = end + 1;
            return;
        }
        int flagsEnd = pos + 2;
        while (flagsEnd < src.length() && "imsxJU-".indexOf(src.charAt(flagsEnd)) >= 0) {
            flagsEnd++;
        }
        String flags = src.substring(pos + 2, flagsEnd);
        if (flags.indexOf('U') >= 0) {
            throw error("PCRE's (?U) ungreedy mode has no Java form");
        }
        out.append("(?").append(flags.replace("J", ""));
        pos = flagsEnd;
    }

    /** Java group names are ASCII letters and digits starting with a letter; PCRE also allows '_'. */
    private static String groupName(String name) {
        String java = name.replace("_", "Z");
        return !java.isEmpty() && Character.isLetter(java.charAt(0)) ? java : "g" + java;
    }

    private void escapeOutside() {
        if (pos + 1 >= src.length()) {
            throw error("trailing backslash");
        }
        char c = src.charAt(pos + 1);
        pos += 2;
        if (c == '0') {
            hex(octal(2, 0));
        } else if (c >= '1' && c <= '9') {
            backReferenceOrOctal(c);
        } else if (c == 'x') {
            hex(hexEscape());
        } else if (c == 'o' && at('{')) {
            hex(bracedNumber(8));
        } else if (c == 'c') {
            controlChar();
        } else if (c == 'Q') {
            quoted();
        } else if (c == 'E') {
            // a stray \E is ignored by PCRE
        } else if (c == 'C') {
            out.append("[\\x00-\\x{ff}]");
        } else if (c == 'N' && !at('{')) {
            out.append("[^\\n]");
        } else if (c == 'g') {
            backReference(gReference());
        } else if (c == 'k') {
            namedReference();
        } else if (c == 'p' || c == 'P') {
            property(c);
        } else if (c == 'K') {
            throw error("\\K has no Java form");
        } else if (SAME_OUTSIDE.indexOf(c) >= 0) {
            out.append('\\').append(c);
        } else {
            literal(c);
        }
    }

    private boolean at(char c) {
        return pos < src.length() && src.charAt(pos) == c;
    }

    /** Up to {@code max} more octal digits after a first digit of value {@code first}. */
    private int octal(int max, int first) {
        int value = first;
        for (int i = 0; i < max && pos < src.length() && src.charAt(pos) >= '0' && src.charAt(pos) <= '7'; i++) {
            value = value * 8 + src.charAt(pos++) - '0';
        }
        return value & 0xff;
    }

    /** PCRE: \1-\9 are back references; longer numbers are when that many groups opened before, else octal. */
    private void backReferenceOrOctal(char first) {
        int start = pos - 1;
        int end = start;
        while (end < src.length() && Character.isDigit(src.charAt(end))) {
            end++;
        }
        int number = Integer.parseInt(src.substring(start, Math.min(end, start + 6)));
        if (number < 10 || number <= groups) {
            pos = end;
            backReference(number);
        } else if (first >= '8') {
            literal(first);
        } else {
            hex(octal(2, first - '0'));
        }
    }

    private void backReference(int number) {
        out.append("(?:\\").append(number).append(')');
    }

    private int gReference() {
        boolean braced = at('{');
        if (braced) {
            pos++;
        }
        int start = pos;
        if (at('-') || at('+')) {
            pos++;
        }
        while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
            pos++;
        }
        if (start == pos || braced && !at('}')) {
            throw error("\\g needs a group number");
        }
        int n = Integer.parseInt(src.substring(start, pos).replace("+", ""));
        if (braced) {
            pos++;
        }
        return n < 0 ? groups + 1 + n : n;
    }

    private void namedReference() {
        char open = pos < src.length() ? src.charAt(pos) : 0;
        char close = open == '<' ? '>' : open == '{' ? '}' : open == '\'' ? '\'' : 0;
        int end = close == 0 ? -1 : src.indexOf(close, pos + 1);
        if (end < 0) {
            throw error("\\k needs a group name");
        }
        out.append("\\k<").append(groupName(src.substring(pos + 1, end))).append('>');
        pos = end + 1;
    }

    private void property(char c) {
        if (at('{')) {
            int end = src.indexOf('}', pos);
            if (end < 0) {
                throw error("unterminated \\" + c);
            }
            out.append('\\').append(c).append(src, pos, end + 1);
            pos = end + 1;
        } else if (pos < src.length()) {
            out.append('\\').append(c).append(src.charAt(pos++));
        } else {
            throw error("\\" + c + " needs a property");
        }
    }

    /** \xHH with zero, one or two hex digits, or \x{H..}. */
    private int hexEscape() {
        if (at('{')) {
            return bracedNumber(16);
        }
        int value = 0;
        for (int i = 0; i < 2 && pos < src.length() && Character.digit(src.charAt(pos), 16) >= 0; i++) {
            value = value * 16 + Character.digit(src.charAt(pos++), 16);
        }
        return value;
    }

    private int bracedNumber(int radix) {
        int end = src.indexOf('}', pos);
        if (end < 0) {
            throw error("unterminated {");
        }
        try {
            int value = Integer.parseInt(src.substring(pos + 1, end), radix);
            pos = end + 1;
            return value;
        } catch (NumberFormatException e) {
            throw error("bad number in braces");
        }
    }

    private void controlChar() {
        if (pos >= src.length()) {
            throw error("\\c needs a character");
        }
        hex(Character.toUpperCase(src.charAt(pos++)) ^ 0x40);
    }

    /** \Q..\E: every char in between is literal. */
    private void quoted() {
        int end = src.indexOf("\\E", pos);
        int stop = end < 0 ? src.length() : end;
        for (int i = pos; i < stop; i++) {
            literal(src.charAt(i));
        }
        pos = end < 0 ? stop : end + 2;
    }

    private void charClass() {
        out.append('[');
        pos++;
        if (at('^')) {
            out.append('^');
            pos++;
        }
        if (at(']')) {
            out.append("\\]");
            pos++;
        }
        boolean prevSet = false;
        while (true) {
            if (pos >= src.length()) {
                throw error("unterminated character class");
            }
            char c = src.charAt(pos);
            boolean set = false;
            if (c == ']') {
                out.append(']');
                pos++;
                return;
            } else if (c == '[' && src.startsWith("[:", pos) && posixClass()) {
                set = true;
            } else if (c == '\\') {
                set = escapeInside();
            } else if (c == '-') {
                boolean last = pos + 1 < src.length() && src.charAt(pos + 1) == ']';
                boolean nextSet = pos + 2 < src.length() && src.charAt(pos + 1) == '\\'
                        && SET_ESCAPES.indexOf(src.charAt(pos + 2)) >= 0
                        || src.startsWith("[:", pos + 1);
                out.append(prevSet || last || nextSet ? "\\-" : "-");
                pos++;
            } else if (c == '[' || c == '&' || c == '^' || c >= 0x80 || c < 0x20) {
                hex(c);
                pos++;
            } else {
                out.append(c);
                pos++;
            }
            prevSet = set;
        }
    }

    /** [:name:] or [:^name:] inside a class; false when the text is not one (then '[' is a literal). */
    private boolean posixClass() {
        int end = src.indexOf(":]", pos + 2);
        if (end < 0) {
            return false;
        }
        String name = src.substring(pos + 2, end);
        boolean negated = name.startsWith("^");
        String bare = negated ? name.substring(1) : name;
        String java = POSIX.get(bare.toLowerCase(Locale.ROOT));
        if (bare.equals("word")) {
            out.append(negated ? "\\W" : "\\w");
        } else if (java != null) {
            out.append(negated ? "\\P{" : "\\p{").append(java).append('}');
        } else {
            return false;
        }
        pos = end + 2;
        return true;
    }

    /** One escape inside a class; true when it stands for a set of chars. */
    private boolean escapeInside() {
        if (pos + 1 >= src.length()) {
            throw error("trailing backslash");
        }
        char c = src.charAt(pos + 1);
        pos += 2;
        if (c >= '0' && c <= '7') {
            hex(octal(2, c - '0'));
        } else if (c == 'b') {
            hex(8);
        } else if (c == 'x') {
            hex(hexEscape());
        } else if (c == 'o' && at('{')) {
            hex(bracedNumber(8));
        } else if (c == 'c') {
            controlChar();
        } else if (c == 'Q') {
            quoted();
        } else if (c == 'E') {
            // ignored, as in PCRE
        } else if (c == 'p' || c == 'P') {
            property(c);
            return true;
        } else if (SAME_INSIDE.indexOf(c) >= 0) {
            out.append('\\').append(c);
            return SET_ESCAPES.indexOf(c) >= 0;
        } else {
            literal(c);
        }
        return false;
    }
}
