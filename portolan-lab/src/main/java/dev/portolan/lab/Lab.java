package dev.portolan.lab;

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
 * target side; at most {@link #MAX_TARGETS} targets.
 */
public final class Lab implements AutoCloseable {
    public static final String PREFIX = "plab-";
    public static final int MAX_TARGETS = 63;
    /** An address outside the lab (TEST-NET-1); the scanner namespace must have no route to it. */
    public static final String OUTSIDE_IPV4 = "192.0.2.1";
    /** An IPv6 address outside the lab's 2001:db8::/64. */
    public static final String OUTSIDE_IPV6 = "2001:db8:ffff::1";
    /** Where each live lab records the pid of the JVM that owns it, so that stale labs can be told apart. */
    static final Path OWNERS = Path.of("/run/portolan-lab");

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
        for (List<String> command : host.setup()) {
            Shell.run(Shell.DEFAULT_TIMEOUT, null, inNamespace(ns, command)).orThrow();
        }
        if (!host.listening().isEmpty() || !host.udp().listening().isEmpty()) {
            listeners.add(ListenerProcess.start(ns, host));
        }
        return target;
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
