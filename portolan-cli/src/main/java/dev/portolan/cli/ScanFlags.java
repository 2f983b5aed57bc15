package dev.portolan.cli;

import java.util.Locale;

/** nmap's --scanflags syntax: flag names run together in any order ("URGACKPSHRSTSYNFIN", "ALL", "NONE") or 0-255. */
final class ScanFlags {
    private static final String[] NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"};
    private static final String RANGE = "--scanflags %s: give flag names (URGACKPSHRSTSYNFIN, ECE, CWR, ALL, NONE)"
            + " or a number from 0 to 255";

    private ScanFlags() {
    }

    /** The 8 flag bits {@code text} names (bit 0 FIN … bit 7 CWR); one-line {@link UsageException} otherwise. */
    static int parse(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new UsageException(String.format(Locale.ROOT, RANGE, "''"));
        }
        if (Character.isDigit(t.charAt(0))) {
            return number(text, t);
        }
        String upper = t.toUpperCase(Locale.ROOT);
        if (upper.equals("ALL")) {
            return 0xff;
        }
        if (upper.equals("NONE")) {
            return 0;
        }
        int flags = 0;
        int at = 0;
        outer:
        while (at < upper.length()) {
            for (int bit = 0; bit < NAMES.length; bit++) {
                if (upper.startsWith(NAMES[bit], at)) {
                    flags |= 1 << bit;
                    at += 3;
                    continue outer;
                }
            }
            throw new UsageException(String.format(Locale.ROOT, RANGE, text)
                    + "; '" + t.substring(at) + "' is not one");
        }
        return flags;
    }

    private static int number(String text, String t) {
        try {
            int value;
            if (t.startsWith("0x") || t.startsWith("0X")) {
                value = Integer.parseInt(t.substring(2), 16);
            } else if (t.length() > 1 && t.startsWith("0")) {
                // as C's strtol with base 0, which nmap uses
                value = Integer.parseInt(t.substring(1), 8);
            } else {
                value = Integer.parseInt(t);
            }
            if (value >= 0 && value <= 0xff) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the one-line error
        }
        throw new UsageException(String.format(Locale.ROOT, RANGE, text));
    }
}
