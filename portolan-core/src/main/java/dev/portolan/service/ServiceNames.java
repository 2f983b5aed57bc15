package dev.portolan.service;

import dev.portolan.target.Protocol;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Registered service names per port and protocol, from the IANA-derived table the project ships
 * ({@code services.tsv}, made by tools/gen-services). Names are matched without regard to case.
 */
public final class ServiceNames {
    private final List<ServiceEntry> entries;
    private final Map<Protocol, Map<Integer, ServiceEntry>> byPort = new EnumMap<>(Protocol.class);
    private final Map<Protocol, Map<String, List<ServiceEntry>>> byName = new EnumMap<>(Protocol.class);

    private ServiceNames(List<ServiceEntry> entries) {
        this.entries = List.copyOf(entries);
        for (Protocol p : Protocol.values()) {
            byPort.put(p, new HashMap<>());
            byName.put(p, new HashMap<>());
        }
        for (ServiceEntry e : this.entries) {
            byPort.get(e.protocol()).putIfAbsent(e.port(), e);
            byName.get(e.protocol()).computeIfAbsent(e.name().toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                    .add(e);
        }
    }

    /** Loaded on first use only, so that start-up (portolan --version) never reads the table. */
    private static final class Builtin {
        static final ServiceNames TABLE = Resources.load("services.tsv", ServiceNames::parse);
    }

    /** The table shipped with Portolan. */
    public static ServiceNames builtin() {
        return Builtin.TABLE;
    }

    /** A table of the given rows; the first row for a port and protocol gives its name. */
    public static ServiceNames of(Collection<ServiceEntry> entries) {
        return new ServiceNames(new ArrayList<>(entries));
    }

    /**
     * Reads a table in the services.tsv format: name, port, protocol, description separated by tabs; "#" lines
     * are comments. A malformed row throws IllegalArgumentException naming its line.
     */
    public static ServiceNames parse(Reader tsv) throws IOException {
        List<ServiceEntry> rows = new ArrayList<>();
        BufferedReader in = new BufferedReader(tsv);
        int number = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            try {
                if (f.length < 3) {
                    throw new IllegalArgumentException("expected name, port, protocol, description");
                }
                rows.add(new ServiceEntry(f[0].toLowerCase(Locale.ROOT), Integer.parseInt(f[1]),
                        Protocol.fromLabel(f[2]), f.length > 3 ? f[3] : ""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("service table line " + number + ": " + e.getMessage(), e);
            }
        }
        return new ServiceNames(rows);
    }

    /** The registered name of {@code port}/{@code protocol} ("http" for 80/tcp), if any. */
    public Optional<String> name(Protocol protocol, int port) {
        return entry(protocol, port).map(ServiceEntry::name);
    }

    /** The row that names {@code port}/{@code protocol}, if any. */
    public Optional<ServiceEntry> entry(Protocol protocol, int port) {
        return Optional.ofNullable(byPort.get(protocol).get(port));
    }

    /** The lowest port registered under {@code name} on {@code protocol} ("http" gives 80), if any. */
    public OptionalInt port(Protocol protocol, String name) {
        List<ServiceEntry> found = byName.get(protocol).get(name.toLowerCase(Locale.ROOT));
        return found == null ? OptionalInt.empty()
                : OptionalInt.of(found.stream().mapToInt(ServiceEntry::port).min().orElseThrow());
    }

    /**
     * The rows on {@code protocol} whose name matches {@code pattern}, by port: "*" stands for any run of
     * characters and "?" for one, as nmap's -p "http*"; a pattern without them is an exact name.
     */
    public List<ServiceEntry> matching(Protocol protocol, String pattern) {
        String key = pattern.toLowerCase(Locale.ROOT);
        if (key.indexOf('*') < 0 && key.indexOf('?') < 0) {
            return sortedByPort(byName.get(protocol).getOrDefault(key, List.of()));
        }
        Pattern glob = glob(key);
        List<ServiceEntry> found = new ArrayList<>();
        byName.get(protocol).forEach((name, rows) -> {
            if (glob.matcher(name).matches()) {
                found.addAll(rows);
            }
        });
        return sortedByPort(found);
    }

    /** Every row, in table order. */
    public List<ServiceEntry> entries() {
        return entries;
    }

    private static List<ServiceEntry> sortedByPort(List<ServiceEntry> rows) {
        return rows.stream().sorted(Comparator.comparingInt(ServiceEntry::port)).toList();
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
