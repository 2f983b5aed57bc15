package dev.portolan.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Left-aligned columns separated by one space, the last column unpadded (nmap's port table). */
final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    /** Lines printed whole under a row (nmap's script output), by row index; they do not size the columns. */
    private final Map<Integer, List<String>> notes = new HashMap<>();
    private final int columns;

    TextTable(String... header) {
        this.columns = header.length;
        rows.add(header.clone());
    }

    void add(String... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + columns);
        }
        rows.add(cells.clone());
    }

    /** A line printed as it is under the row added last. */
    void note(String line) {
        notes.computeIfAbsent(rows.size() - 1, k -> new ArrayList<>()).add(line);
    }

    /** The table, each row ending in '\n'. */
    String render() {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            for (int c = 0; c < columns; c++) {
                sb.append(row[c]);
                if (c < columns - 1) {
                    sb.repeat(' ', widths[c] - row[c].length() + 1);
                }
            }
            // an empty last cell leaves no padding behind
            while (sb.length() > 0 && sb.charAt(sb.length() - 1) == ' ') {
                sb.setLength(sb.length() - 1);
            }
            sb.append('\n');
            for (String line : notes.getOrDefault(r, List.of())) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }
}
