package dev.portolan.technique.discovery;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * MAC vendor names from the IEEE's OUI list as Debian's {@code ieee-data} installs it, read at run time (never
 * shipped): oui.csv ("MA-L,001B63,Apple, Inc.,address") or else oui.txt ("00-1B-63   (hex)\t\tApple, Inc.").
 */
public final class OuiVendors {
    public static final List<Path> DEFAULT_FILES = List.of(Path.of("/usr/share/ieee-data/oui.csv"),
            Path.of("/usr/share/ieee-data/oui.txt"));
    private static volatile OuiVendors installed;

    private final Map<Integer, String> byOui;

    private OuiVendors(Map<Integer, String> byOui) {
        this.byOui = byOui;
    }

    /** The list of this machine (read once), empty when ieee-data is not installed. */
    public static OuiVendors installed() {
        OuiVendors v = installed;
        if (v == null) {
            v = DEFAULT_FILES.stream().filter(Files::isReadable).findFirst().map(OuiVendors::readQuietly)
                    .orElseGet(() -> new OuiVendors(Map.of()));
            installed = v;
        }
        return v;
    }

    private static OuiVendors readQuietly(Path file) {
        try {
            return read(file);
        } catch (IOException | RuntimeException e) {
            // a damaged list costs the vendor names, not the scan
            return new OuiVendors(Map.of());
        }
    }

    /** Reads {@code file}, CSV or text by its name. */
    public static OuiVendors read(Path file) throws IOException {
        Map<Integer, String> map = new HashMap<>();
        boolean csv = file.getFileName().toString().endsWith(".csv");
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (csv) {
                    parseCsv(line, map);
                } else {
                    parseText(line, map);
                }
            }
        }
        return new OuiVendors(Map.copyOf(map));
    }

    private static void parseCsv(String line, Map<Integer, String> map) {
        if (!line.startsWith("MA-L,") || line.length() < 12 || line.charAt(11) != ',') {
            return;
        }
        Optional<Integer> oui = hex(line.substring(5, 11));
        String rest = line.substring(12);
        String name;
        if (rest.startsWith("\"")) {
            int end = rest.indexOf('"', 1);
            name = end < 0 ? rest.substring(1) : rest.substring(1, end);
        } else {
            int comma = rest.indexOf(',');
            name = comma < 0 ? rest : rest.substring(0, comma);
        }
        oui.ifPresent(o -> map.putIfAbsent(o, name.strip()));
    }

    private static void parseText(String line, Map<Integer, String> map) {
        int tag = line.indexOf("(hex)");
        if (tag < 8) {
            return;
        }
        hex(line.substring(0, 8).replace("-", "")).ifPresent(o -> map.putIfAbsent(o, line.substring(tag + 5).strip()));
    }

    private static Optional<Integer> hex(String six) {
        if (!six.matches("[0-9A-Fa-f]{6}")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(six, 16));
    }

    /** The vendor of {@code mac} ("00:1B:63:..." or with dashes), if its OUI is listed. */
    public Optional<String> vendor(String mac) {
        String hex = mac.replace(":", "").replace("-", "").toUpperCase(Locale.ROOT);
        if (hex.length() < 6) {
            return Optional.empty();
        }
        return hex(hex.substring(0, 6)).map(byOui::get);
    }

    /** How many OUIs the list holds. */
    public int size() {
        return byOui.size();
    }
}
