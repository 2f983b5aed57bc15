package dev.portolan.service;

import dev.portolan.target.Protocol;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Ports ranked from most to least commonly open, per protocol, for --top-ports and -F. The shipped ranking
 * ({@code top-ports.txt}) is Portolan's own, built in tiers by tools/gen-services (docs/ports.md).
 */
public final class PortRanking {
    private static final Pattern ENTRY = Pattern.compile("(\\d{1,5})/(tcp|udp|sctp)");

    private final Map<Protocol, int[]> ranked;

    private PortRanking(Map<Protocol, int[]> ranked) {
        this.ranked = ranked;
    }

    private static final class Builtin {
        static final PortRanking RANKING = Resources.load("top-ports.txt", PortRanking::parse);
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
        Map<Protocol, IntStream.Builder> lists = new EnumMap<>(Protocol.class);
        Map<Protocol, BitSet> seen = new EnumMap<>(Protocol.class);
        BufferedReader in = new BufferedReader(text);
        int number = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            number++;
            String entry = line.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            Matcher m = ENTRY.matcher(entry);
            int port = m.matches() ? Integer.parseInt(m.group(1)) : -1;
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port ranking line " + number + ": expected port/protocol, got \""
                        + entry + "\"");
            }
            Protocol protocol = Protocol.fromLabel(m.group(2));
            BitSet s = seen.computeIfAbsent(protocol, p -> new BitSet(65536));
            if (s.get(port)) {
                throw new IllegalArgumentException("port ranking line " + number + ": " + entry + " is listed twice");
            }
            s.set(port);
            lists.computeIfAbsent(protocol, p -> IntStream.builder()).add(port);
        }
        Map<Protocol, int[]> ranked = new EnumMap<>(Protocol.class);
        lists.forEach((p, b) -> ranked.put(p, b.build().toArray()));
        return new PortRanking(ranked);
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
