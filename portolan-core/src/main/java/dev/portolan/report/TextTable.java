package dev.portolan.report;

import java.util.ArrayList;
import java.util.List;

/** Left-aligned columns separated by one space, the last column unpadded (nmap's port table). */
final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
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

    /** The table, each row ending in '\n'. */
    String render() {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                sb.append(row[c]);
                if (c < columns - 1) {
                    sb.repeat(' ', widths[c] - row[c].length() + 1);
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
