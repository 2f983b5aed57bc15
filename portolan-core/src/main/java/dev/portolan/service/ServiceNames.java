package dev.portolan.service;

import dev.portolan.target.Protocol;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Registered service names per port and protocol, from the IANA-derived table the project ships
 * ({@code services.tsv}, made by tools/gen-services). Names are matched without regard to case.
 */
public final class ServiceNames {
    private static final int NO_ROW = 0;

    private final ServiceTsv tsv;
    // Rows are made on first use; a race makes one twice at worst, and a record's final fields publish safely.
    private final ServiceEntry[] rows;
    // Per protocol ordinal: port -> 1 + the row that names it (the first row of that port), or NO_ROW.
    private final int[][] firstRow = new int[Protocol.values().length][];
    private volatile Map<Protocol, Map<String, int[]>> byName;
    private volatile List<ServiceEntry> entries;

    /** A table of {@code rows} (decoded already) or of {@code tsv} (rows decoded on demand). */
    private ServiceNames(ServiceTsv tsv, ServiceEntry[] rows, int[] ports, byte[] protocols) {
        this.tsv = tsv;
        this.rows = rows;
        for (int i = 0; i < rows.length; i++) {
            int[] first = firstRow[protocols[i]];
            if (first == null) {
                first = new int[65536];
                firstRow[protocols[i]] = first;
            }
            if (first[ports[i]] == NO_ROW) {
                first[ports[i]] = i + 1;
            }
        }
    }

    /** Loaded on first use only, so that start-up (portolan --version) never reads the table. */
    private static final class Builtin {
        static final ServiceNames TABLE = parse(Resources.bytes("services.tsv"));
    }

    /** The table shipped with Portolan. */
    public static ServiceNames builtin() {
        return Builtin.TABLE;
    }

    /** A table of the given rows; the first row for a port and protocol gives its name. */
    public static ServiceNames of(Collection<ServiceEntry> entries) {
        ServiceEntry[] rows = entries.toArray(ServiceEntry[]::new);
        int[] ports = new int[rows.length];
        byte[] protocols = new byte[rows.length];
        for (int i = 0; i < rows.length; i++) {
            ports[i] = rows[i].port();
            protocols[i] = (byte) rows[i].protocol().ordinal();
        }
        return new ServiceNames(null, rows, ports, protocols);
    }

    /**
     * Reads a table in the services.tsv format: name, port, protocol, description separated by tabs; "#" lines
     * are comments. A malformed row throws IllegalArgumentException naming its line.
     */
    public static ServiceNames parse(Reader tsv) throws IOException {
        StringWriter text = new StringWriter();
        tsv.transferTo(text);
        return parse(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    static ServiceNames parse(byte[] text) {
        ServiceTsv tsv = ServiceTsv.parse(text);
        return new ServiceNames(tsv, new ServiceEntry[tsv.size()], tsv.ports(), tsv.protocols());
    }

    /** The registered name of {@code port}/{@code protocol} ("http" for 80/tcp), if any. */
    public Optional<String> name(Protocol protocol, int port) {
        return entry(protocol, port).map(ServiceEntry::name);
    }

    /** The row that names {@code port}/{@code protocol}, if any. */
    public Optional<ServiceEntry> entry(Protocol protocol, int port) {
        int[] ports = firstRow[protocol.ordinal()];
        int row = ports == null || port < 0 || port > 65535 ? NO_ROW : ports[port];
        return row == NO_ROW ? Optional.empty() : Optional.of(row(row - 1));
    }

    /** The lowest port registered under {@code name} on {@code protocol} ("http" gives 80), if any. */
    public OptionalInt port(Protocol protocol, String name) {
        int[] found = byName().get(protocol).get(name.toLowerCase(Locale.ROOT));
        return found == null ? OptionalInt.empty()
                : OptionalInt.of(Arrays.stream(found).map(i -> row(i).port()).min().orElseThrow());
    }

    /**
     * The rows on {@code protocol} whose name matches {@code pattern}, by port: "*" stands for any run of
     * characters and "?" for one, as nmap's -p "http*"; a pattern without them is an exact name.
     */
    public List<ServiceEntry> matching(Protocol protocol, String pattern) {
        String key = pattern.toLowerCase(Locale.ROOT);
        if (key.indexOf('*') < 0 && key.indexOf('?') < 0) {
            return sortedByPort(byName().get(protocol).getOrDefault(key, new int[0]));
        }
        Pattern glob = glob(key);
        IntStream.Builder found = IntStream.builder();
        byName().get(protocol).forEach((name, of) -> {
            if (glob.matcher(name).matches()) {
                Arrays.stream(of).forEach(found);
            }
        });
        return sortedByPort(found.build().toArray());
    }

    /** Every row, in table order. */
    public List<ServiceEntry> entries() {
        List<ServiceEntry> all = entries;
        if (all == null) {
            ServiceEntry[] list = new ServiceEntry[rows.length];
            Arrays.setAll(list, this::row);
            all = List.of(list);
            entries = all;
        }
        return all;
    }

    private ServiceEntry row(int i) {
        ServiceEntry e = rows[i];
        if (e == null) {
            e = tsv.entry(i);
            rows[i] = e;
        }
        return e;
    }

    /** Rows by protocol and lower-case name, made on the first lookup by name (a scan only names ports). */
    private Map<Protocol, Map<String, int[]>> byName() {
        Map<Protocol, Map<String, int[]>> index = byName;
        if (index == null) {
            index = new EnumMap<>(Protocol.class);
            for (Protocol p : Protocol.values()) {
                index.put(p, new HashMap<>());
            }
            for (int i = 0; i < rows.length; i++) {
                ServiceEntry e = rows[i];
                String name = e != null ? e.name().toLowerCase(Locale.ROOT) : tsv.name(i);
                index.get(e != null ? e.protocol() : tsv.protocol(i)).merge(name, new int[] {i},
                        (old, one) -> {
                            int[] more = Arrays.copyOf(old, old.length + 1);
                            more[old.length] = one[0];
                            return more;
                        });
            }
            byName = index;
        }
        return index;
    }

    private List<ServiceEntry> sortedByPort(int[] of) {
        return Arrays.stream(of).mapToObj(this::row).sorted((a, b) -> Integer.compare(a.port(), b.port())).toList();
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String literal : pattern.split("(?=[*?])|(?<=[*?])")) {
            regex.append(switch (literal) {
                case "*" -> ".*";
                case "?" -> ".";
                default -> Pattern.quote(literal);
            });
        }
        return Pattern.compile(regex.toString());
    }
}
