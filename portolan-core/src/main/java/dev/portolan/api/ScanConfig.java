package dev.portolan.api;

import dev.portolan.craft.ProbeCrafting;
import dev.portolan.engine.Shard;
import dev.portolan.engine.TimingTemplate;
import dev.portolan.service.detect.VersionOptions;
import dev.portolan.technique.discovery.DiscoveryOptions;
import dev.portolan.target.PortList;
import dev.portolan.target.TargetSet;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Everything a scan needs, as one immutable value passed explicitly (no global configuration).
 *
 * @param targets the hosts
 * @param ports the ports per protocol
 * @param scanTypes the techniques to run
 * @param timing timeouts, retries and delays (a -T template with the user's overrides)
 * @param minRate send at least this many probes per second (0: no floor), nmap's --min-rate
 * @param maxRate send at most this many probes per second (0: no ceiling), nmap's --max-rate
 * @param skipDiscovery -Pn: treat every host as up
 * @param pingOnly -sn: discovery only, no port scan
 * @param dnsMode when to resolve reverse names
 * @param seed the permutation seed; empty means a random one
 * @param sequentialPorts -r: scan ports in order instead of a random permutation
 * @param scanFlags --scanflags: the TCP flags of raw probes in place of the scan type's own (empty: its own)
 * @param crafting how raw probes are crafted (-g, --ttl, -D, -f ...); the connect scan ignores it
 * @param shard --shard I/N: the part of the (host, port) pairs this scan takes ({@link Shard#ALL} for all)
 * @param versionDetection -sV: probe open ports for their service and version, and how
 * @param discovery host discovery by the discovery plug-in (-PE, -PS, -PR ...); empty keeps the engine's own
 *                  TCP "ping" (nmap's unprivileged one)
 * @param udp how the UDP scan (-sU) sends and waits: payload files, --defeat-icmp-ratelimit
 * @param dnsServers --dns-servers: the name servers reverse DNS asks (empty: the system resolver)
 * @param netbios ask live IPv4 hosts for their NetBIOS names (UDP 137 node status): discover's default, scan's
 *                --netbios
 */
public record ScanConfig(TargetSet targets, PortList ports, Set<ScanType> scanTypes, TimingTemplate timing,
                         double minRate, double maxRate, boolean skipDiscovery, boolean pingOnly, DnsMode dnsMode,
                         OptionalLong seed, boolean sequentialPorts, OptionalInt scanFlags, ProbeCrafting crafting,
                         Shard shard, Optional<VersionOptions> versionDetection,
                         Optional<DiscoveryOptions> discovery, UdpOptions udp,
                         List<InetSocketAddress> dnsServers, boolean netbios) {

    public ScanConfig {
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(ports, "ports");
        scanTypes = scanTypes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scanTypes));
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(dnsMode, "dnsMode");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(scanFlags, "scanFlags");
        if (scanFlags.isPresent() && (scanFlags.getAsInt() & ~0xff) != 0) {
            throw new IllegalArgumentException("--scanflags takes 8 bits: " + scanFlags.getAsInt());
        }
        Objects.requireNonNull(crafting, "crafting");
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(versionDetection, "versionDetection");
        Objects.requireNonNull(discovery, "discovery");
        Objects.requireNonNull(udp, "udp");
        dnsServers = List.copyOf(dnsServers);
        if (minRate < 0 || maxRate < 0) {
            throw new IllegalArgumentException("rates must not be negative");
        }
        if (maxRate > 0 && minRate > maxRate) {
            throw new IllegalArgumentException("--min-rate " + minRate + " is above --max-rate " + maxRate);
        }
    }

    /** The same scan with only {@code types}: one part of a run that mixes TCP and UDP techniques. */
    public ScanConfig withScanTypes(Set<ScanType> types) {
        return new ScanConfig(targets, ports, types, timing, minRate, maxRate, skipDiscovery, pingOnly, dnsMode,
                seed, sequentialPorts, scanFlags, crafting, shard, versionDetection, discovery, udp,
                dnsServers, netbios);
    }

    /** The same scan with -Pn set as {@code skip}: a later part of a mixed run, after the first did discovery. */
    public ScanConfig withSkipDiscovery(boolean skip) {
        return new ScanConfig(targets, ports, scanTypes, timing, minRate, maxRate, skip, pingOnly, dnsMode,
                seed, sequentialPorts, scanFlags, crafting, shard, versionDetection, discovery, udp,
                dnsServers, netbios);
    }

    public static Builder builder(TargetSet targets, PortList ports) {
        return new Builder(targets, ports);
    }

    /** A builder with nmap's defaults: connect scan, -T3, discovery on, reverse DNS for up hosts. */
    public static final class Builder {
        private final TargetSet targets;
        private final PortList ports;
        private Set<ScanType> scanTypes = EnumSet.of(ScanType.CONNECT);
        private TimingTemplate timing = TimingTemplate.NORMAL;
        private double minRate;
        private double maxRate;
        private boolean skipDiscovery;
        private boolean pingOnly;
        private DnsMode dnsMode = DnsMode.UP_HOSTS;
        private OptionalLong seed = OptionalLong.empty();
        private boolean sequentialPorts;
        private OptionalInt scanFlags = OptionalInt.empty();
        private ProbeCrafting crafting = ProbeCrafting.NONE;
        private Shard shard = Shard.ALL;
        private Optional<VersionOptions> versionDetection = Optional.empty();
        private Optional<DiscoveryOptions> discovery = Optional.empty();
        private UdpOptions udp = UdpOptions.DEFAULTS;
        private List<InetSocketAddress> dnsServers = List.of();
        private boolean netbios;

        private Builder(TargetSet targets, PortList ports) {
            this.targets = targets;
            this.ports = ports;
        }

        public Builder scanTypes(Set<ScanType> types) {
            this.scanTypes = EnumSet.copyOf(types);
            return this;
        }

        public Builder timing(TimingTemplate timing) {
            this.timing = timing;
            return this;
        }

        public Builder minRate(double rate) {
            this.minRate = rate;
            return this;
        }

        public Builder maxRate(double rate) {
            this.maxRate = rate;
            return this;
        }

        public Builder skipDiscovery(boolean skip) {
            this.skipDiscovery = skip;
            return this;
        }

        public Builder pingOnly(boolean pingOnly) {
            this.pingOnly = pingOnly;
            return this;
        }

        public Builder dnsMode(DnsMode mode) {
            this.dnsMode = mode;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = OptionalLong.of(seed);
            return this;
        }

        public Builder sequentialPorts(boolean sequential) {
            this.sequentialPorts = sequential;
            return this;
        }

        /** --scanflags: raw TCP probes carry these 8 flag bits; the scan type still gives the state rules. */
        public Builder scanFlags(int flags) {
            this.scanFlags = OptionalInt.of(flags);
            return this;
        }

        public Builder crafting(ProbeCrafting crafting) {
            this.crafting = crafting;
            return this;
        }

        public Builder shard(Shard shard) {
            this.shard = shard;
            return this;
        }

        /** Turns on -sV with {@code options}. */
        public Builder versionDetection(VersionOptions options) {
            this.versionDetection = Optional.of(options);
            return this;
        }

        /** Finds hosts with the discovery plug-in and {@code options} instead of the engine's TCP "ping". */
        public Builder discovery(DiscoveryOptions options) {
            this.discovery = Optional.of(options);
            return this;
        }

        public Builder udp(UdpOptions options) {
            this.udp = options;
            return this;
        }

        /** --dns-servers: reverse DNS asks these name servers instead of the system resolver. */
        public Builder dnsServers(List<InetSocketAddress> servers) {
            this.dnsServers = List.copyOf(servers);
            return this;
        }

        /** Whether live IPv4 hosts are asked for their NetBIOS names (off by default, as nmap without nbstat). */
        public Builder netbios(boolean ask) {
            this.netbios = ask;
            return this;
        }

        public ScanConfig build() {
            return new ScanConfig(targets, ports, scanTypes, timing, minRate, maxRate, skipDiscovery, pingOnly,
                    dnsMode, seed, sequentialPorts, scanFlags, crafting, shard, versionDetection, discovery, udp,
                dnsServers, netbios);
        }
    }
}
