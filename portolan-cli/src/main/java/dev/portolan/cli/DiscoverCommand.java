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
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code portolan discover}: a ping sweep with an inventory line per live host (fping, Angry IP Scanner). Its model
 * is built as values ({@link OptionSpecs}), not read from annotations, for a sweep's start is part of its speed.
 */
public final class DiscoverCommand implements Callable<Integer> {
    static final String COUNT_NEEDS_RAW = "-c needs raw or ping sockets: each host is probed once";

    List<String> targets = new ArrayList<>();
    ScanCommand.TargetOptionsGroup targetOptions = new ScanCommand.TargetOptionsGroup();
    Probes probes = new Probes();
    Timing timing = new Timing();
    ScanCommand.OutputGroup output = new ScanCommand.OutputGroup();
    CommandSpec spec;

    /** Where reports named "-" write their bytes; null sends them through the command line's out writer. */
    java.io.OutputStream stdout;

    static final class Probes {
        List<String> pings = new ArrayList<>();
        boolean disableArp;
        Integer count;
        boolean alive;
        boolean unreachable;
        boolean noDns;
        boolean unprivileged;
        String dnsServers;
        boolean noNetbios;

        static ArgGroupSpec spec(int order) {
            return OptionSpecs.group("%nHOST DISCOVERY:%n", order,
                    OptionSpecs.list("TYPE", String.class, null, "Probes: -PE ICMP echo, -PP timestamp, -PM address "
                            + "mask, -PS[ports] TCP SYN, -PA[ports] TCP ACK, -PU[ports] UDP, -PR ARP; default -PE "
                            + "-PS443 -PA80 -PP, and ARP on a directly connected segment.", "-P"),
                    OptionSpecs.flag("Send the IP probes on directly connected segments too.", "--disable-arp-ping"),
                    OptionSpecs.value("N", Integer.class, "Probe each host N times (1-255) and give its round trips "
                            + "min/avg/max and loss, as fping -c.", "-c"),
                    OptionSpecs.flag("Print only the addresses of live hosts.", "-a", "--alive"),
                    OptionSpecs.flag("Print only the addresses of hosts that did not answer.", "-u", "--unreachable"),
                    OptionSpecs.flag("No reverse DNS.", "-n"),
                    OptionSpecs.flag("Act as without raw-socket rights: TCP connect to 80 and 443.", "--unprivileged"),
                    OptionSpecs.value("SERVER[,SERVER...]", String.class, "Ask these name servers (IP addresses, port "
                            + "53 or ADDRESS:PORT, [IPv6]:PORT) for reverse names instead of the system's resolver.",
                            "--dns-servers"),
                    OptionSpecs.flag("Do not ask live IPv4 hosts for their NetBIOS names (UDP 137).", "--no-netbios"));
        }

        void bind(CommandSpec command) {
            pings = new ArrayList<>(OptionSpecs.given(command, "-P", List.<String>of()));
            disableArp = OptionSpecs.given(command, "--disable-arp-ping");
            count = OptionSpecs.given(command, "-c", null);
            alive = OptionSpecs.given(command, "--alive");
            unreachable = OptionSpecs.given(command, "--unreachable");
            noDns = OptionSpecs.given(command, "-n");
            unprivileged = OptionSpecs.given(command, "--unprivileged");
            dnsServers = OptionSpecs.given(command, "--dns-servers", null);
            noNetbios = OptionSpecs.given(command, "--no-netbios");
        }
    }

    static final class Timing {
        Integer template;
        Integer maxRetries;
        Double maxRate;

        static ArgGroupSpec spec(int order) {
            return OptionSpecs.group("%nTIMING:%n", order,
                    OptionSpecs.value("0-5", Integer.class, "Timing template (3 by default).", "-T"),
                    OptionSpecs.value("N", Integer.class, "Send an unanswered probe at most N more times (2 by "
                            + "default).", "--max-retries"),
                    OptionSpecs.value("N", Double.class, "Send at most N probes per second.", "--max-rate"));
        }

        void bind(CommandSpec command) {
            template = OptionSpecs.given(command, "-T", null);
            maxRetries = OptionSpecs.given(command, "--max-retries", null);
            maxRate = OptionSpecs.given(command, "--max-rate", null);
        }
    }

    /** The command's model, its values going to a new DiscoverCommand when it runs. */
    static CommandSpec commandSpec() {
        DiscoverCommand command = new DiscoverCommand();
        CommandSpec spec = OptionSpecs.subcommand(command, "discover",
                "Find the live hosts of networks and ranges: address, name, MAC and vendor, round trip, TTL, the "
                        + "probe that answered and the NetBIOS name.",
                "Host names, addresses, CIDR blocks or octet ranges, as for scan.",
                "portolan discover 192.168.1.0/24",
                "portolan discover -n -c 5 198.51.100.1-20",
                "portolan discover --dns-servers 192.0.2.53,192.0.2.54 192.168.1.0/24",
                "portolan discover --alive -PE -PS22,443 10.0.0.0/16 > live.txt",
                "portolan discover -oX sweep.xml -oJ sweep.json 192.168.1.0/24");
        spec.addArgGroup(ScanCommand.TargetOptionsGroup.spec(1));
        spec.addArgGroup(Probes.spec(2));
        spec.addArgGroup(Timing.spec(3));
        spec.addArgGroup(ScanCommand.OutputGroup.spec(4));
        command.spec = spec;
        return spec;
    }

    /** Takes the values of the last parse. */
    private void bind() {
        targets = OptionSpecs.positionals(spec);
        targetOptions.bind(spec);
        probes.bind(spec);
        timing.bind(spec);
        output.bind(spec);
    }

    @Override
    public Integer call() throws Exception {
        bind();
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
