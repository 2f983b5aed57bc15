package dev.portolan.service;

import dev.portolan.target.Protocol;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Ports ranked from most to least commonly open, per protocol, for --top-ports and -F. The shipped ranking
 * ({@code top-ports.txt}) is Portolan's own, built in tiers by tools/gen-services (docs/ports.md).
 */
public final class PortRanking {
    private static final String RESOURCE = "top-ports.txt";

    private final Map<Protocol, int[]> ranked;

    private PortRanking(Map<Protocol, int[]> ranked) {
        this.ranked = ranked;
    }

    private static final class Builtin {
        static final PortRanking RANKING = load();

        private static PortRanking load() {
            try (InputStream in = PortRanking.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " is missing from the build");
                }
                return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }
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
            int slash = entry.indexOf('/');
            Protocol protocol = slash < 0 ? null : protocol(entry.substring(slash + 1));
            int port = slash < 0 ? -1 : portNumber(entry.substring(0, slash));
            if (protocol == null || port < 0) {
                throw new IllegalArgumentException("port ranking line " + number + ": expected port/protocol, got \""
                        + entry + "\"");
            }
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

    private static Protocol protocol(String label) {
        for (Protocol p : Protocol.values()) {
            if (p.label().equals(label)) {
                return p;
            }
        }
        return null;
    }

    private static int portNumber(String s) {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int port = Integer.parseInt(s);
        return port <= 65535 ? port : -1;
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
