package dev.portolan.cli;

import dev.portolan.api.Scan;
import dev.portolan.api.ScanConfig;
import dev.portolan.api.ScanType;
import dev.portolan.api.UdpOptions;
import dev.portolan.craft.ProbeCrafting;
import dev.portolan.engine.Shard;
import dev.portolan.net.NativeAccess;
import dev.portolan.net.PingSocket;
import dev.portolan.net.Privileges;
import dev.portolan.report.ReportOptions;
import dev.portolan.report.ResultSink;
import dev.portolan.result.ScanSummary;
import dev.portolan.service.ServiceNames;
import dev.portolan.target.PortList;
import dev.portolan.target.Protocol;
import dev.portolan.target.SpecException;
import dev.portolan.target.TargetOptions;
import dev.portolan.target.TargetSet;
import dev.portolan.technique.discovery.DiscoveryOptions;
import dev.portolan.technique.discovery.LocalAddresses;
import dev.portolan.technique.udp.UdpPayloadFormatException;
import dev.portolan.technique.udp.UdpPayloads;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** One execution of {@code portolan scan}: options to config, outputs to sinks, Ctrl-C to a clean end. */
final class ScanRun {
    static final String SYN_FALLBACK = "raw sockets need root or CAP_NET_RAW: scanning with -sT (connect) instead";
    /** nmap refuses these without rights too: no connect scan can tell what they tell. */
    static final String RAW_REFUSAL = "%s needs raw sockets (root or CAP_NET_RAW); only -sS falls back to -sT";
    /** The crafting options a plain UDP socket honours: the rest need raw packets. */
    static final Set<String> UDP_CRAFTING = Set.of("-S", "-g", "--ttl", "--data-length", "-e");
    static final String PING_FALLBACK = "discovery probes need raw sockets (root or CAP_NET_RAW): finding hosts "
            + "with TCP connect to ports 80 and 443 instead";
    private final ScanCommand cmd;
    private final PrintWriter out;
    private final PrintWriter err;

    ScanRun(ScanCommand cmd) {
        this.cmd = cmd;
        this.out = cmd.spec.commandLine().getOut();
        this.err = cmd.spec.commandLine().getErr();
    }

    int execute() throws Exception {
        validate();
        ProbeCrafting crafting = Crafting.of(cmd.evasion);
        Shard shard = parseShard();
        Screen screen = new Screen(System.err);
        Warnings warnings = new Warnings(err, cmd.output.quiet, screen);
        boolean raw = NativeAccess.available() && Privileges.current().rawSockets() && !cmd.misc.unprivileged;
        if (!raw && cmd.strictRawType().isPresent()) {
            throw new RawRightsException(String.format(Locale.ROOT, RAW_REFUSAL, "-" + cmd.strictRawType().get().flag()));
        }
        if (!raw && cmd.technique.scanFlags != null) {
            throw new RawRightsException(String.format(Locale.ROOT, RAW_REFUSAL, "--scanflags"));
        }
        if (cmd.wantsSyn(raw) && !raw) {
            warnings.warn(SYN_FALLBACK);
        }
        TargetSet targets = parseTargets(warnings);
        EnumSet<ScanType> scanTypes = cmd.scanTypes(raw);
        Set<Protocol> scanned = EnumSet.noneOf(Protocol.class);
        scanTypes.forEach(t -> scanned.add(t.protocol()));
        PortList ports = parsePorts(warnings, scanned);
        if (scanTypes.contains(ScanType.UDP) && !NativeAccess.available()) {
            throw new UsageException("-sU needs the native socket bindings (Linux): "
                    + NativeAccess.unavailableReason().orElse("not available"));
        }
        if (scanTypes.contains(ScanType.UDP) && crafting.ttl().orElse(1) == 0) {
            throw new UsageException("--ttl 0: the UDP scan (-sU) sends from plain UDP sockets, whose TTL is 1 to 255");
        }
        List<InetAddress> udpSources = List.of();
        if (cmd.evasion.source != null) {
            if (!scanTypes.contains(ScanType.UDP) && Crafting.sources(cmd.evasion.source).size() > 1) {
                throw new UsageException("-S " + cmd.evasion.source + ": several source addresses are for the UDP "
                        + "scan (-sU); a TCP scan sends from one");
            }
            if (scanTypes.contains(ScanType.UDP)) {
                udpSources = Crafting.udpSources(cmd.evasion.source, LocalAddresses.ofThisMachine());
            }
        }
        if (scanTypes.contains(ScanType.CONNECT)) {
            Crafting.forConnectScan(crafting, cmd.evasion, warnings);
        } else if (scanTypes.equals(EnumSet.of(ScanType.UDP))) {
            List<String> ignored = crafting.rawOnlyOptions().stream().filter(o -> !UDP_CRAFTING.contains(o)).toList();
            if (!ignored.isEmpty()) {
                warnings.warn("the UDP scan (-sU) sends from a plain UDP socket: " + String.join(", ", ignored)
                        + " ignored");
            }
        } else {
            Crafting.checkFamilies(crafting, targets.ipv4Size() > 0, targets.ipv6Size() > 0, warnings);
            Crafting.checkSource(crafting, LocalAddresses.ofThisMachine(), warnings);
        }
        ScanConfig.Builder builder = ScanConfig.builder(targets, ports)
                .scanTypes(scanTypes)
                .crafting(crafting)
                .shard(shard)
                .timing(cmd.timingTemplate())
                .skipDiscovery(cmd.discovery.skipDiscovery)
                .pingOnly(cmd.discovery.pingOnly)
                .dnsMode(cmd.dnsMode())
                .dnsServers(ScanCommand.dnsServers(cmd.discovery.dnsServers))
                .netbios(cmd.discovery.netbios)
                .sequentialPorts(cmd.portOptions.sequential)
                .udp(new UdpOptions(cmd.technique.defeatIcmpRateLimit, cmd.technique.udpPayloads, udpSources,
                        cmd.evasion.dataLength == null ? OptionalInt.empty() : OptionalInt.of(cmd.evasion.dataLength)));
        if (cmd.technique.scanFlags != null) {
            builder.scanFlags(ScanFlags.parse(cmd.technique.scanFlags));
        }
        if (cmd.timing.minRate != null) {
            builder.minRate(cmd.timing.minRate);
        }
        if (cmd.timing.maxRate != null) {
            builder.maxRate(cmd.timing.maxRate);
        }
        if (cmd.portOptions.seed != null) {
            builder.seed(cmd.portOptions.seed);
        }
        VersionChoice.of(cmd.version).ifPresent(builder::versionDetection);
        DiscoveryOptions discovery = PingFlags.options(cmd.discovery.pings, cmd.discovery.disableArp, 1,
                cmd.timing.maxRetries, raw);
        // nmap's unprivileged "ping" is a TCP connect: said only when it is not what the user asked for
        boolean quietFallback = !raw && (cmd.discovery.skipDiscovery
                || (discovery.isDefault() && !PingSocket.allowedForThisProcess()));
        if (!quietFallback && PingFlags.usePlugins(discovery, raw, warnings)) {
            builder.discovery(discovery);
        }
        ScanConfig config = builder.build();

        ReportOptions reportOptions = new ReportOptions(cmd.output.openOnly, cmd.output.reason, cmd.verbosity());
        Outputs outputs = Outputs.open(cmd.output, reportOptions, out, cmd.stdout, screen);
        Scan scan = Scan.of(config).commandLine(commandLine()).verbosity(cmd.verbosity());
        for (ResultSink sink : outputs.sinks()) {
            scan.sink(sink);
        }
        scan.listener(warnings);
        if (cmd.verbosity() > 0 && !outputs.usesStdout()) {
            scan.listener(new Discoveries(out, screen));
        }
        ProgressDisplay progress = ProgressDisplay.forTerminal(cmd.output.quiet, outputs.usesStdout(), screen);
        if (progress != null) {
            scan.listener(progress);
        }

        CountDownLatch finished = new CountDownLatch(1);
        Thread onCtrlC = new Thread(() -> {
            scan.cancel();
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "portolan-interrupt");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        ScanSummary summary;
        try {
            summary = scan.run();
        } finally {
            if (progress != null) {
                progress.close();
            }
            outputs.close();
            out.flush();
            err.flush();
            finished.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(onCtrlC);
        } catch (IllegalStateException shuttingDown) {
            return ExitCode.INTERRUPTED;
        }
        if (summary.interrupted()) {
            return ExitCode.INTERRUPTED;
        }
        if (summary.errorMessage().isPresent()) {
            err.println("portolan: " + summary.errorMessage().get());
            return ExitCode.FAILED;
        }
        return warnings.targetsFailed() || scan.hostsTimedOut() > 0 ? ExitCode.SOME_TARGETS_FAILED : ExitCode.OK;
    }

    private Shard parseShard() {
        try {
            return cmd.portOptions.shard == null ? Shard.ALL : Shard.parse(cmd.portOptions.shard);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private void validate() {
        ScanCommand.TimingGroup t = cmd.timing;
        List<ScanType> named = cmd.technique.named();
        if (named.size() > 1) {
            // nmap runs one TCP scan type at a time
            throw new UsageException("-" + named.get(0).flag() + " with -" + named.get(1).flag()
                    + ": choose one TCP scan type");
        }
        if (cmd.technique.scanFlags != null) {
            ScanFlags.parse(cmd.technique.scanFlags);
            if (cmd.technique.connect) {
                throw new UsageException("--scanflags with -sT: custom flags need a raw scan type (-sS by default)");
            }
        }
        VersionChoice.of(cmd.version);
        for (java.nio.file.Path f : cmd.technique.udpPayloads) {
            checkReadable("--udp-payloads", f);
        }
        if (!cmd.technique.udpPayloads.isEmpty()) {
            try {
                UdpPayloads.withFiles(cmd.technique.udpPayloads);
            } catch (UdpPayloadFormatException e) {
                throw new UsageException("--udp-payloads " + e.getMessage());
            } catch (java.io.IOException e) {
                throw new UsageException("--udp-payloads: " + e.getMessage());
            }
        }
        if (cmd.technique.udp && cmd.discovery.pingOnly) {
            throw new UsageException("-sU with -sn: -sn finds hosts without a port scan");
        }
        if ((cmd.technique.defeatIcmpRateLimit || !cmd.technique.udpPayloads.isEmpty()) && !cmd.technique.udp) {
            throw new UsageException((cmd.technique.defeatIcmpRateLimit ? "--defeat-icmp-ratelimit" : "--udp-payloads")
                    + " goes with -sU");
        }
        if (t.template != null && (t.template < 0 || t.template > 5)) {
            throw new UsageException("-T" + t.template + ": timing templates are -T0 to -T5");
        }
        if (t.maxRetries != null && t.maxRetries < 0) {
            throw new UsageException("--max-retries " + t.maxRetries + ": must be 0 or more");
        }
        if (t.minRate != null && !(t.minRate > 0 && Double.isFinite(t.minRate))) {
            throw new UsageException("--min-rate " + number(t.minRate) + ": must be a number above 0");
        }
        if (t.maxRate != null && !(t.maxRate > 0 && Double.isFinite(t.maxRate))) {
            throw new UsageException("--max-rate " + number(t.maxRate) + ": must be a number above 0");
        }
        if (t.minRate != null && t.maxRate != null && t.minRate > t.maxRate) {
            throw new UsageException("--min-rate " + number(t.minRate) + " is above --max-rate " + number(t.maxRate));
        }
        if (t.maxParallelism != null && t.maxParallelism < 1) {
            throw new UsageException("--max-parallelism " + t.maxParallelism + ": must be 1 or more");
        }
        Integer top = cmd.portOptions.topPorts;
        if (top != null && top < 1) {
            throw new UsageException("--top-ports " + top + ": must be 1 or more");
        }
        int portChoices = (cmd.portOptions.ports != null ? 1 : 0) + (top != null ? 1 : 0)
                + (cmd.portOptions.fast ? 1 : 0);
        if (portChoices > 1) {
            throw new UsageException("choose one of -p, --top-ports and -F");
        }
        if (cmd.discovery.noDns && cmd.discovery.alwaysDns) {
            throw new UsageException("-n and -R contradict each other");
        }
        ScanCommand.dnsServers(cmd.discovery.dnsServers);
    }

    /** A rate as the user would have typed it: 10, not 10.0. */
    private static String number(double value) {
        boolean whole = value == Math.rint(value) && Math.abs(value) < 1e15;
        return whole ? Long.toString((long) value) : Double.toString(value);
    }

    private TargetSet parseTargets(Warnings warnings) {
        ScanCommand.TargetOptionsGroup t = cmd.targetOptions;
        if (cmd.targets.isEmpty() && t.inputList == null) {
            throw new UsageException("no targets given: name hosts, networks or ranges, or use -iL FILE");
        }
        checkReadable("-iL", t.inputList);
        checkReadable("--excludefile", t.excludeFile);
        try {
            TargetOptions.Builder options = TargetOptions.builder()
                    .ipv6(cmd.misc.ipv6)
                    .excludeSpecs(t.exclude);
            if (t.inputList != null) {
                options.inputFile(t.inputList.toString());
            }
            if (t.excludeFile != null) {
                options.excludeFile(t.excludeFile.toString());
            }
            TargetSet set = TargetSet.parse(cmd.targets, options.build());
            set.warnings().forEach(warnings::targetFailed);
            return set;
        } catch (SpecException e) {
            boolean excluded = !t.exclude.isEmpty() || t.excludeFile != null;
            if (e.token().isEmpty() && excluded && !cmd.targets.isEmpty()) {
                // No single token is to blame; the exclusions that emptied the set are.
                throw new UsageException(e.getMessage() + "; exclusions: " + exclusions(t));
            }
            throw new UsageException(e.getMessage());
        }
    }

    private static String exclusions(ScanCommand.TargetOptionsGroup t) {
        List<String> words = new ArrayList<>();
        if (!t.exclude.isEmpty()) {
            words.add("--exclude " + String.join(",", t.exclude));
        }
        if (t.excludeFile != null) {
            words.add("--excludefile " + t.excludeFile);
        }
        return String.join(" and ", words);
    }

    /** A missing target file is named with its option, before the parser reads it. */
    private static void checkReadable(String option, java.nio.file.Path file) {
        if (file == null || file.toString().equals("-")) {
            return;
        }
        if (!java.nio.file.Files.exists(file)) {
            throw new UsageException(option + " " + file + ": no such file");
        }
        if (java.nio.file.Files.isDirectory(file)) {
            throw new UsageException(option + " " + file + ": is a directory, not a file");
        }
        if (!java.nio.file.Files.isReadable(file)) {
            throw new UsageException(option + " " + file + ": permission denied");
        }
    }

    private PortList parsePorts(Warnings warnings, Set<Protocol> scanned) {
        try {
            ServiceNames names = ServiceNames.builtin();
            PortList ports;
            if (cmd.portOptions.ports != null) {
                ports = PortList.parse(cmd.portOptions.ports, names, scanned);
            } else {
                int n = cmd.portOptions.fast ? 100 : cmd.portOptions.topPorts == null ? 1000 : cmd.portOptions.topPorts;
                ports = PortList.empty();
                for (Protocol p : scanned) {
                    ports = ports.union(PortList.top(n, p));
                }
            }
            if (cmd.portOptions.excludePorts != null) {
                ports = ports.exclude(PortList.parse(cmd.portOptions.excludePorts, names, scanned));
            }
            if (ports.isEmpty() && !cmd.discovery.pingOnly) {
                throw new UsageException("no ports left to scan");
            }
            PortList given = ports;
            if (scanned.stream().allMatch(p -> given.count(p) == 0) && !cmd.discovery.pingOnly) {
                throw new UsageException("no " + scanned.stream().map(p -> p.label().toUpperCase(Locale.ROOT))
                        .collect(java.util.stream.Collectors.joining(" or ")) + " ports to scan (-p "
                        + cmd.portOptions.ports + ")" + (scanned.contains(Protocol.UDP) ? "" : "; -sU scans U: ports"));
            }
            String spec = cmd.portOptions.ports == null ? "" : cmd.portOptions.ports.toUpperCase(Locale.ROOT);
            for (Protocol p : Protocol.values()) {
                String name = p.label().toUpperCase(Locale.ROOT);
                if (!scanned.contains(p) && ports.count(p) > 0 && spec.contains(name.charAt(0) + ":")) {
                    // as nmap: ports the user gave for a protocol that no requested technique scans are named
                    warnings.warn("your ports include " + name + " ports (" + ports.compact(p) + "), but no "
                            + name + " scan was asked for" + (p == Protocol.UDP ? " (-sU)" : "")
                            + ": they are not scanned");
                }
            }
            return ports;
        } catch (SpecException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private String commandLine() {
        List<String> words = new ArrayList<>();
        words.add("portolan");
        words.addAll(cmd.spec.commandLine().getParseResult().originalArgs());
        return String.join(" ", words);
    }
}
