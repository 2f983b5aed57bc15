package dev.portolan.report;

/** Escaping for nmap-style XML written by hand (nmap's layout is line-exact, so no XML library writes it). */
final class XmlText {
    private XmlText() {
    }

    /**
     * An attribute value: markup characters as entities, "--" as "-&amp;#45;" (nmap does this so a value can be
     * repeated inside a comment), and characters XML 1.0 forbids as the text "\xNN".
     */
    static String attr(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        int prev = -1;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                case '\t' -> sb.append("&#9;");
                case '\n' -> sb.append("&#10;");
                case '\r' -> sb.append("&#13;");
                case '-' -> sb.append(prev == '-' ? "&#45;" : "-");
                default -> appendChar(sb, cp);
            }
            prev = cp;
        }
        return sb.toString();
    }

    /** Comment text: no "--" and no trailing '-', which would end or break the comment. */
    static String comment(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        int prev = -1;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '-') {
                sb.append(prev == '-' || i == s.length() ? "&#45;" : "-");
            } else if (cp == '\n' || cp == '\r' || cp == '\t') {
                sb.append(' ');
            } else {
                appendChar(sb, cp);
            }
            prev = cp;
        }
        return sb.toString();
    }

    private static void appendChar(StringBuilder sb, int cp) {
        if (allowed(cp)) {
            sb.appendCodePoint(cp);
        } else {
            sb.append(String.format("\\x%02X", cp & 0xff));
        }
    }

    /** XML 1.0's Char production, less the whitespace handled by the callers. */
    private static boolean allowed(int cp) {
        return (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
    }
}
