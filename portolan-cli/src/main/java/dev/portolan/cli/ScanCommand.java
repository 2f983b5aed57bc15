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
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code portolan scan}: nmap's options, nmap's meanings. The model is built as values ({@link OptionSpecs}), not
 * read from annotations, for a scan's start is part of its speed; each option group is a help section of nmap's,
 * its options described and read back by the group.
 */
public final class ScanCommand implements Callable<Integer> {

    List<String> targets = new ArrayList<>();
    TargetOptionsGroup targetOptions = new TargetOptionsGroup();

    DiscoveryGroup discovery = new DiscoveryGroup();

    TechniqueGroup technique = new TechniqueGroup();

    /** As nmap: -sS is the default with raw-socket rights, -sT without them. */
    static final boolean SYN_BY_DEFAULT = true;

    PortGroup portOptions = new PortGroup();

    VersionGroup version = new VersionGroup();

    TimingGroup timing = new TimingGroup();

    EvasionGroup evasion = new EvasionGroup();

    OutputGroup output = new OutputGroup();

    MiscGroup misc = new MiscGroup();

    /** Where reports named "-" write their bytes; null sends them through the command line's out writer. */
    java.io.OutputStream stdout;

    /** The model this command was parsed with: the raw arguments, for the report headers. */
    CommandSpec spec;

    static final class TargetOptionsGroup {
        Path inputList;
        List<String> exclude = new ArrayList<>();
        Path excludeFile;

        static ArgGroupSpec spec(int order) {
            return OptionSpecs.group("%nTARGET SPECIFICATION:%n", order,
                    OptionSpecs.value("FILE", Path.class, "Read targets from FILE ('-' reads standard input).", "-iL"),
                    OptionSpecs.list("HOSTS", String.class, ",", "Leave out these hosts, networks or ranges "
                            + "(comma-separated).", "--exclude"),
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
        boolean pingOnly;
        boolean skipDiscovery;
        List<String> pings = new ArrayList<>();
        boolean disableArp;
        boolean noDns;
        boolean alwaysDns;
        String dnsServers;
        boolean netbios;

        static ArgGroupSpec spec(int order) {
            return OptionSpecs.group("%nHOST DISCOVERY:%n", order,
                    OptionSpecs.flag("Ping scan: find live hosts, scan no ports.", "-sn"),
                    OptionSpecs.flag("Treat every host as up: skip host discovery.", "-Pn"),
                    OptionSpecs.list("TYPE", String.class, null, "Discovery probes: -PE ICMP echo, -PP timestamp, -PM "
                            + "address mask, -PS[ports] TCP SYN, -PA[ports] TCP ACK, -PU[ports] UDP, -PR ARP; "
                            + "default as root: -PE -PS443 -PA80 -PP, and ARP on a directly connected segment.", "-P"),
                    OptionSpecs.flag("No ARP on directly connected segments: send the IP probes there too.",
                            "--disable-arp-ping"),
                    OptionSpecs.flag("Never do reverse DNS resolution.", "-n"),
                    OptionSpecs.flag("Always resolve reverse DNS names, also of hosts found down.", "-R"),
                    OptionSpecs.value("SERVER[,SERVER...]", String.class, "Ask these name servers (IP addresses, "
                            + "ADDRESS:PORT, [IPv6]:PORT) for reverse names instead of the system's resolver.",
                            "--dns-servers"),
                    OptionSpecs.flag("Ask the live IPv4 hosts for their NetBIOS names (UDP 137 node status, as nmap's "
                            + "nbstat script; portolan discover does by default).", "--netbios"));
        }

        /** Takes the values of the last parse of {@code command}. */
        void bind(CommandSpec command) {
            pingOnly = OptionSpecs.given(command, "-sn");
            skipDiscovery = OptionSpecs.given(command, "-Pn");
            pings = new ArrayList<>(OptionSpecs.given(command, "-P", List.<String>of()));
            disableArp = OptionSpecs.given(command, "--disable-arp-ping");
            noDns = OptionSpecs.given(command, "-n");
            alwaysDns = OptionSpecs.given(command, "-R");
            dnsServers = OptionSpecs.given(command, "--dns-servers", null);
            netbios = OptionSpecs.given(command, "--netbios");
        }
    }

    static final class TechniqueGroup {
        boolean connect;
        boolean syn;
        boolean ack;
        boolean window;
        boolean maimon;
        boolean nullScan;
        boolean fin;
        boolean xmas;
        boolean udp;
        boolean defeatIcmpRateLimit;
        List<Path> udpPayloads = new ArrayList<>();
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

        static ArgGroupSpec spec(int order) {
            return OptionSpecs.group("%nSCAN TECHNIQUES:%n", order,
                    OptionSpecs.flag("TCP connect scan (the default without raw-socket rights).", "-sT"),
                    OptionSpecs.flag("TCP SYN scan over raw IPv4 and IPv6, the default as root or with CAP_NET_RAW; "
                            + "without those rights it runs as -sT and says so.", "-sS"),
                    OptionSpecs.flag("TCP ACK scan: unfiltered or filtered, to map firewall rules.", "-sA"),
                    OptionSpecs.flag("TCP Window scan: as -sA, reading the RST's window (open if non-zero).", "-sW"),
                    OptionSpecs.flag("TCP Maimon scan (FIN/ACK): closed or open|filtered.", "-sM"),
                    OptionSpecs.flag("TCP Null scan (no flags): closed or open|filtered.", "-sN"),
                    OptionSpecs.flag("TCP FIN scan: closed or open|filtered.", "-sF"),
                    OptionSpecs.flag("TCP Xmas scan (FIN, PSH, URG): closed or open|filtered.", "-sX"),
                    OptionSpecs.flag("UDP scan, beside a TCP type or alone; no privilege needed. Protocol payloads "
                            + "make services answer; hosts that rate-limit ICMP unreachables are paced, not waited "
                            + "on.", "-sU"),
                    OptionSpecs.flag("UDP: do not wait out ICMP rate limits; silent ports (closed ones among them) "
                            + "are reported open|filtered.", "--defeat-icmp-ratelimit"),
                    OptionSpecs.list("FILE", Path.class, null, "UDP: more payloads from FILE (format in "
                            + "docs/udp-payloads.md); repeatable.", "--udp-payloads"),
                    OptionSpecs.value("FLAGS", String.class, "Custom TCP flags for the probes: names in any order "
                            + "(URGACKPSHRSTSYNFIN) or a number (9, 0x09); the states follow the scan type given "
                            + "with it, -sS by default.", "--scanflags"));
        }

        /** Takes the values of the last parse of {@code command}. */
        void bind(CommandSpec command) {
            connect = OptionSpecs.given(command, "-sT");
            syn = OptionSpecs.given(command, "-sS");
            ack = OptionSpecs.given(command, "-sA");
            window = OptionSpecs.given(command, "-sW");
            maimon = OptionSpecs.given(command, "-sM");
            nullScan = OptionSpecs.given(command, "-sN");
            fin = OptionSpecs.given(command, "-sF");
            xmas = OptionSpecs.given(command, "-sX");
            udp = OptionSpecs.given(command, "-sU");
            defeatIcmpRateLimit = OptionSpecs.given(command, "--defeat-icmp-ratelimit");
            udpPayloads = new ArrayList<>(OptionSpecs.given(command, "--udp-payloads", List.<Path>of()));
            scanFlags = OptionSpecs.given(command, "--scanflags", null);
        }
    }

    static final class PortGroup {
        String ports;
        String excludePorts;
        boolean fast;
        Integer topPorts;
        boolean sequential;
        Long seed;
        String shard;

        static ArgGroupSpec spec(int order) {
            return OptionSpecs.group("%nPORT SPECIFICATION AND SCAN ORDER:%n", order,
                    OptionSpecs.value("PORTS", String.class, "Ports: 22,80,1000-2000; -p- for all; T:80,U:53; names "
                            + "(http,ssh); groups (@web @mail @databases @remote-access @file-sharing @windows "
                            + "@games @malware).", "-p"),
                    OptionSpecs.value("PORTS", String.class, "Leave out these ports.", "--exclude-ports"),
                    OptionSpecs.flag("Fast mode: the 100 most common ports.", "-F"),
                    OptionSpecs.value("N", Integer.class, "The N most common ports.", "--top-ports"),
                    OptionSpecs.flag("Scan ports in order instead of a random permutation.", "-r"),
                    OptionSpecs.value("N", Long.class, "Seed of the scan order, to repeat it exactly.", "--seed"),
                    OptionSpecs.value("I/N", String.class, "Scan only part I of N disjoint parts of the (host, port) "
                            + "pairs, to split a scan across machines (as masscan); every part must be given the "
                            + "same targets, ports and --seed (a fixed one when none is given).", "--shard"));
        }

        /** Takes the values of the last parse of {@code command}. */
        void bind(CommandSpec command) {
            ports = OptionSpecs.given(command, "-p", null);
            excludePorts = OptionSpecs.given(command, "--exclude-ports", null);
            fast = OptionSpecs.given(command, "-F");
            topPorts = OptionSpecs.given(command, "--top-ports", null);
            sequential = OptionSpecs.given(command, "-r");
            seed = OptionSpecs.given(command, "--seed", null);
            shard = OptionSpecs.given(command, "--shard", null);
        }
    }

    static final class EvasionGroup {
        boolean[] fragment = new boolean[0];
        Integer mtu;
        String decoys;
        String source;
        String device;
        Integer sourcePort;
        Integer dataLength;
        Integer ttl;
        boolean badChecksum;

        static ArgGroupSpec spec(int order) {
            return OptionSpecs.group("%nFIREWALL/IDS EVASION AND SPOOFING:%n", order,
                    OptionSpecs.repeatable("Send probes in 8-byte IP fragments (-ff: 16-byte).", "-f"),
                    OptionSpecs.value("N", Integer.class, "Fragments of N bytes of IP payload (a multiple of 8).",
                            "--mtu"),
                    OptionSpecs.value("DECOYS", String.class, "Also send each probe from these spoofed sources: "
                            + "addresses, ME for the real one (its place in the order), RND or RND:N for random "
                            + "public addresses.", "-D"),
                    OptionSpecs.value("ADDRESS", String.class, "Source address of the probes (spoofing one not on "
                            + "this machine means its replies are not seen here). With -sU a list or range of this "
                            + "machine's addresses (198.51.100.1,198.51.100.9-16): probes are spread across them, "
                            + "and each adds about one ICMP unreachable a second per target; a TCP scan beside it "
                            + "uses the first.", "-S"),
                    OptionSpecs.value("IFACE", String.class, "Send on this network interface.", "-e"),
                    OptionSpecs.value("PORT", Integer.class, "Fixed source port of the probes.", "-g", "--source-port"),
                    OptionSpecs.value("N", Integer.class, "Append N random bytes to each probe (0 to 1400); with -sU "
                            + "they replace the protocol payloads, as nmap's.", "--data-length"),
                    OptionSpecs.value("N", Integer.class, "IP time-to-live of the probes (0 to 255).", "--ttl"),
                    OptionSpecs.flag("Send probes with a wrong TCP checksum (hosts drop them; an answer comes from a "
                            + "firewall or IDS).", "--badsum"));
        }

        /** Takes the values of the last parse of {@code command}. */
        void bind(CommandSpec command) {
            fragment = OptionSpecs.given(command, "-f", new boolean[0]);
            mtu = OptionSpecs.given(command, "--mtu", null);
            decoys = OptionSpecs.given(command, "-D", null);
            source = OptionSpecs.given(command, "-S", null);
            device = OptionSpecs.given(command, "-e", null);
            sourcePort = OptionSpecs.given(command, "-g", null);
            dataLength = OptionSpecs.given(command, "--data-length", null);
            ttl = OptionSpecs.given(command, "--ttl", null);
            badChecksum = OptionSpecs.given(command, "--badsum");
        }
    }

    static final class VersionGroup {
        boolean enabled;
        Integer intensity;
        boolean light;
        boolean all;
        Duration minWait;
        List<Path> signatureFiles = new ArrayList<>();
        boolean ownOnly;
        boolean aggressive;

        static ArgGroupSpec spec(int order) {
            return OptionSpecs.group("%nSERVICE/VERSION DETECTION:%n", order,
                    OptionSpecs.flag("Probe open ports to find the service, product and version; read TLS "
                            + "certificates.", "-sV"),
                    OptionSpecs.value("0-9", Integer.class, "How many probes to try: 0 light to 9 all (default 7).",
                            "--version-intensity"),
                    OptionSpecs.flag("Likely probes only (intensity 2).", "--version-light"),
                    OptionSpecs.flag("Every probe (intensity 9).", "--version-all"),
                    OptionSpecs.value("TIME", Duration.class, new TimeSpec(), "Shortest wait for a probe's answer "
                            + "(default 750ms); it grows with the round-trip time up to the probe's own limit.",
                            "--version-wait"),
                    OptionSpecs.list("FILE", Path.class, null, "Also read signatures from FILE, in Portolan's format "
                            + "(docs/service-probes.md); may be given more than once.", "--service-probes"),
                    OptionSpecs.flag("Use Portolan's own signatures only, not an installed nmap's nmap-service-probes.",
                            "--no-nmap-probes"),
                    OptionSpecs.flag("Aggressive: version detection (OS detection and traceroute to come).", "-A"));
        }

        /** Takes the values of the last parse of {@code command}. */
        void bind(CommandSpec command) {
            enabled = OptionSpecs.given(command, "-sV");
            intensity = OptionSpecs.given(command, "--version-intensity", null);
            light = OptionSpecs.given(command, "--version-light");
            all = OptionSpecs.given(command, "--version-all");
            minWait = OptionSpecs.given(command, "--version-wait", null);
            signatureFiles = new ArrayList<>(OptionSpecs.given(command, "--service-probes", List.<Path>of()));
            ownOnly = OptionSpecs.given(command, "--no-nmap-probes");
            aggressive = OptionSpecs.given(command, "-A");
        }
    }

    static final class TimingGroup {
        Integer template;
        Duration minRttTimeout;
        Duration maxRttTimeout;
        Duration initialRttTimeout;
        Integer maxRetries;
        Duration hostTimeout;
        Duration scanDelay;
        Duration maxScanDelay;
        Double minRate;
        Double maxRate;
        Integer maxParallelism;

        static ArgGroupSpec spec(int order) {
            return OptionSpecs.group("%nTIMING AND PERFORMANCE:%n", order,
                    OptionSpecs.value("0-5", Integer.class, "Timing template: 0 paranoid, 1 sneaky, 2 polite, 3 "
                            + "normal (default), 4 aggressive, 5 insane.", "-T"),
                    OptionSpecs.value("TIME", Duration.class, new TimeSpec(), "Lower bound of the probe timeout "
                            + "(TIME: 500ms, 2s, 1m ...).", "--min-rtt-timeout"),
                    OptionSpecs.value("TIME", Duration.class, new TimeSpec(), "Upper bound of the probe timeout.",
                            "--max-rtt-timeout"),
                    OptionSpecs.value("TIME", Duration.class, new TimeSpec(), "Probe timeout before any round trip is "
                            + "measured.", "--initial-rtt-timeout"),
                    OptionSpecs.value("N", Integer.class, "Resend an unanswered probe at most N times.",
                            "--max-retries"),
                    OptionSpecs.value("TIME", Duration.class, new TimeSpec(), "Give up on a host after this long.",
                            "--host-timeout"),
                    OptionSpecs.value("TIME", Duration.class, new TimeSpec(), "Wait at least this long between probes "
                            + "to one host.", "--scan-delay"),
                    OptionSpecs.value("TIME", Duration.class, new TimeSpec(), "Never let the delay between probes "
                            + "grow beyond this.", "--max-scan-delay"),
                    OptionSpecs.value("N", Double.class, "Send at least N probes per second.", "--min-rate"),
                    OptionSpecs.value("N", Double.class, "Send at most N probes per second.", "--max-rate"),
                    OptionSpecs.value("N", Integer.class, "At most N probes in flight.", "--max-parallelism"));
        }

        /** Takes the values of the last parse of {@code command}. */
        void bind(CommandSpec command) {
            template = OptionSpecs.given(command, "-T", null);
            minRttTimeout = OptionSpecs.given(command, "--min-rtt-timeout", null);
            maxRttTimeout = OptionSpecs.given(command, "--max-rtt-timeout", null);
            initialRttTimeout = OptionSpecs.given(command, "--initial-rtt-timeout", null);
            maxRetries = OptionSpecs.given(command, "--max-retries", null);
            hostTimeout = OptionSpecs.given(command, "--host-timeout", null);
            scanDelay = OptionSpecs.given(command, "--scan-delay", null);
            maxScanDelay = OptionSpecs.given(command, "--max-scan-delay", null);
            minRate = OptionSpecs.given(command, "--min-rate", null);
            maxRate = OptionSpecs.given(command, "--max-rate", null);
            maxParallelism = OptionSpecs.given(command, "--max-parallelism", null);
        }
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
        boolean ipv6;
        boolean unprivileged;

        static ArgGroupSpec spec(int order) {
            return OptionSpecs.group("%nMISC:%n", order,
                    OptionSpecs.flag("Prefer IPv6 addresses when resolving names.", "-6"),
                    OptionSpecs.flag("Act as without raw-socket rights, as nmap: connect scan and TCP connect "
                            + "\"ping\".", "--unprivileged"));
        }

        /** Takes the values of the last parse of {@code command}. */
        void bind(CommandSpec command) {
            ipv6 = OptionSpecs.given(command, "-6");
            unprivileged = OptionSpecs.given(command, "--unprivileged");
        }
    }

    /** The command's model, its values going to a new ScanCommand when it runs. */
    static CommandSpec commandSpec() {
        ScanCommand command = new ScanCommand();
        CommandSpec spec = OptionSpecs.subcommand(command, "scan",
                "Scan ports of the given targets, with nmap's options and meanings.",
                "Host names, IPv4/IPv6 addresses, CIDR blocks (192.0.2.0/24, 2001:db8::/120) or octet ranges "
                        + "(192.0.2.1-20, 10.0.0-3.*).",
                "portolan scan 127.0.0.1",
                "portolan scan -sT -p 1-1000 -T4 --open -oX out.xml 127.0.0.1",
                "portolan scan -p- --reason -oA lab 198.51.100.0/28",
                "portolan scan -p @web,@databases -iL hosts.txt --exclude 192.0.2.7");
        spec.addArgGroup(TargetOptionsGroup.spec(1));
        spec.addArgGroup(DiscoveryGroup.spec(2));
        spec.addArgGroup(TechniqueGroup.spec(3));
        spec.addArgGroup(PortGroup.spec(4));
        spec.addArgGroup(VersionGroup.spec(5));
        spec.addArgGroup(TimingGroup.spec(6));
        spec.addArgGroup(EvasionGroup.spec(7));
        spec.addArgGroup(OutputGroup.spec(8));
        spec.addArgGroup(MiscGroup.spec(9));
        command.spec = spec;
        return spec;
    }

    /** Takes the values of the last parse. */
    private void bind() {
        targets = OptionSpecs.positionals(spec);
        targetOptions.bind(spec);
        discovery.bind(spec);
        technique.bind(spec);
        portOptions.bind(spec);
        version.bind(spec);
        timing.bind(spec);
        evasion.bind(spec);
        output.bind(spec);
        misc.bind(spec);
    }

    @Override
    public Integer call() throws Exception {
        bind();
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
