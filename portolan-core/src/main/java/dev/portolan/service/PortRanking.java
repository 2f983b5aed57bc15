package dev.portolan.service;

import dev.portolan.target.Protocol;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.Map;

/**
 * Ports ranked from most to least commonly open, per protocol, for --top-ports and -F. The shipped ranking
 * ({@code top-ports.txt}) is Portolan's own, built in tiers by tools/gen-services (docs/ports.md).
 */
public final class PortRanking {
    private final Map<Protocol, int[]> ranked;

    private PortRanking(Map<Protocol, int[]> ranked) {
        this.ranked = ranked;
    }

    private static final class Builtin {
        static final PortRanking RANKING = parse(Resources.bytes("top-ports.txt"));
    }

    /** The ranking shipped with Portolan, read on first use. */
    public static PortRanking builtin() {
        return Builtin.RANKING;
    }

    /**
     * Reads a ranking: "port/protocol" per line, most common first, "#" lines are comments. A malformed or
     * repeated line throws IllegalArgumentException naming its line.
     */
    public static PortRanking parse(Reader text) throws IOException {
        StringWriter all = new StringWriter();
        text.transferTo(all);
        return parse(all.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The ranking in {@code text}, read in one pass over its bytes (no regex: the shipped file is long). */
    static PortRanking parse(byte[] text) {
        int[][] lists = new int[Protocol.values().length][1024];
        int[] counts = new int[lists.length];
        BitSet[] seen = new BitSet[lists.length];
        int number = 1;
        int lineStart = 0;
        for (int i = 0; i <= text.length; i++) {
            if (i < text.length && text[i] != '\n') {
                continue;
            }
            int start = lineStart;
            int end = i;
            while (start < end && text[start] <= ' ') {
                start++;
            }
            while (end > start && text[end - 1] <= ' ') {
                end--;
            }
            if (start < end && text[start] != '#') {
                int slash = start;
                int port = 0;
                while (slash < end && slash - start <= 5 && text[slash] >= '0' && text[slash] <= '9') {
                    port = port * 10 + text[slash++] - '0';
                }
                Protocol protocol = slash > start && slash - start <= 5 && port <= 65535 && slash < end
                        && text[slash] == '/' ? protocol(text, slash + 1, end) : null;
                if (protocol == null) {
                    throw new IllegalArgumentException("port ranking line " + number
                            + ": expected port/protocol, got \"" + string(text, start, end) + "\"");
                }
                int p = protocol.ordinal();
                if (seen[p] == null) {
                    seen[p] = new BitSet(65536);
                }
                if (seen[p].get(port)) {
                    throw new IllegalArgumentException("port ranking line " + number + ": "
                            + string(text, start, end) + " is listed twice");
                }
                seen[p].set(port);
                if (counts[p] == lists[p].length) {
                    lists[p] = Arrays.copyOf(lists[p], counts[p] * 2);
                }
                lists[p][counts[p]++] = port;
            }
            number++;
            lineStart = i + 1;
        }
        Map<Protocol, int[]> ranked = new EnumMap<>(Protocol.class);
        for (Protocol p : Protocol.values()) {
            ranked.put(p, Arrays.copyOf(lists[p.ordinal()], counts[p.ordinal()]));
        }
        return new PortRanking(ranked);
    }

    /** The protocol labelled text[from, to) as in "80/tcp", or null. */
    private static Protocol protocol(byte[] text, int from, int to) {
        for (Protocol p : Protocol.values()) {
            String label = p.label();
            if (label.length() == to - from) {
                int i = 0;
                while (i < label.length() && text[from + i] == label.charAt(i)) {
                    i++;
                }
                if (i == label.length()) {
                    return p;
                }
            }
        }
        return null;
    }

    private static String string(byte[] text, int from, int to) {
        return new String(text, from, to - from, StandardCharsets.UTF_8);
    }

    /** How many ports the ranking lists for {@code protocol}. */
    public int rankedCount(Protocol protocol) {
        return ranked.getOrDefault(protocol, new int[0]).length;
    }

    /**
     * The {@code n} most common ports of {@code protocol}, most common first; past the end of the ranking the
     * remaining ports follow in ascending order, so any n up to 65535 is answered (port 0 never is).
     */
    public int[] top(Protocol protocol, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative count: " + n);
        }
        int want = Math.min(n, 65535);
        int[] list = ranked.getOrDefault(protocol, new int[0]);
        if (want <= list.length) {
            return Arrays.copyOf(list, want);
        }
        int[] out = Arrays.copyOf(list, want);
        BitSet taken = new BitSet(65536);
        for (int p : list) {
            taken.set(p);
        }
        int next = 1;
        for (int i = list.length; i < want; i++) {
            next = taken.nextClearBit(next);
            out[i] = next++;
        }
        return out;
    }
}
