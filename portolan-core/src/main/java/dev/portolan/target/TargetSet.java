package dev.portolan.target;

import dev.portolan.target.AddressRanges.Range;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * An ordered, duplicate-free set of hosts read by index: IPv4 ascending, then IPv6 ascending. Held as address
 * ranges, so a /8 costs as little memory as one host and {@link #get} is a binary search.
 */
public final class TargetSet {

    /** The most hosts one set may hold: an IPv6 /64 (2^64) is far beyond anything a scan can finish. */
    public static final long MAX_SIZE = 1L << 62;

    /** A host the set must return as given: by name, or an IPv6 address with its scope. */
    private record Key(boolean ipv6, long hi, long lo) {
        static Key of(InetAddress address) {
            U128 v = U128.of(address);
            return new Key(address instanceof Inet6Address, v.hi(), v.lo());
        }
    }

    private final AddressRanges v4;
    private final AddressRanges v6;
    private final Map<Key, Target> special;
    private final List<String> warnings;

    private TargetSet(AddressRanges v4, AddressRanges v6, Map<Key, Target> special, List<String> warnings) {
        this.v4 = v4;
        this.v6 = v6;
        this.special = Map.copyOf(special);
        this.warnings = List.copyOf(warnings);
    }

    /** The given hosts, sorted and without duplicates (when an address comes twice, its first name stays). */
    public static TargetSet of(Collection<Target> targets) {
        Collector c = new Collector();
        for (Target t : targets) {
            c.add(t);
        }
        return c.build(List.of());
    }

    /**
     * Parses nmap target specifications: IPv4 and IPv6 addresses, CIDR blocks, IPv4 octet ranges
     * ("10.0.0-3.*", "192.0.2.1,3,7-9"), IPv6 with %scope, and host names ("name" or "name/24"). Each element is
     * one spec or several separated by white space; {@code options} adds -iL input and subtracts exclusions.
     * Names that do not resolve are left out and reported in {@link #warnings()}.
     *
     * @throws TargetSpecException for a malformed spec or unreadable file (naming it), for an empty result, and for
     *         more than {@link #MAX_SIZE} hosts
     */
    public static TargetSet parse(List<String> specs, TargetOptions options) {
        List<String> include = new ArrayList<>();
        for (String s : specs) {
            include.addAll(words(s));
        }
        options.inputFile().ifPresent(f -> include.addAll(SpecReader.tokens(f, options.stdin())));
        List<String> exclude = new ArrayList<>();
        for (String s : options.excludes()) {
            exclude.addAll(words(s));
        }
        options.excludeFile().ifPresent(f -> exclude.addAll(SpecReader.tokens(f, options.stdin())));

        List<TargetSpec> included = include.stream().map(TargetSpec::parse).toList();
        List<TargetSpec> excluded = exclude.stream().map(TargetSpec::parse).toList();
        Set<String> names = new LinkedHashSet<>();
        Stream.concat(included.stream(), excluded.stream())
                .forEach(s -> {
                    if (s instanceof TargetSpec.HostName h) {
                        names.add(h.name());
                    }
                });
        Map<String, List<InetAddress>> resolved = NameLookup.resolve(names, options.resolver());

        List<String> warnings = new ArrayList<>();
        Collector in = new Collector();
        for (int i = 0; i < included.size(); i++) {
            in.add(include.get(i), included.get(i), resolved, options, warnings, "");
        }
        Collector out = new Collector();
        for (int i = 0; i < excluded.size(); i++) {
            out.add(exclude.get(i), excluded.get(i), resolved, options, warnings, "excluded ");
        }
        TargetSet set = in.minus(out).build(warnings);
        if (set.size() > MAX_SIZE) {
            throw new TargetSpecException(in.largestToken(), "more than 2^62 addresses (an IPv6 /64 has 2^64); "
                    + "scan a smaller range");
        }
        if (set.size() == 0) {
            String why = include.isEmpty() ? "no targets were specified"
                    : warnings.isEmpty() ? "no targets left to scan: every one was excluded"
                    : "no targets left to scan (" + String.join("; ", warnings) + ")";
            throw new TargetSpecException("", why);
        }
        return set;
    }

    /** How many hosts. */
    public long size() {
        long total = v4.size() + v6.size();
        return total < 0 ? Long.MAX_VALUE : total;
    }

    /** How many IPv4 hosts; they come first, at indexes [0, ipv4Size()). */
    public long ipv4Size() {
        return v4.size();
    }

    /** How many IPv6 hosts; they follow the IPv4 ones. */
    public long ipv6Size() {
        return v6.size();
    }

    /** The host at {@code index}, 0 <= index < size. */
    public Target get(long index) {
        Objects.checkIndex(index, size());
        if (special.isEmpty() && index < v4.size()) {
            // a sweep asks for every host of a /16: no 128-bit value made on the way
            return Target.of(Addresses.ipv4(v4.lowAt(index)));
        }
        boolean six = index >= v4.size();
        U128 a = six ? v6.get(index - v4.size()) : v4.get(index);
        if (!special.isEmpty()) {
            Target t = special.get(new Key(six, a.hi(), a.lo()));
            if (t != null) {
                return t;
            }
        }
        return Target.of(six ? Addresses.ipv6(a.hi(), a.lo()) : Addresses.ipv4(a.lo()));
    }

    /**
     * The 32 bits of the IPv4 address at {@code index}, 0 <= index < ipv4Size(): what {@link #get} would hold, without
     * making the host (a sweep of a /16 asks for all of them before it knows which to report).
     */
    public int ipv4Bits(long index) {
        Objects.checkIndex(index, v4.size());
        return (int) v4.lowAt(index);
    }

    /** The index of {@code address} (its scope ignored), or -1 when it is not in the set. */
    public long indexOf(InetAddress address) {
        if (address instanceof Inet4Address) {
            return v4.indexOf(U128.of(address));
        }
        long i = v6.indexOf(U128.of(address));
        return i < 0 ? -1 : v4.size() + i;
    }

    public boolean contains(InetAddress address) {
        return indexOf(address) >= 0;
    }

    /** Every host in index order; meant for small sets (a /8 is 16 million elements). */
    public Stream<Target> stream() {
        return LongStream.range(0, size()).mapToObj(this::get);
    }

    /** What the user should hear about but that did not stop parsing, such as names that did not resolve. */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TargetSet t && v4.equals(t.v4) && v6.equals(t.v6) && special.equals(t.special);
    }

    @Override
    public int hashCode() {
        return Objects.hash(v4, v6, special);
    }

    /** A summary: "258 hosts: 10.0.0.0-10.0.0.255, 192.0.2.1, 2001:db8::1". Long lists end in "… (N ranges)". */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(size()).append(size() == 1 ? " host" : " hosts");
        int shown = 0;
        int ranges = v4.count() + v6.count();
        for (AddressRanges family : List.of(v4, v6)) {
            for (int i = 0; i < family.count() && shown < 4; i++, shown++) {
                sb.append(shown == 0 ? ": " : ", ").append(format(family == v6, family.start(i)));
                if (!family.start(i).equals(family.end(i))) {
                    sb.append('-').append(format(family == v6, family.end(i)));
                }
            }
        }
        if (shown < ranges) {
            sb.append(", … (").append(ranges).append(" ranges)");
        }
        return sb.toString();
    }

    private static String format(boolean ipv6, U128 a) {
        return Addresses.format(ipv6 ? Addresses.ipv6(a.hi(), a.lo()) : Addresses.ipv4(a.lo()));
    }

    private static List<String> words(String s) {
        String t = s.strip();
        return t.isEmpty() ? List.of() : List.of(t.split("\\s+"));
    }

    /** Gathers ranges per family and the hosts to return as given, before sorting and merging. */
    private static final class Collector {
        private final List<Range> v4 = new ArrayList<>();
        private final List<Range> v6 = new ArrayList<>();
        private final Map<Key, Target> special = new HashMap<>();
        private String largestToken = "";
        private long largestSize = -1;

        void add(Target t) {
            U128 v = U128.of(t.address());
            (t.isIpv6() ? v6 : v4).add(Range.single(v));
            boolean scoped = t.address() instanceof Inet6Address a
                    && (a.getScopeId() != 0 || a.getScopedInterface() != null);
            if (t.userName().isPresent() || scoped) {
                special.putIfAbsent(Key.of(t.address()), t);
            }
        }

        void add(String token, TargetSpec spec, Map<String, List<InetAddress>> resolved, TargetOptions options,
                 List<String> warnings, String role) {
            // instanceof, not a pattern switch: the class a type switch is linked through is made at run time, at
            // every start (the AOT cache does not keep it)
            if (spec instanceof TargetSpec.Literal lit) {
                (lit.ipv6() ? v6 : v4).addAll(lit.ranges());
                if (lit.scoped() != null) {
                    special.putIfAbsent(Key.of(lit.scoped()), Target.of(lit.scoped()));
                }
                noteSize(token, lit.ranges());
            } else if (spec instanceof TargetSpec.HostName h) {
                List<InetAddress> chosen = choose(h.name(), resolved.get(h.name()), options, warnings, role);
                for (InetAddress a : chosen) {
                    addName(token, h, a);
                }
            } else {
                throw new IllegalArgumentException("unknown kind of target: " + spec);
            }
        }

        private void addName(String token, TargetSpec.HostName h, InetAddress a) {
            boolean six = a instanceof Inet6Address;
            U128 v = U128.of(a);
            if (h.prefix() < 0) {
                (six ? v6 : v4).add(Range.single(v));
                special.putIfAbsent(Key.of(a), Target.named(a, h.name()));
                return;
            }
            int bits = six ? 128 : 32;
            if (h.prefix() > bits) {
                throw new TargetSpecException(token, h.name() + " is an " + (six ? "IPv6" : "IPv4")
                        + " address, so the prefix length must be at most " + bits);
            }
            Range r = new Range(v.networkStart(h.prefix(), bits), v.networkEnd(h.prefix(), bits));
            (six ? v6 : v4).add(r);
            special.putIfAbsent(Key.of(a), Target.named(a, h.name()));
            noteSize(token, List.of(r));
        }

        /** nmap's choice: the first address of the preferred family, or all of them with --resolve-all. */
        private static List<InetAddress> choose(String name, List<InetAddress> all, TargetOptions options,
                                                List<String> warnings, String role) {
            if (all == null || all.isEmpty()) {
                warnings.add("Failed to resolve " + role + "name \"" + name + "\"");
                return List.of();
            }
            List<InetAddress> v4s = all.stream().filter(a -> a instanceof Inet4Address).toList();
            List<InetAddress> v6s = all.stream().filter(a -> a instanceof Inet6Address).toList();
            List<InetAddress> pool = options.ipv6() ? v6s : v4s.isEmpty() ? v6s : v4s;
            if (pool.isEmpty()) {
                warnings.add("The " + role + "name \"" + name + "\" has no IPv6 address");
                return List.of();
            }
            return options.resolveAll() ? pool : pool.subList(0, 1);
        }

        private void noteSize(String token, List<Range> ranges) {
            for (Range r : ranges) {
                long span = r.end().minusSaturated(r.start());
                if (span > largestSize) {
                    largestSize = span;
                    largestToken = token;
                }
            }
        }

        String largestToken() {
            return largestToken;
        }

        /** The ranges and special hosts of this collector less those of {@code excluded}, as a finished set. */
        Result minus(Collector excluded) {
            return new Result(AddressRanges.of(v4).minus(AddressRanges.of(excluded.v4)),
                    AddressRanges.of(v6).minus(AddressRanges.of(excluded.v6)), special);
        }

        TargetSet build(List<String> warnings) {
            return minus(new Collector()).build(warnings);
        }
    }

    private record Result(AddressRanges v4, AddressRanges v6, Map<Key, Target> special) {
        TargetSet build(List<String> warnings) {
            Map<Key, Target> kept = new HashMap<>();
            special.forEach((k, t) -> {
                if ((k.ipv6() ? v6 : v4).indexOf(new U128(k.hi(), k.lo())) >= 0) {
                    kept.put(k, t);
                }
            });
            return new TargetSet(v4, v6, kept, warnings);
        }
    }
}
