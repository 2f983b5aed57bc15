package dev.portolan.technique.discovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * MAC vendor names from the IEEE's OUI list as Debian's {@code ieee-data} installs it, read at run time (never
 * shipped): oui.csv ("MA-L,001B63,Apple, Inc.,address") or else oui.txt ("00-1B-63   (hex)\t\tApple, Inc.").
 * The list (3 MB, 33 000 vendors) is indexed as bytes, each OUI to where its name lies, and a name is decoded only
 * when asked for: a discovery that sees a MAC pays a few milliseconds for the list, not the best part of a second.
 */
public final class OuiVendors {
    public static final List<Path> DEFAULT_FILES = List.of(Path.of("/usr/share/ieee-data/oui.csv"),
            Path.of("/usr/share/ieee-data/oui.txt"));
    private static final OuiVendors NONE = new OuiVendors(new byte[0], new Ipv4Index(0), new int[0], new int[0], 0);
    private static volatile OuiVendors installed;

    private final byte[] text;
    /** OUI (24 bits) → entry; an entry's name is text[nameStart, nameEnd). */
    private final Ipv4Index byOui;
    private final int[] nameStart;
    private final int[] nameEnd;
    private final int size;

    private OuiVendors(byte[] text, Ipv4Index byOui, int[] nameStart, int[] nameEnd, int size) {
        this.text = text;
        this.byOui = byOui;
        this.nameStart = nameStart;
        this.nameEnd = nameEnd;
        this.size = size;
    }

    /** The list of this machine (read once), empty when ieee-data is not installed. */
    public static OuiVendors installed() {
        OuiVendors v = installed;
        if (v == null) {
            v = DEFAULT_FILES.stream().filter(Files::isReadable).findFirst().map(OuiVendors::readQuietly)
                    .orElse(NONE);
            installed = v;
        }
        return v;
    }

    private static OuiVendors readQuietly(Path file) {
        try {
            return read(file);
        } catch (IOException | RuntimeException e) {
            // a damaged list costs the vendor names, not the scan
            return NONE;
        }
    }

    /** Reads {@code file}, CSV or text by its name. */
    public static OuiVendors read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.getFileName().toString().endsWith(".csv"));
    }

    static OuiVendors parse(byte[] text, boolean csv) {
        // a line per vendor at most: room for as many as the text has lines
        int lines = 1;
        for (byte b : text) {
            if (b == '\n') {
                lines++;
            }
        }
        Ipv4Index byOui = new Ipv4Index(lines);
        int[] starts = new int[lines];
        int[] ends = new int[lines];
        int size = 0;
        int at = 0;
        int[] found = new int[3];
        while (at < text.length) {
            int end = lineEnd(text, at);
            // the first line of an OUI names it, as a map's putIfAbsent
            if ((csv ? csvLine(text, at, end, found) : textLine(text, at, end, found)) && byOui.get(found[0]) < 0) {
                byOui.put(found[0], size);
                starts[size] = found[1];
                ends[size] = found[2];
                size++;
            }
            at = end + 1;
        }
        return new OuiVendors(text, byOui, starts, ends, size);
    }

    /** The index of the newline that ends the line starting at {@code at}, or the text's length. */
    private static int lineEnd(byte[] text, int at) {
        int i = at;
        while (i < text.length && text[i] != '\n') {
            i++;
        }
        return i;
    }

    /**
     * "MA-L,001B63,Apple Inc,..." or "MA-L,001B63,\"Apple, Inc.\",...": true with the OUI and its name's bounds in
     * {@code found} (see {@link #found}), false for any other line.
     */
    private static boolean csvLine(byte[] t, int at, int end, int[] found) {
        if (end - at < 13 || t[at] != 'M' || t[at + 1] != 'A' || t[at + 2] != '-' || t[at + 3] != 'L'
                || t[at + 4] != ',' || t[at + 11] != ',') {
            return false;
        }
        int oui = hex6(t, at + 5, 1);
        if (oui < 0) {
            return false;
        }
        int from = at + 12;
        int to;
        if (t[from] == '"') {
            from++;
            to = from;
            while (to < end && t[to] != '"') {
                to++;
            }
        } else {
            to = from;
            while (to < end && t[to] != ',') {
                to++;
            }
        }
        return found(t, oui, from, to, found);
    }

    /** "00-1B-63   (hex)\t\tApple, Inc.": as {@link #csvLine}. */
    private static boolean textLine(byte[] t, int at, int end, int[] found) {
        if (end - at < 14 || t[at + 2] != '-' || t[at + 5] != '-') {
            return false;
        }
        int oui = hex6(t, at, 3);
        if (oui < 0) {
            return false;
        }
        int i = at + 8;
        while (i < end && (t[i] == ' ' || t[i] == '\t')) {
            i++;
        }
        if (end - i < 5 || t[i] != '(' || t[i + 1] != 'h' || t[i + 2] != 'e' || t[i + 3] != 'x' || t[i + 4] != ')') {
            return false;
        }
        return found(t, oui, i + 5, end, found);
    }

    /** Sets {@code found} to the OUI and its name's bounds, the name stripped of blanks at both ends: true. */
    private static boolean found(byte[] t, int oui, int from, int to, int[] found) {
        while (from < to && (t[from] == ' ' || t[from] == '\t')) {
            from++;
        }
        while (to > from && (t[to - 1] == ' ' || t[to - 1] == '\t' || t[to - 1] == '\r')) {
            to--;
        }
        found[0] = oui;
        found[1] = from;
        found[2] = to;
        return true;
    }

    /** Six hex digits at {@code at}, pairs {@code stride} apart (1: "001B63", 3: "00-1B-63"), or -1. */
    private static int hex6(byte[] t, int at, int stride) {
        int value = 0;
        for (int pair = 0; pair < 3; pair++) {
            for (int k = 0; k < 2; k++) {
                int d = Character.digit(t[at + pair * (stride == 1 ? 2 : 3) + k], 16);
                if (d < 0) {
                    return -1;
                }
                value = value << 4 | d;
            }
        }
        return value;
    }

    /** The vendor of {@code mac} ("00:1B:63:..." or with dashes), if its OUI is listed. */
    public Optional<String> vendor(String mac) {
        String hex = mac.replace(":", "").replace("-", "");
        if (hex.length() < 6) {
            return Optional.empty();
        }
        int oui = 0;
        for (int k = 0; k < 6; k++) {
            int d = Character.digit(hex.charAt(k), 16);
            if (d < 0) {
                return Optional.empty();
            }
            oui = oui << 4 | d;
        }
        int entry = byOui.get(oui);
        if (entry < 0) {
            return Optional.empty();
        }
        return Optional.of(new String(text, nameStart[entry], nameEnd[entry] - nameStart[entry],
                StandardCharsets.UTF_8));
    }

    /** How many OUIs the list holds. */
    public int size() {
        return size;
    }
}
