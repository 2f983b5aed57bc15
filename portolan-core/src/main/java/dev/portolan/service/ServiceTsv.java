package dev.portolan.service;

import dev.portolan.target.Protocol;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The services.tsv format read in one pass over its bytes: every row is checked at once, but its strings are
 * made only when the row is asked for, so that loading the whole IANA table costs a few milliseconds.
 */
final class ServiceTsv {
    private static final Protocol[] PROTOCOLS = Protocol.values();

    private final byte[] text;
    private final int size;
    private final int[] starts;
    private final int[] ports;
    private final byte[] protocols;

    private ServiceTsv(byte[] text, int size, int[] starts, int[] ports, byte[] protocols) {
        this.text = text;
        this.size = size;
        this.starts = starts;
        this.ports = ports;
        this.protocols = protocols;
    }

    /**
     * Reads name, port, protocol and an optional description per line, separated by tabs; "#" lines and blank
     * lines are skipped. A malformed row throws IllegalArgumentException naming its line.
     */
    static ServiceTsv parse(byte[] text) {
        Builder rows = new Builder(text);
        // One tight loop over the bytes, so that the JIT compiles it early (a cold start runs it only once).
        int number = 1;
        int lineStart = 0;
        int tab1 = -1;
        int tab2 = -1;
        int tab3 = -1;
        for (int i = 0; i <= text.length; i++) {
            byte c = i < text.length ? text[i] : (byte) '\n';
            if (c == '\t') {
                if (tab1 < 0) {
                    tab1 = i;
                } else if (tab2 < 0) {
                    tab2 = i;
                } else if (tab3 < 0) {
                    tab3 = i;
                }
            } else if (c == '\n') {
                if (i > lineStart && text[lineStart] != '#') {
                    rows.add(number, lineStart, i, tab1, tab2, tab3);
                }
                number++;
                lineStart = i + 1;
                tab1 = -1;
                tab2 = -1;
                tab3 = -1;
            }
        }
        return new ServiceTsv(text, rows.size, rows.starts, rows.ports, rows.protocols);
    }

    /** The rows found so far, in growing arrays. */
    private static final class Builder {
        final byte[] text;
        int size;
        int[] starts;
        int[] ports;
        byte[] protocols;

        Builder(byte[] text) {
            this.text = text;
            int capacity = Math.max(16, text.length / 32);
            starts = new int[capacity];
            ports = new int[capacity];
            protocols = new byte[capacity];
        }

        /** The line text[start, end) with its first three tabs (-1 where missing), checked. */
        void add(int number, int start, int end, int tab1, int tab2, int tab3) {
            if (text[end - 1] == '\r') {
                end--;
            }
            if (blank(text, start, end)) {
                return;
            }
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                ports = Arrays.copyOf(ports, size * 2);
                protocols = Arrays.copyOf(protocols, size * 2);
            }
            try {
                if (tab2 < 0) {
                    throw new IllegalArgumentException("expected name, port, protocol, description");
                }
                if (tab1 == start) {
                    throw new IllegalArgumentException("empty service name");
                }
                ports[size] = port(text, tab1 + 1, tab2);
                protocols[size] = (byte) protocol(text, tab2 + 1, tab3 < 0 ? end : tab3).ordinal();
                starts[size++] = start;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("service table line " + number + ": " + e.getMessage(), e);
            }
        }
    }

    int size() {
        return size;
    }

    /** The port of each row (the array may run longer than size()). */
    int[] ports() {
        return ports;
    }

    /** The Protocol ordinal of each row (the array may run longer than size()). */
    byte[] protocols() {
        return protocols;
    }

    Protocol protocol(int row) {
        return PROTOCOLS[protocols[row]];
    }

    /** The name of the row, lower case, without making the rest of the entry. */
    String name(int row) {
        int start = starts[row];
        return string(start, tab(text, start, text.length)).toLowerCase(Locale.ROOT);
    }

    /** The row as an entry: the strings are made here, from the bytes checked by parse. */
    ServiceEntry entry(int row) {
        int start = starts[row];
        int end = lineEnd(text, start);
        if (end > start && text[end - 1] == '\r') {
            end--;
        }
        int nameEnd = tab(text, start, end);
        int portEnd = tab(text, nameEnd + 1, end);
        int protocolEnd = tab(text, portEnd + 1, end);
        String description = "";
        if (protocolEnd >= 0) {
            int descriptionEnd = tab(text, protocolEnd + 1, end);
            description = string(protocolEnd + 1, descriptionEnd < 0 ? end : descriptionEnd);
        }
        return new ServiceEntry(string(start, nameEnd).toLowerCase(Locale.ROOT), ports[row], protocol(row),
                description);
    }

    private String string(int from, int to) {
        return new String(text, from, to - from, StandardCharsets.UTF_8);
    }

    private static int lineEnd(byte[] text, int from) {
        int end = from;
        while (end < text.length && text[end] != '\n') {
            end++;
        }
        return end;
    }

    /** The first tab in text[from, to), or -1. */
    private static int tab(byte[] text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text[i] == '\t') {
                return i;
            }
        }
        return -1;
    }

    private static boolean blank(byte[] text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r' && text[i] != '\f' && text[i] != 0x0b) {
                return false;
            }
        }
        return true;
    }

    private static int port(byte[] text, int from, int to) {
        int port = 0;
        for (int i = from; i < to; i++) {
            if (text[i] < '0' || text[i] > '9' || to - from > 5) {
                throw new IllegalArgumentException("not a port number: \""
                        + new String(text, from, to - from, StandardCharsets.UTF_8) + "\"");
            }
            port = port * 10 + (text[i] - '0');
        }
        if (from == to) {
            throw new IllegalArgumentException("empty port number");
        }
        if (port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return port;
    }

    private static Protocol protocol(byte[] text, int from, int to) {
        int length = to - from;
        if (length == 3 && text[from + 1] == 'c' && text[from] == 't' && text[from + 2] == 'p') {
            return Protocol.TCP;
        }
        if (length == 3 && text[from + 1] == 'd' && text[from] == 'u' && text[from + 2] == 'p') {
            return Protocol.UDP;
        }
        return Protocol.fromLabel(new String(text, from, length, StandardCharsets.UTF_8));
    }
}
