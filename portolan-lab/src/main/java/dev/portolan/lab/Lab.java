package dev.portolan.lab;

import dev.portolan.lab.services.LabServices;
import dev.portolan.lab.services.ServiceTruth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A network lab: one scanner namespace linked by a veth pair to each target namespace, addressed from the
 * documentation ranges, with no default route in the scanner namespace so that no probe can leave the lab.
 * Everything is removed by {@link #close()}, when setup fails, and by a JVM shutdown hook.
 *
 * <p>Link {@code i} uses 198.51.100.(4i+1)/30 and 2001:db8::(4i+1)/126 on the scanner side, .(4i+2) on the
 * target side; at most {@link #MAX_TARGETS} targets. A host's sweep ranges ({@link LabHost#sweepRanges()}) are local
 * addresses of its namespace and routed to it from the scanner; they lie inside 198.18.0.0/15, outside the ranges
 * {@link #assertIsolated} checks.
 */
public final class Lab implements AutoCloseable {
    public static final String PREFIX = "plab-";
    public static final int MAX_TARGETS = 63;
    /** An address outside the lab (TEST-NET-1); the scanner namespace must have no route to it. */
    public static final String OUTSIDE_IPV4 = "192.0.2.1";
    /** An IPv6 address outside the lab's 2001:db8::/64. */
    public static final String OUTSIDE_IPV6 = "2001:db8:ffff::1";
    /** The shared segment of {@link #segment}: the scanner is .1 (and 2001:db8::1) on a bridge. */
    public static final String SEGMENT_IPV4_PREFIX = "198.51.100.";
    public static final String SEGMENT_BRIDGE = "seg0";
    /** Where each live lab records the pid of the JVM that owns it, so that stale labs can be told apart. */
    static final Path OWNERS = Path.of("/run/portolan-lab");
    /** Where each lab keeps its daemons' files, in {@code plab-<suffix>}: short paths, as Unix sockets need. */
    static final Path FILES = Path.of("/tmp");

    private static final Set<Lab> LIVE = ConcurrentHashMap.newKeySet();
    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Lab::closeQuietly), "lab-cleanup"));
    }

    private final String suffix;
    private final String scanner;
    private final List<String> namespaces = Collections.synchronizedList(new ArrayList<>());
    private final List<LabTarget> targets = new ArrayList<>();
    private final List<ListenerProcess> listeners = new ArrayList<>();
    private final java.util.Map<String, LabServices> services = new java.util.LinkedHashMap<>();
    private final List<SegmentHost> segmentHosts = new ArrayList<>();
    private boolean closed;

    private Lab(String suffix) {
        this.suffix = suffix;
        this.scanner = PREFIX + "s-" + suffix;
    }

    /** Builds a lab with one target namespace per host, in order; throws (and leaves nothing) if any step fails. */
    public static Lab start(LabHost... hosts) {
        return start(List.of(hosts));
    }

    public static Lab start(List<LabHost> hosts) {
        if (hosts.isEmpty() || hosts.size() > MAX_TARGETS) {
            throw new IllegalArgumentException("a lab needs 1 to " + MAX_TARGETS + " hosts, not " + hosts.size());
        }
        if (hosts.stream().map(LabHost::name).distinct().count() != hosts.size()) {
            throw new IllegalArgumentException("lab host names must be distinct: "
                    + hosts.stream().map(LabHost::name).toList());
        }
        unavailableReason().ifPresent(why -> {
            throw new LabException("cannot build a network lab: " + why);
        });
        cleanupStale();
        Lab lab = new Lab(freshSuffix());
        LIVE.add(lab);
        try {
            lab.build(hosts);
            return lab;
        } catch (RuntimeException e) {
            lab.closeQuietly();
            throw e;
        }
    }

    /**
     * Builds a lab where the scanner sits on one Ethernet segment with every host (a bridge in the scanner
     * namespace, one veth and namespace per host), in 198.51.100.0/24 and 2001:db8::/64; throws (and leaves
     * nothing) if any step fails.
     */
    public static Lab segment(List<SegmentHost> hosts) {
        if (hosts.isEmpty() || hosts.size() > 253) {
            throw new IllegalArgumentException("a segment holds 1 to 253 hosts, not " + hosts.size());
        }
        if (hosts.stream().map(SegmentHost::number).distinct().count() != hosts.size()
                || hosts.stream().map(SegmentHost::mac).distinct().count() != hosts.size()) {
            throw new IllegalArgumentException("segment hosts need distinct numbers and MACs");
        }
        unavailableReason().ifPresent(why -> {
            throw new LabException("cannot build a network lab: " + why);
        });
        cleanupStale();
        Lab lab = new Lab(freshSuffix());
        LIVE.add(lab);
        try {
            lab.buildSegment(hosts);
            return lab;
        } catch (RuntimeException e) {
            lab.closeQuietly();
            throw e;
        }
    }

    /** The hosts of a {@link #segment} lab. */
    public List<SegmentHost> segmentHosts() {
        return List.copyOf(segmentHosts);
    }

    private void buildSegment(List<SegmentHost> hosts) {
        writeOwner();
        addNamespace(scanner);
        // one `ip -batch` per namespace instead of a process per command: 64 hosts build in seconds
        StringBuilder root = new StringBuilder();
        StringBuilder bridge = new StringBuilder("link add " + SEGMENT_BRIDGE + " type bridge forward_delay 0\n"
                + "addr add " + SEGMENT_IPV4_PREFIX + "1/24 dev " + SEGMENT_BRIDGE + "\n"
                + "addr add 2001:db8::1/64 dev " + SEGMENT_BRIDGE + " nodad\n");
        for (int i = 0; i < hosts.size(); i++) {
            SegmentHost h = hosts.get(i);
            String ns = PREFIX + "h" + i + "-" + suffix;
            namespaces.add(ns);
            root.append("netns add ").append(ns).append('\n');
            root.append("link add sh").append(i).append(" netns ").append(scanner).append(" type veth peer name ")
                    .append(LabTarget.INTERFACE).append(" address ").append(h.mac().toLowerCase(java.util.Locale.ROOT))
                    .append(" netns ").append(ns).append('\n');
            bridge.append("link set sh").append(i).append(" master ").append(SEGMENT_BRIDGE).append(" up\n");
        }
        bridge.append("link set ").append(SEGMENT_BRIDGE).append(" up\n");
        Shell.run(Shell.DEFAULT_TIMEOUT, root.toString(), List.of("ip", "-batch", "-")).orThrow();
        Shell.run(Shell.DEFAULT_TIMEOUT, bridge.toString(), List.of("ip", "-n", scanner, "-batch", "-")).orThrow();
        for (int i = 0; i < hosts.size(); i++) {
            SegmentHost h = hosts.get(i);
            String ns = PREFIX + "h" + i + "-" + suffix;
            String setup = "link set lo up\n"
                    + "addr add " + h.ipv4() + "/24 dev " + LabTarget.INTERFACE + "\n"
                    + "addr add " + h.ipv6() + "/64 dev " + LabTarget.INTERFACE + " nodad\n"
                    + "link set " + LabTarget.INTERFACE + " up\n";
            Shell.run(Shell.DEFAULT_TIMEOUT, setup, List.of("ip", "-n", ns, "-batch", "-")).orThrow();
            for (boolean v6 : new boolean[]{false, true}) {
                String rules = h.firewall(v6);
                if (!rules.isEmpty()) {
                    Shell.run(Shell.DEFAULT_TIMEOUT, rules, List.of("ip", "netns", "exec", ns,
                            v6 ? "ip6tables-restore" : "iptables-restore")).orThrow();
                }
            }
            segmentHosts.add(h);
        }
        assertIsolated();
    }

    /** Why no lab can be built here (not root, a tool missing), or empty when it can. */
    public static Optional<String> unavailableReason() {
        if (!isRoot()) {
            return Optional.of("needs root (network namespaces and iptables)");
        }
        for (String tool : List.of("ip", "iptables-restore", "ip6tables-restore", "iptables-save")) {
            if (!Shell.onPath(tool)) {
                return Optional.of("`" + tool + "` not found on PATH");
            }
        }
        return Optional.empty();
    }

    private static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("Uid:"))
                    .anyMatch(l -> l.split("\\s+")[2].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    private static String freshSuffix() {
        Set<String> taken = Set.copyOf(existingNamespaces().stream().map(Lab::suffixOf).toList());
        while (true) {
            String s = HexFormat.of().toHexDigits((short) RANDOM.nextInt());
            if (!taken.contains(s) && !Files.exists(OWNERS.resolve(s))) {
                return s;
            }
        }
    }

    private static String suffixOf(String namespace) {
        return namespace.substring(namespace.lastIndexOf('-') + 1);
    }

    private void build(List<LabHost> hosts) {
        writeOwner();
        addNamespace(scanner);
        for (int i = 0; i < hosts.size(); i++) {
            targets.add(addTarget(i, hosts.get(i)));
        }
        assertIsolated();
        for (ListenerProcess listener : listeners) {
            listener.awaitReady();
        }
        for (LabServices daemons : services.values()) {
            daemons.awaitReady();
        }
    }

    /** The directory of this lab's daemon files. */
    private Path files() {
        return FILES.resolve(PREFIX + suffix);
    }

    private void writeOwner() {
        try {
            Files.createDirectories(OWNERS);
            Files.writeString(OWNERS.resolve(suffix), Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new LabException("cannot record lab owner in " + OWNERS + ": " + e.getMessage(), e);
        }
    }

    private void addNamespace(String name) {
        // recorded before it exists, so that a failure half-way still removes it
        namespaces.add(name);
        Shell.check("ip", "netns", "add", name);
        Shell.check("ip", "-n", name, "link", "set", "lo", "up");
    }

    private LabTarget addTarget(int index, LabHost host) {
        String ns = PREFIX + "t" + index + "-" + suffix;
        String scannerIf = "lab" + index;
        String targetIf = LabTarget.INTERFACE;
        LabTarget target = new LabTarget(host, ns,
                "198.51.100." + (4 * index + 2), "2001:db8::" + Integer.toHexString(4 * index + 2),
                scannerIf, "198.51.100." + (4 * index + 1), "2001:db8::" + Integer.toHexString(4 * index + 1));
        addNamespace(ns);
        // created straight inside both namespaces: nothing ever appears in the host's own namespace
        Shell.check("ip", "link", "add", scannerIf, "netns", scanner, "type", "veth",
                "peer", "name", targetIf, "netns", ns);
        Shell.check("ip", "-n", scanner, "addr", "add", target.scannerIpv4() + "/30", "dev", scannerIf);
        Shell.check("ip", "-n", ns, "addr", "add", target.ipv4() + "/30", "dev", targetIf);
        // nodad: the addresses are usable at once instead of after duplicate address detection
        Shell.check("ip", "-n", scanner, "addr", "add", target.scannerIpv6() + "/126", "dev", scannerIf, "nodad");
        Shell.check("ip", "-n", ns, "addr", "add", target.ipv6() + "/126", "dev", targetIf, "nodad");
        Shell.check("ip", "-n", scanner, "link", "set", scannerIf, "up");
        Shell.check("ip", "-n", ns, "link", "set", targetIf, "up");
        if (host.loss() > 0 || !host.dropped().isEmpty() || !host.rejected().isEmpty()
                || !host.udp().dropped().isEmpty() || !host.udp().rejected().isEmpty()) {
            for (Firewall.Family family : Firewall.Family.values()) {
                Shell.run(Shell.DEFAULT_TIMEOUT, Firewall.rules(host, targetIf, family),
                        List.of("ip", "netns", "exec", ns, family.restoreCommand())).orThrow();
            }
        }
        for (String range : host.sweepRanges()) {
            // the target takes every address of the range as its own; the scanner reaches them through the link
            Shell.check("ip", "-n", ns, "route", "add", "local", range, "dev", "lo");
            Shell.check("ip", "-n", scanner, "route", "add", range, "via", target.ipv4(), "dev", scannerIf);
        }
        for (List<String> command : host.setup()) {
            Shell.run(Shell.DEFAULT_TIMEOUT, null, inNamespace(ns, command)).orThrow();
        }
        if (!host.listening().isEmpty() || !host.udp().listening().isEmpty()) {
            listeners.add(ListenerProcess.start(ns, host));
        }
        if (!host.daemons().isEmpty()) {
            services.put(ns, LabServices.start(ns, host.daemons(), files().resolve(host.name())));
        }
        return target;
    }

    /** At most this many extra scanner addresses per target ({@link #addScannerSources}). */
    public static final int MAX_EXTRA_SOURCES = 14;

    /**
     * More addresses of the scanner for sending to one target (-S with a list).
     *
     * @param ipv4 addresses in 203.0.113.0/24, one /28 per target
     * @param ipv6 addresses in 2001:db8:5::/48, one /64 per target
     */
    public record ScannerSources(List<String> ipv4, List<String> ipv6) {
        public ScannerSources {
            ipv4 = List.copyOf(ipv4);
            ipv6 = List.copyOf(ipv6);
        }
    }

    /**
     * Gives the scanner {@code count} more addresses on its link to {@code target} and routes them back from the
     * target through that link: 203.0.113.(16i+1) on and 2001:db8:5:i::1 on for the target of index i (0 to 15).
     * Outside 198.51.100.0/24 and 2001:db8::/64, so the target reaches them only by the route added here.
     */
    public ScannerSources addScannerSources(LabTarget target, int count) {
        int index = targets.indexOf(target);
        if (index < 0 || index > 15) {
            throw new IllegalArgumentException("extra scanner addresses go to the first 16 targets of a lab");
        }
        if (count < 1 || count > MAX_EXTRA_SOURCES) {
            throw new IllegalArgumentException("1 to " + MAX_EXTRA_SOURCES + " extra addresses, not " + count);
        }
        List<String> v4 = new ArrayList<>();
        List<String> v6 = new ArrayList<>();
        StringBuilder scannerSide = new StringBuilder();
        for (int k = 1; k <= count; k++) {
            v4.add("203.0.113." + (16 * index + k));
            v6.add("2001:db8:5:" + Integer.toHexString(index) + "::" + Integer.toHexString(k));
            scannerSide.append("addr add ").append(v4.getLast()).append("/32 dev ").append(target.scannerInterface())
                    .append('\n');
            scannerSide.append("addr add ").append(v6.getLast()).append("/128 dev ")
                    .append(target.scannerInterface()).append(" nodad\n");
        }
        String targetSide = "route add 203.0.113." + (16 * index) + "/28 via " + target.scannerIpv4() + " dev "
                + LabTarget.INTERFACE + "\n"
                + "route add 2001:db8:5:" + Integer.toHexString(index) + "::/64 via " + target.scannerIpv6() + " dev "
                + LabTarget.INTERFACE + "\n";
        Shell.run(Shell.DEFAULT_TIMEOUT, scannerSide.toString(), List.of("ip", "-n", scanner, "-batch", "-"))
                .orThrow();
        Shell.run(Shell.DEFAULT_TIMEOUT, targetSide, List.of("ip", "-n", target.namespace(), "-batch", "-"))
                .orThrow();
        assertIsolated();
        return new ScannerSources(v4, v6);
    }

    /**
     * Where {@link #addSharedScannerSources} takes its addresses from: 192.0.2.16/28 of TEST-NET-1, clear of the
     * address {@link #assertIsolated} asks the routes about and unused elsewhere in the lab.
     */
    static final String SHARED_SOURCES_BLOCK = "192.0.2.16/28";
    private static final String SHARED_SOURCES_PREFIX = "192.0.2.";
    private static final int SHARED_SOURCES_FIRST = 17;

    /**
     * Gives the scanner {@code count} more IPv4 addresses that every target reaches (for -S lists over several
     * targets): 192.0.2.17 on, on the scanner's loopback, routed back from each target through its link. Call after
     * the lab is built; at most {@link #MAX_EXTRA_SOURCES}.
     */
    public ScannerSources addSharedScannerSources(int count) {
        if (count < 1 || count > MAX_EXTRA_SOURCES) {
            throw new IllegalArgumentException("1 to " + MAX_EXTRA_SOURCES + " extra addresses, not " + count);
        }
        List<String> v4 = new ArrayList<>();
        StringBuilder scannerSide = new StringBuilder();
        for (int k = 1; k <= count; k++) {
            v4.add(SHARED_SOURCES_PREFIX + (SHARED_SOURCES_FIRST + k - 1));
            scannerSide.append("addr add ").append(v4.getLast()).append("/32 dev lo\n");
        }
        Shell.run(Shell.DEFAULT_TIMEOUT, scannerSide.toString(), List.of("ip", "-n", scanner, "-batch", "-"))
                .orThrow();
        for (LabTarget target : targets) {
            Shell.check("ip", "-n", target.namespace(), "route", "add", SHARED_SOURCES_BLOCK, "via",
                    target.scannerIpv4(), "dev", LabTarget.INTERFACE);
        }
        assertIsolated();
        return new ScannerSources(v4, List.of());
    }

    /**
     * Throws a LabException unless the scanner namespace has no default route (IPv4 or IPv6) and the kernel finds no
     * route from it to an address outside the lab. Asks the routing table only; sends nothing.
     */
    public void assertIsolated() {
        for (String family : List.of("-4", "-6")) {
            String defaults = Shell.check("ip", "-n", scanner, family, "route", "show", "default").stdout();
            if (!defaults.isBlank()) {
                throw new LabException("scanner namespace " + scanner + " has a default route: " + defaults.strip());
            }
        }
        for (String outside : List.of(OUTSIDE_IPV4, OUTSIDE_IPV6)) {
            Shell.Result r = Shell.run("ip", "netns", "exec", scanner, "ip", "route", "get", outside);
            if (r.ok()) {
                throw new LabException("scanner namespace " + scanner + " has a route to " + outside + ": "
                        + r.stdout().strip());
            }
        }
    }

    public String scannerNamespace() {
        return scanner;
    }

    /** Every namespace of this lab, scanner first. */
    public List<String> namespaces() {
        return List.copyOf(namespaces);
    }

    public List<LabTarget> targets() {
        return List.copyOf(targets);
    }

    /** The first (often the only) target. */
    public LabTarget target() {
        return targets.getFirst();
    }

    public LabTarget target(String name) {
        return targets.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no lab host named " + name));
    }

    /**
     * What each daemon port of {@code target} really runs (product, version read from this machine), in the order
     * the daemons were declared; empty for a target without daemons.
     */
    public List<ServiceTruth> services(LabTarget target) {
        LabServices s = services.get(target.namespace());
        return s == null ? List.of() : s.truth();
    }

    /** {@code command} prefixed so that it runs inside the scanner namespace. */
    public List<String> inScanner(List<String> command) {
        return inNamespace(scanner, command);
    }

    public List<String> inScanner(String... command) {
        return inScanner(List.of(command));
    }

    /** Runs {@code command} inside the scanner namespace and returns its result whatever its exit code. */
    public Shell.Result runInScanner(Duration timeout, String... command) {
        return Shell.run(timeout, null, inScanner(command));
    }

    /** {@code command} prefixed so that it runs inside {@code target}'s namespace. */
    public List<String> inTarget(LabTarget target, String... command) {
        return inNamespace(target.namespace(), List.of(command));
    }

    private static List<String> inNamespace(String ns, List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(command);
        return full;
    }

    /** The MAC address of the target's end of its link: the next hop for tools with their own stack (masscan). */
    public String macAddress(LabTarget target) {
        String link = Shell.check("ip", "-n", target.namespace(), "-o", "link", "show", LabTarget.INTERFACE).stdout();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("link/ether ([0-9a-f]{2}(?::[0-9a-f]{2}){5})")
                .matcher(link);
        if (!m.find()) {
            throw new LabException("no MAC address on " + LabTarget.INTERFACE + " in " + target.namespace() + ": "
                    + link.strip());
        }
        return m.group(1);
    }

    /** Packets the loss rules of {@code target} have dropped so far, IPv4 and IPv6 together. */
    public Firewall.LossCounters lossDrops(LabTarget target) {
        Firewall.LossCounters total = new Firewall.LossCounters(0, 0);
        for (Firewall.Family family : Firewall.Family.values()) {
            String saved = Shell.check("ip", "netns", "exec", target.namespace(), family.saveCommand(), "-c",
                    "-t", "filter").stdout();
            total = total.plus(Firewall.lossCounters(saved));
        }
        return total;
    }

    /** Stops the listeners and removes every namespace (with its links and rules); safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<String> failures = new ArrayList<>();
        for (LabServices daemons : services.values()) {
            try {
                daemons.close();
            } catch (RuntimeException e) {
                failures.add(e.getMessage());
            }
        }
        for (ListenerProcess listener : listeners) {
            listener.close();
        }
        for (String ns : namespaces.reversed()) {
            try {
                removeNamespace(ns);
            } catch (RuntimeException e) {
                failures.add(e.getMessage());
            }
        }
        try {
            LabServices.deleteTree(files());
        } catch (RuntimeException e) {
            failures.add(e.getMessage());
        }
        try {
            Files.deleteIfExists(OWNERS.resolve(suffix));
        } catch (IOException e) {
            failures.add("cannot remove owner file: " + e.getMessage());
        }
        LIVE.remove(this);
        if (!failures.isEmpty()) {
            throw new LabException("lab " + suffix + " not fully removed: " + String.join("; ", failures));
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
        }
    }

    /** Kills what still runs inside {@code ns} (processes keep a namespace alive), then deletes it. */
    private static void removeNamespace(String ns) {
        if (!existingNamespaces().contains(ns)) {
            return;
        }
        Shell.Result pids = Shell.run("ip", "netns", "pids", ns);
        if (pids.ok()) {
            for (String line : pids.stdout().split("\\s+")) {
                if (!line.isBlank()) {
                    ProcessHandle.of(Long.parseLong(line.strip())).ifPresent(p -> {
                        p.destroyForcibly();
                        p.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(x -> p).join();
                    });
                }
            }
        }
        Shell.Result deleted = Shell.run("ip", "netns", "delete", ns);
        // another cleaner may have won the race; only a namespace that is still there is a failure
        if (!deleted.ok() && existingNamespaces().contains(ns)) {
            deleted.orThrow();
        }
    }

    /** Every lab namespace on this machine ({@code plab-*}), whoever made it. */
    public static List<String> existingNamespaces() {
        Shell.Result r = Shell.check("ip", "netns", "list");
        return r.stdout().lines().map(l -> l.strip().split("\\s+")[0])
                .filter(n -> n.startsWith(PREFIX)).sorted().toList();
    }

    /**
     * Removes lab namespaces left by runs that were killed (their owner JVM is gone or unknown), with the
     * processes inside them; labs of live JVMs are left alone. Returns the namespaces removed.
     */
    public static List<String> cleanupStale() {
        List<String> removed = new ArrayList<>();
        for (String ns : existingNamespaces()) {
            String suffix = suffixOf(ns);
            if (!ownerAlive(suffix)) {
                removeNamespace(ns);
                removed.add(ns);
            }
        }
        try (var owners = Files.exists(OWNERS) ? Files.list(OWNERS) : Stream.<Path>empty()) {
            for (Path owner : owners.toList()) {
                if (!ownerAlive(owner.getFileName().toString())) {
                    Files.deleteIfExists(owner);
                }
            }
        } catch (IOException e) {
            throw new LabException("cannot clean " + OWNERS + ": " + e.getMessage(), e);
        }
        // daemon files of killed labs; their daemons died with the namespaces above
        try (var dirs = Files.list(FILES)) {
            for (Path dir : dirs.toList()) {
                String name = dir.getFileName().toString();
                if (name.startsWith(PREFIX) && Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && !ownerAlive(name.substring(PREFIX.length()))) {
                    LabServices.deleteTree(dir);
                }
            }
        } catch (IOException e) {
            throw new LabException("cannot clean " + FILES + ": " + e.getMessage(), e);
        }
        return removed;
    }

    private static boolean ownerAlive(String suffix) {
        try {
            long pid = Long.parseLong(Files.readString(OWNERS.resolve(suffix)).strip());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }
}
