package dev.portolan.cli;

import java.util.ArrayList;
import java.util.List;

/** What a terminal shows after a stream of text with carriage returns and line feeds: its lines, right-trimmed. */
final class VirtualTerminal {
    private VirtualTerminal() {
    }

    /** The visible lines; a final empty line (the cursor after the last line feed) is left out. */
    static List<String> render(String stream) {
        List<StringBuilder> lines = new ArrayList<>();
        lines.add(new StringBuilder());
        int column = 0;
        for (int i = 0; i < stream.length(); i++) {
            char c = stream.charAt(i);
            StringBuilder line = lines.getLast();
            switch (c) {
                case '\r' -> column = 0;
                case '\n' -> {
                    lines.add(new StringBuilder());
                    column = 0;
                }
                case '\u001b' -> throw new AssertionError("escape sequence at " + i + ": "
                        + stream.substring(i, Math.min(stream.length(), i + 10)).replace("\u001b", "ESC"));
                default -> {
                    while (line.length() < column) {
                        line.append(' ');
                    }
                    if (column < line.length()) {
                        line.setCharAt(column, c);
                    } else {
                        line.append(c);
                    }
                    column++;
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (StringBuilder line : lines) {
            out.add(line.toString().stripTrailing());
        }
        if (out.getLast().isEmpty()) {
            out.removeLast();
        }
        return out;
    }
}
