package dev.portolan.cli;

import dev.portolan.api.DnsMode;
import dev.portolan.api.Scan;
import dev.portolan.api.ScanConfig;
import dev.portolan.engine.TimingTemplate;
import dev.portolan.net.NativeAccess;
import dev.portolan.net.Privileges;
import dev.portolan.report.ReportOptions;
import dev.portolan.report.ResultSink;
import dev.portolan.result.ScanSummary;
import dev.portolan.target.PortList;
import dev.portolan.target.SpecException;
import dev.portolan.target.TargetOptions;
import dev.portolan.target.TargetSet;
import dev.portolan.technique.discovery.DiscoveryOptions;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code portolan discover}: a ping sweep with an inventory line per live host (fping, Angry IP Scanner). */
@Command(name = "discover", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = Version.class,
        usageHelpAutoWidth = true, separator = " ", customSynopsis = "portolan discover [OPTIONS] TARGET...",
        description = "Find the live hosts of networks and ranges: address, name, MAC and vendor, round trip, TTL, "
                + "the probe that answered and the NetBIOS name.",
        footerHeading = "%nEXAMPLES:%n",
        footer = {
            "  portolan discover 192.168.1.0/24",
            "  portolan discover -n -c 5 198.51.100.1-20",
            "  portolan discover --dns-servers 192.0.2.53,192.0.2.54 192.168.1.0/24",
            "  portolan discover --alive -PE -PS22,443 10.0.0.0/16 > live.txt",
            "  portolan discover -oX sweep.xml -oJ sweep.json 192.168.1.0/24"})
public final class DiscoverCommand implements Callable<Integer> {
    static final String COUNT_NEEDS_RAW = "-c needs raw or ping sockets: each host is probed once";

    @Parameters(paramLabel = "TARGET", arity = "0..*",
            description = "Host names, addresses, CIDR blocks or octet ranges, as for scan.")
    List<String> targets = new ArrayList<>();

    // The groups only make help sections. exclusive = false is what validate = false implies; said outright, it spares
    // picocli rendering every group's synopsis for a trace message on each start.
    @ArgGroup(validate = false, exclusive = false, heading = "%nTARGET SPECIFICATION:%n", order = 1)
    ScanCommand.TargetOptionsGroup targetOptions = new ScanCommand.TargetOptionsGroup();

    @ArgGroup(validate = false, exclusive = false, heading = "%nHOST DISCOVERY:%n", order = 2)
    Probes probes = new Probes();

    @ArgGroup(validate = false, exclusive = false, heading = "%nTIMING:%n", order = 3)
    Timing timing = new Timing();

    @ArgGroup(validate = false, exclusive = false, heading = "%nOUTPUT:%n", order = 4)
    ScanCommand.OutputGroup output = new ScanCommand.OutputGroup();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Where reports named "-" write their bytes; null sends them through the command line's out writer. */
    java.io.OutputStream stdout;

    static final class Probes {
        @Option(names = "-P", paramLabel = "TYPE", description = "Probes: -PE ICMP echo, -PP timestamp, -PM address "
                + "mask, -PS[ports] TCP SYN, -PA[ports] TCP ACK, -PU[ports] UDP, -PR ARP; default -PE -PS443 -PA80 "
                + "-PP, and ARP on a directly connected segment.")
        List<String> pings = new ArrayList<>();

        @Option(names = "--disable-arp-ping", description = "Send the IP probes on directly connected segments too.")
        boolean disableArp;

        @Option(names = "-c", paramLabel = "N", description = "Probe each host N times (1-255) and give its round "
                + "trips min/avg/max and loss, as fping -c.")
        Integer count;

        @Option(names = {"-a", "--alive"}, description = "Print only the addresses of live hosts.")
        boolean alive;

        @Option(names = {"-u", "--unreachable"}, description = "Print only the addresses of hosts that did not "
                + "answer.")
        boolean unreachable;

        @Option(names = "-n", description = "No reverse DNS.")
        boolean noDns;

        @Option(names = "--unprivileged", description = "Act as without raw-socket rights: TCP connect to 80 and "
                + "443.")
        boolean unprivileged;

        @Option(names = "--dns-servers", paramLabel = "SERVER[,SERVER...]", description = "Ask these name servers "
                + "(IP addresses, port 53 or ADDRESS:PORT, [IPv6]:PORT) for reverse names instead of the system's "
                + "resolver.")
        String dnsServers;

        @Option(names = "--no-netbios", description = "Do not ask live IPv4 hosts for their NetBIOS names (UDP "
                + "137).")
        boolean noNetbios;
    }

    static final class Timing {
        @Option(names = "-T", paramLabel = "0-5", description = "Timing template (3 by default).")
        Integer template;

        @Option(names = "--max-retries", paramLabel = "N", description = "Send an unanswered probe at most N more "
                + "times (2 by default).")
        Integer maxRetries;

        @Option(names = "--max-rate", paramLabel = "N", description = "Send at most N probes per second.")
        Double maxRate;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        validate();
        Screen screen = new Screen(System.err);
        Warnings warnings = new Warnings(err, output.quiet, screen);
        boolean raw = NativeAccess.available() && Privileges.current().rawSockets() && !probes.unprivileged;
        int count = probes.count == null ? 1 : probes.count;
        DiscoveryOptions discovery = PingFlags.options(probes.pings, probes.disableArp, count, timing.maxRetries,
                raw);
        TargetSet targetSet = parseTargets(warnings);
        ScanConfig.Builder builder = ScanConfig.builder(targetSet, PortList.empty())
                .pingOnly(true)
                .timing(timingTemplate())
                .dnsMode(probes.noDns ? DnsMode.NEVER : DnsMode.UP_HOSTS)
                .dnsServers(ScanCommand.dnsServers(probes.dnsServers))
                .netbios(!probes.noNetbios);
        if (PingFlags.usePlugins(discovery, raw, warnings)) {
            builder.discovery(discovery);
        } else if (count > 1) {
            warnings.warn(COUNT_NEEDS_RAW);
        }
        if (timing.maxRate != null) {
            builder.maxRate(timing.maxRate);
        }
        ScanConfig config = builder.build();
        SweepLines.Mode mode = probes.alive ? SweepLines.Mode.ALIVE
                : probes.unreachable ? SweepLines.Mode.UNREACHABLE : SweepLines.Mode.TABLE;
        // address lists are for scripts: the summary goes to stderr so that stdout holds addresses only
        PrintWriter summaryOut = mode == SweepLines.Mode.TABLE ? out : err;
        ReportOptions reportOptions = new ReportOptions(false, true, output.verbose.length);
        Outputs outputs = Outputs.open(output, reportOptions, out, stdout, screen,
                () -> new SweepLines(out, stdout instanceof PrintStream s ? s : null, summaryOut, screen, mode));
        List<String> words = new ArrayList<>(List.of("portolan"));
        words.addAll(spec.commandLine().getParseResult().originalArgs());
        Scan scan = Scan.of(config).commandLine(String.join(" ", words)).verbosity(output.verbose.length);
        for (ResultSink sink : outputs.sinks()) {
            scan.sink(sink);
        }
        scan.listener(warnings);
        Thread onCtrlC = new Thread(scan::cancel, "portolan-interrupt");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        ScanSummary summary;
        try {
            summary = scan.run();
        } finally {
            outputs.close();
            out.flush();
            err.flush();
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
        return warnings.targetsFailed() ? ExitCode.SOME_TARGETS_FAILED : ExitCode.OK;
    }

    private void validate() {
        if (probes.count != null && (probes.count < 1 || probes.count > 255)) {
            throw new UsageException("-c " + probes.count + ": must be 1 to 255");
        }
        if (probes.alive && probes.unreachable) {
            throw new UsageException("--alive and --unreachable: choose one list");
        }
        ScanCommand.dnsServers(probes.dnsServers);
        if (timing.template != null && (timing.template < 0 || timing.template > 5)) {
            throw new UsageException("-T" + timing.template + ": timing templates are -T0 to -T5");
        }
        if (timing.maxRetries != null && (timing.maxRetries < 0 || timing.maxRetries > 50)) {
            throw new UsageException("--max-retries " + timing.maxRetries + ": must be 0 to 50");
        }
        if (timing.maxRate != null && !(timing.maxRate > 0 && Double.isFinite(timing.maxRate))) {
            throw new UsageException("--max-rate " + timing.maxRate + ": must be a number above 0");
        }
        PingFlags.parse(probes.pings);
    }

    private TimingTemplate timingTemplate() {
        TimingTemplate t = TimingTemplate.of(timing.template == null ? 3 : timing.template);
        return timing.maxRetries == null ? t : t.withMaxRetries(timing.maxRetries);
    }

    private TargetSet parseTargets(Warnings warnings) {
        if (targets.isEmpty() && targetOptions.inputList == null) {
            throw new UsageException("no targets given: name hosts, networks or ranges, or use -iL FILE");
        }
        try {
            TargetOptions.Builder options = TargetOptions.builder().excludeSpecs(targetOptions.exclude);
            if (targetOptions.inputList != null) {
                if (!targetOptions.inputList.toString().equals("-")
                        && !java.nio.file.Files.isReadable(targetOptions.inputList)) {
                    throw new UsageException("-iL " + targetOptions.inputList + ": no such readable file");
                }
                options.inputFile(targetOptions.inputList.toString());
            }
            if (targetOptions.excludeFile != null) {
                options.excludeFile(targetOptions.excludeFile.toString());
            }
            TargetSet set = TargetSet.parse(targets, options.build());
            set.warnings().forEach(warnings::targetFailed);
            return set;
        } catch (SpecException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
