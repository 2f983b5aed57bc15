package dev.portolan.cli;

import dev.portolan.api.DnsMode;
import dev.portolan.api.ScanConfig;
import dev.portolan.api.ScanType;
import dev.portolan.engine.TimingTemplate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;

/** {@code portolan scan}: nmap's options, nmap's meanings. */
@Command(name = "scan", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = Version.class,
        usageHelpAutoWidth = true,
        separator = " ", customSynopsis = "portolan scan [OPTIONS] TARGET...",
        description = "Scan ports of the given targets, with nmap's options and meanings.",
        footerHeading = "%nEXAMPLES:%n",
        footer = {
            "  portolan scan 127.0.0.1",
            "  portolan scan -sT -p 1-1000 -T4 --open -oX out.xml 127.0.0.1",
            "  portolan scan -p- --reason -oA lab 198.51.100.0/28",
            "  portolan scan -p @web,@databases -iL hosts.txt --exclude 192.0.2.7"})
public final class ScanCommand implements Callable<Integer> {

    @Parameters(paramLabel = "TARGET", arity = "0..*",
            description = "Host names, IPv4/IPv6 addresses, CIDR blocks (192.0.2.0/24, 2001:db8::/120) "
                    + "or octet ranges (192.0.2.1-20, 10.0.0-3.*).")
    List<String> targets = new ArrayList<>();

    // The groups only make help sections. exclusive = false is what validate = false implies; said outright, it spares
    // picocli rendering every group's synopsis for a trace message on each start.
    /** Shared with discover, so described as values (see {@link OptionSpecs}), added by {@link #commandSpec}. */
    TargetOptionsGroup targetOptions = new TargetOptionsGroup();

    @ArgGroup(validate = false, exclusive = false, heading = "%nHOST DISCOVERY:%n", order = 2)
    DiscoveryGroup discovery = new DiscoveryGroup();

    @ArgGroup(validate = false, exclusive = false, heading = "%nSCAN TECHNIQUES:%n", order = 3)
    TechniqueGroup technique = new TechniqueGroup();

    /** As nmap: -sS is the default with raw-socket rights, -sT without them. */
    static final boolean SYN_BY_DEFAULT = true;

    @ArgGroup(validate = false, exclusive = false, heading = "%nPORT SPECIFICATION AND SCAN ORDER:%n", order = 4)
    PortGroup portOptions = new PortGroup();

    @ArgGroup(validate = false, exclusive = false, heading = "%nSERVICE/VERSION DETECTION:%n", order = 5)
    VersionGroup version = new VersionGroup();

    @ArgGroup(validate = false, exclusive = false, heading = "%nTIMING AND PERFORMANCE:%n", order = 6)
    TimingGroup timing = new TimingGroup();

    @ArgGroup(validate = false, exclusive = false, heading = "%nFIREWALL/IDS EVASION AND SPOOFING:%n", order = 7)
    EvasionGroup evasion = new EvasionGroup();

    /** Shared with discover, as {@link #targetOptions}. */
    OutputGroup output = new OutputGroup();

    @ArgGroup(validate = false, exclusive = false, heading = "%nMISC:%n", order = 9)
    MiscGroup misc = new MiscGroup();

    /** Where reports named "-" write their bytes; null sends them through the command line's out writer. */
    java.io.OutputStream stdout;

    /** Filled by picocli with the raw arguments, for the report headers. */
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    static final class TargetOptionsGroup {
        Path inputList;
        List<String> exclude = new ArrayList<>();
        Path excludeFile;

        static ArgGroupSpec spec(int order) {
            return OptionSpecs.group("%nTARGET SPECIFICATION:%n", order,
                    OptionSpecs.value("FILE", Path.class, "Read targets from FILE ('-' reads standard input).", "-iL"),
                    OptionSpecs.list("HOSTS", ",", "Leave out these hosts, networks or ranges (comma-separated).",
                            "--exclude"),
                    OptionSpecs.value("FILE", Path.class, "Leave out the targets listed in FILE.", "--excludefile"));
        }

        /** Takes the values of the last parse of {@code command}. */
        void bind(CommandSpec command) {
            inputList = OptionSpecs.given(command, "-iL", null);
            exclude = new ArrayList<>(OptionSpecs.given(command, "--exclude", List.<String>of()));
            excludeFile = OptionSpecs.given(command, "--excludefile", null);
        }
    }

    static final class DiscoveryGroup {
        @Option(names = "-sn", description = "Ping scan: find live hosts, scan no ports.")
        boolean pingOnly;

        @Option(names = "-Pn", description = "Treat every host as up: skip host discovery.")
        boolean skipDiscovery;

        @Option(names = "-P", paramLabel = "TYPE", description = "Discovery probes: -PE ICMP echo, -PP timestamp, "
                + "-PM address mask, -PS[ports] TCP SYN, -PA[ports] TCP ACK, -PU[ports] UDP, -PR ARP; default as "
                + "root: -PE -PS443 -PA80 -PP, and ARP on a directly connected segment.")
        List<String> pings = new ArrayList<>();

        @Option(names = "--disable-arp-ping", description = "No ARP on directly connected segments: send the IP "
                + "probes there too.")
        boolean disableArp;

        @Option(names = "-n", description = "Never do reverse DNS resolution.")
        boolean noDns;

        @Option(names = "-R", description = "Always resolve reverse DNS names, also of hosts found down.")
        boolean alwaysDns;

        @Option(names = "--dns-servers", paramLabel = "SERVER[,SERVER...]", description = "Ask these name servers "
                + "(IP addresses, ADDRESS:PORT, [IPv6]:PORT) for reverse names instead of the system's resolver.")
        String dnsServers;

        @Option(names = "--netbios", description = "Ask the live IPv4 hosts for their NetBIOS names (UDP 137 node "
                + "status, as nmap's nbstat script; portolan discover does by default).")
        boolean netbios;
    }

    static final class TechniqueGroup {
        @Option(names = "-sT", description = "TCP connect scan (the default without raw-socket rights).")
        boolean connect;

        @Option(names = "-sS",
                description = "TCP SYN scan over raw IPv4 and IPv6, the default as root or with CAP_NET_RAW; "
                        + "without those rights it runs as -sT and says so.")
        boolean syn;

        @Option(names = "-sA", description = "TCP ACK scan: unfiltered or filtered, to map firewall rules.")
        boolean ack;

        @Option(names = "-sW", description = "TCP Window scan: as -sA, reading the RST's window (open if non-zero).")
        boolean window;

        @Option(names = "-sM", description = "TCP Maimon scan (FIN/ACK): closed or open|filtered.")
        boolean maimon;

        @Option(names = "-sN", description = "TCP Null scan (no flags): closed or open|filtered.")
        boolean nullScan;

        @Option(names = "-sF", description = "TCP FIN scan: closed or open|filtered.")
        boolean fin;

        @Option(names = "-sX", description = "TCP Xmas scan (FIN, PSH, URG): closed or open|filtered.")
        boolean xmas;

        @Option(names = "-sU", description = "UDP scan, beside a TCP type or alone; no privilege needed. Protocol "
                + "payloads make services answer; hosts that rate-limit ICMP unreachables are paced, not waited on.")
        boolean udp;

        @Option(names = "--defeat-icmp-ratelimit", description = "UDP: do not wait out ICMP rate limits; silent "
                + "ports (closed ones among them) are reported open|filtered.")
        boolean defeatIcmpRateLimit;

        @Option(names = "--udp-payloads", paramLabel = "FILE",
                description = "UDP: more payloads from FILE (format in docs/udp-payloads.md); repeatable.")
        List<java.nio.file.Path> udpPayloads = new ArrayList<>();

        @Option(names = "--scanflags", paramLabel = "FLAGS",
                description = "Custom TCP flags for the probes: names in any order (URGACKPSHRSTSYNFIN) or a number "
                        + "(9, 0x09); the states follow the scan type given with it, -sS by default.")
        String scanFlags;

        /** The TCP scan types named, in nmap's order; the raw ones other than -sS need raw-socket rights. */
        List<ScanType> named() {
            List<ScanType> named = new ArrayList<>();
            boolean[] set = {syn, connect, ack, window, maimon, nullScan, fin, xmas};
            ScanType[] types = {ScanType.SYN, ScanType.CONNECT, ScanType.ACK, ScanType.WINDOW, ScanType.MAIMON,
                    ScanType.NULL, ScanType.FIN, ScanType.XMAS};
            for (int i = 0; i < set.length; i++) {
                if (set[i]) {
                    named.add(types[i]);
                }
            }
            return named;
        }
    }

    static final class PortGroup {
        @Option(names = "-p", paramLabel = "PORTS",
                description = "Ports: 22,80,1000-2000; -p- for all; T:80,U:53; names (http,ssh); groups "
                        + "(@web @mail @databases @remote-access @file-sharing @windows @games @malware).")
        String ports;

        @Option(names = "--exclude-ports", paramLabel = "PORTS", description = "Leave out these ports.")
        String excludePorts;

        @Option(names = "-F", description = "Fast mode: the 100 most common ports.")
        boolean fast;

        @Option(names = "--top-ports", paramLabel = "N", description = "The N most common ports.")
        Integer topPorts;

        @Option(names = "-r", description = "Scan ports in order instead of a random permutation.")
        boolean sequential;

        @Option(names = "--seed", paramLabel = "N", description = "Seed of the scan order, to repeat it exactly.")
        Long seed;

        @Option(names = "--shard", paramLabel = "I/N",
                description = "Scan only part I of N disjoint parts of the (host, port) pairs, to split a scan "
                        + "across machines (as masscan); every part must be given the same targets, ports and "
                        + "--seed (a fixed one when none is given).")
        String shard;
    }

    static final class EvasionGroup {
        @Option(names = "-f", description = "Send probes in 8-byte IP fragments (-ff: 16-byte).")
        boolean[] fragment = new boolean[0];

        @Option(names = "--mtu", paramLabel = "N",
                description = "Fragments of N bytes of IP payload (a multiple of 8).")
        Integer mtu;

        @Option(names = "-D", paramLabel = "DECOYS",
                description = "Also send each probe from these spoofed sources: addresses, ME for the real one "
                        + "(its place in the order), RND or RND:N for random public addresses.")
        String decoys;

        @Option(names = "-S", paramLabel = "ADDRESS", description = "Source address of the probes (spoofing one "
                + "not on this machine means its replies are not seen here). With -sU a list or range of this "
                + "machine's addresses (198.51.100.1,198.51.100.9-16): probes are spread across them, and each "
                + "adds about one ICMP unreachable a second per target; a TCP scan beside it uses the first.")
        String source;

        @Option(names = "-e", paramLabel = "IFACE", description = "Send on this network interface.")
        String device;

        @Option(names = {"-g", "--source-port"}, paramLabel = "PORT", description = "Fixed source port of the probes.")
        Integer sourcePort;

        @Option(names = "--data-length", paramLabel = "N", description = "Append N random bytes to each probe "
                + "(0 to 1400); with -sU they replace the protocol payloads, as nmap's.")
        Integer dataLength;

        @Option(names = "--ttl", paramLabel = "N", description = "IP time-to-live of the probes (0 to 255).")
        Integer ttl;

        @Option(names = "--badsum", description = "Send probes with a wrong TCP checksum (hosts drop them; an "
                + "answer comes from a firewall or IDS).")
        boolean badChecksum;
    }

    static final class VersionGroup {
        @Option(names = "-sV", description = "Probe open ports to find the service, product and version; read TLS "
                + "certificates.")
        boolean enabled;

        @Option(names = "--version-intensity", paramLabel = "0-9",
                description = "How many probes to try: 0 light to 9 all (default 7).")
        Integer intensity;

        @Option(names = "--version-light", description = "Likely probes only (intensity 2).")
        boolean light;

        @Option(names = "--version-all", description = "Every probe (intensity 9).")
        boolean all;

        @Option(names = "--version-wait", paramLabel = "TIME", converter = TimeSpec.class,
                description = "Shortest wait for a probe's answer (default 750ms); it grows with the round-trip "
                        + "time up to the probe's own limit.")
        Duration minWait;

        @Option(names = "--service-probes", paramLabel = "FILE", description = "Also read signatures from FILE, in "
                + "Portolan's format (docs/service-probes.md); may be given more than once.")
        List<Path> signatureFiles = new ArrayList<>();

        @Option(names = "--no-nmap-probes", description = "Use Portolan's own signatures only, not an installed "
                + "nmap's nmap-service-probes.")
        boolean ownOnly;

        @Option(names = "-A", description = "Aggressive: version detection (OS detection and traceroute to come).")
        boolean aggressive;
    }

    static final class TimingGroup {
        @Option(names = "-T", paramLabel = "0-5", description = "Timing template: 0 paranoid, 1 sneaky, 2 polite, "
                + "3 normal (default), 4 aggressive, 5 insane.")
        Integer template;

        @Option(names = "--min-rtt-timeout", paramLabel = "TIME", converter = TimeSpec.class,
                description = "Lower bound of the probe timeout (TIME: 500ms, 2s, 1m ...).")
        Duration minRttTimeout;

        @Option(names = "--max-rtt-timeout", paramLabel = "TIME", converter = TimeSpec.class,
                description = "Upper bound of the probe timeout.")
        Duration maxRttTimeout;

        @Option(names = "--initial-rtt-timeout", paramLabel = "TIME", converter = TimeSpec.class,
                description = "Probe timeout before any round trip is measured.")
        Duration initialRttTimeout;

        @Option(names = "--max-retries", paramLabel = "N", description = "Resend an unanswered probe at most N times.")
        Integer maxRetries;

        @Option(names = "--host-timeout", paramLabel = "TIME", converter = TimeSpec.class,
                description = "Give up on a host after this long.")
        Duration hostTimeout;

        @Option(names = "--scan-delay", paramLabel = "TIME", converter = TimeSpec.class,
                description = "Wait at least this long between probes to one host.")
        Duration scanDelay;

        @Option(names = "--max-scan-delay", paramLabel = "TIME", converter = TimeSpec.class,
                description = "Never let the delay between probes grow beyond this.")
        Duration maxScanDelay;

        @Option(names = "--min-rate", paramLabel = "N", description = "Send at least N probes per second.")
        Double minRate;

        @Option(names = "--max-rate", paramLabel = "N", description = "Send at most N probes per second.")
        Double maxRate;

        @Option(names = "--max-parallelism", paramLabel = "N", description = "At most N probes in flight.")
        Integer maxParallelism;
    }

    static final class OutputGroup {
        String normal;
        String xml;
        String grepable;
        String json;
        String ndjson;
        String csv;
        String all;
        boolean[] verbose = new boolean[0];
        boolean quiet;
        boolean openOnly;
        boolean reason;

        static ArgGroupSpec spec(int order) {
            return OptionSpecs.group("%nOUTPUT:%n", order,
                    OptionSpecs.value("FILE", String.class, "Normal output to FILE ('-' is stdout).", "-oN"),
                    OptionSpecs.value("FILE", String.class, "nmap XML to FILE.", "-oX"),
                    OptionSpecs.value("FILE", String.class, "Grepable output to FILE.", "-oG"),
                    OptionSpecs.value("FILE", String.class, "One JSON document to FILE.", "-oJ"),
                    OptionSpecs.value("FILE", String.class, "One JSON record per line, as hosts finish.", "--ndjson"),
                    OptionSpecs.value("FILE", String.class, "CSV (RFC 4180) to FILE.", "-oC"),
                    OptionSpecs.value("BASE", String.class, "BASE.nmap, BASE.xml and BASE.gnmap at once, as nmap does.",
                            "-oA"),
                    OptionSpecs.repeatable("More detail (-vv for even more).", "-v"),
                    OptionSpecs.flag("Quiet: no progress bar, no warnings on the terminal.", "-q"),
                    OptionSpecs.flag("Show only open (or possibly open) ports.", "--open"),
                    OptionSpecs.flag("Show why each port has its state.", "--reason"));
        }

        /** Takes the values of the last parse of {@code command}. */
        void bind(CommandSpec command) {
            normal = OptionSpecs.given(command, "-oN", null);
            xml = OptionSpecs.given(command, "-oX", null);
            grepable = OptionSpecs.given(command, "-oG", null);
            json = OptionSpecs.given(command, "-oJ", null);
            ndjson = OptionSpecs.given(command, "--ndjson", null);
            csv = OptionSpecs.given(command, "-oC", null);
            all = OptionSpecs.given(command, "-oA", null);
            verbose = OptionSpecs.given(command, "-v", new boolean[0]);
            quiet = OptionSpecs.given(command, "-q");
            openOnly = OptionSpecs.given(command, "--open");
            reason = OptionSpecs.given(command, "--reason");
        }
    }

    static final class MiscGroup {
        @Option(names = "-6", description = "Prefer IPv6 addresses when resolving names.")
        boolean ipv6;

        @Option(names = "--unprivileged", description = "Act as without raw-socket rights, as nmap: connect scan "
                + "and TCP connect \"ping\".")
        boolean unprivileged;
    }

    /** The command's model: its annotations, and the option groups it shares with discover. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ScanCommand());
        cli.getCommandSpec().addArgGroup(TargetOptionsGroup.spec(1));
        cli.getCommandSpec().addArgGroup(OutputGroup.spec(8));
        return cli;
    }

    @Override
    public Integer call() throws Exception {
        targetOptions.bind(spec);
        output.bind(spec);
        return new ScanRun(this).execute();
    }

    /**
     * Whether the options ask for a SYN scan: -sS, or no technique in a port scan with raw rights (a ping scan
     * keeps the connect "ping" until a raw discovery exists).
     */
    boolean wantsSyn(boolean rawSockets) {
        List<ScanType> named = technique.named();
        return technique.syn || (named.isEmpty() && technique.scanFlags != null)
                || (named.isEmpty() && !technique.udp && SYN_BY_DEFAULT && rawSockets && !discovery.pingOnly);
    }

    /**
     * The raw scan type other than -sS that the options name, if any: it runs as asked or not at all (as nmap
     * refuses it without rights, for no -sT answers its question).
     */
    Optional<ScanType> strictRawType() {
        return technique.named().stream().filter(t -> t.needsRawSockets() && t != ScanType.SYN).findFirst();
    }

    /**
     * The scan types to run: a raw type when named, -sS when wanted and possible (raw rights), else -sT; -sU beside
     * it, or alone when no TCP type is named.
     */
    EnumSet<ScanType> scanTypes(boolean rawSockets) {
        EnumSet<ScanType> tcp = tcpScanTypes(rawSockets);
        if (!technique.udp) {
            return tcp;
        }
        boolean tcpNamed = !technique.named().isEmpty() || technique.scanFlags != null;
        EnumSet<ScanType> types = tcpNamed ? tcp : EnumSet.noneOf(ScanType.class);
        types.add(ScanType.UDP);
        return types;
    }

    private EnumSet<ScanType> tcpScanTypes(boolean rawSockets) {
        Optional<ScanType> strict = strictRawType();
        if (strict.isPresent()) {
            return EnumSet.of(strict.get());
        }
        return wantsSyn(rawSockets) && rawSockets ? EnumSet.of(ScanType.SYN)
                : EnumSet.of(ScanType.CONNECT);
    }

    TimingTemplate timingTemplate() {
        TimingTemplate t = TimingTemplate.of(timing.template == null ? 3 : timing.template);
        if (timing.initialRttTimeout != null) {
            t = t.withInitialRttTimeout(timing.initialRttTimeout);
        }
        if (timing.minRttTimeout != null) {
            t = t.withMinRttTimeout(timing.minRttTimeout);
        }
        if (timing.maxRttTimeout != null) {
            t = t.withMaxRttTimeout(timing.maxRttTimeout);
        }
        if (timing.maxRetries != null) {
            t = t.withMaxRetries(timing.maxRetries);
        }
        if (timing.hostTimeout != null) {
            t = t.withHostTimeout(timing.hostTimeout);
        }
        if (timing.scanDelay != null) {
            t = t.withScanDelay(timing.scanDelay);
        }
        if (timing.maxScanDelay != null) {
            t = t.withMaxScanDelay(timing.maxScanDelay);
        }
        if (timing.maxParallelism != null) {
            t = t.withMaxParallelism(timing.maxParallelism);
        }
        return t;
    }

    /** --dns-servers parsed, empty when not given; a bad entry is a usage error of one line. */
    static List<java.net.InetSocketAddress> dnsServers(String spec) {
        if (spec == null) {
            return List.of();
        }
        try {
            return dev.portolan.dns.DnsServers.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--dns-servers " + spec + ": " + e.getMessage());
        }
    }

    DnsMode dnsMode() {
        if (discovery.noDns) {
            return DnsMode.NEVER;
        }
        return discovery.alwaysDns ? DnsMode.ALWAYS : DnsMode.UP_HOSTS;
    }

    int verbosity() {
        return output.verbose.length;
    }
}
