package dev.portolan.lab;

import dev.portolan.lab.services.Daemon;
import dev.portolan.lab.services.DaemonSpec;
import dev.portolan.lab.services.Endpoint;
import dev.portolan.result.PortState;
import dev.portolan.target.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one target namespace looks like: TCP ports that listen, ports whose SYNs iptables drops or rejects, random
 * loss each way, and extra commands to run inside it. Every other port is closed (the kernel answers RST).
 *
 * @param name a short label to find the target by ({@code [a-z0-9-]{1,20}})
 * @param listening ports a {@link PortListener} binds on every IPv4 and IPv6 address (nmap: open)
 * @param dropped ports whose incoming packets iptables DROPs (nmap: filtered, reason no-response)
 * @param rejected ports iptables REJECTs with {@link Firewall#REJECT_WITH_V4} / {@link Firewall#REJECT_WITH_V6}
 *     (nmap -sT and -sS: filtered)
 * @param loss probability in [0, 1) that a packet is dropped, applied separately to every packet in and out
 * @param holdConnections whether the listener keeps accepted connections open until the peer closes them
 * @param setup commands run inside the namespace after the network is up, in order (e.g. starting a daemon)
 * @param sweepRanges IPv4 prefixes inside {@link #SWEEP_SPACE} that the target answers for as its own addresses, routed
 *     to it from the scanner: a "small internet" of hosts that all share this host's ports and truth
 * @param daemons real or hostile services run inside the namespace, each on its ports
 *     ({@link dev.portolan.lab.services}); their TCP ports are open
 * @param udp the UDP ports that listen, are dropped or are rejected (every other UDP port is closed)
 */
public record LabHost(String name, PortSet listening, PortSet dropped, PortSet rejected, double loss,
                      boolean holdConnections, List<List<String>> setup, List<String> sweepRanges,
                      List<DaemonSpec> daemons, UdpPorts udp) {
    /** The state nmap gives a rejected port, for a connect scan as for a SYN scan (measured with nmap 7.93). */
    public static final PortState REJECTED_STATE = PortState.FILTERED;

    /** RFC 2544's benchmarking range: never routed on the internet, and clear of the lab's own link addresses. */
    public static final String SWEEP_SPACE = "198.18.0.0/15";

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,20}");

    public LabHost {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(listening, "listening");
        Objects.requireNonNull(dropped, "dropped");
        Objects.requireNonNull(rejected, "rejected");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("lab host name must match [a-z0-9-]{1,20}: '" + name + "'");
        }
        if (listening.contains(0)) {
            throw new IllegalArgumentException("cannot listen on port 0 (host " + name + ")");
        }
        daemons = List.copyOf(daemons);
        PortSet daemonTcp = daemonPorts(name, daemons, Protocol.TCP);
        daemonPorts(name, daemons, Protocol.UDP);
        requireDisjoint(name, "listening", listening, "served by a daemon", daemonTcp);
        requireDisjoint(name, "dropped", dropped, "served by a daemon", daemonTcp);
        requireDisjoint(name, "rejected", rejected, "served by a daemon", daemonTcp);
        requireDisjoint(name, "listening", listening, "dropped", dropped);
        requireDisjoint(name, "listening", listening, "rejected", rejected);
        requireDisjoint(name, "dropped", dropped, "rejected", rejected);
        if (!(loss >= 0.0 && loss < 1.0)) {
            throw new IllegalArgumentException("loss probability must be in [0, 1): " + loss);
        }
        Objects.requireNonNull(udp, "udp");
        setup = setup.stream().map(List::copyOf).toList();
        sweepRanges = List.copyOf(sweepRanges);
        for (String range : sweepRanges) {
            Ipv4Prefix prefix = Ipv4Prefix.parse(range);
            if (!Ipv4Prefix.parse(SWEEP_SPACE).contains(prefix)) {
                throw new IllegalArgumentException("host " + name + ": sweep range " + range + " is not inside "
                        + SWEEP_SPACE);
            }
        }
        for (List<String> command : setup) {
            if (command.isEmpty()) {
                throw new IllegalArgumentException("empty setup command for host " + name);
            }
        }
    }

    /** A host answering for its link address only, without daemons (the form before either existed). */
    public LabHost(String name, PortSet listening, PortSet dropped, PortSet rejected, double loss,
                   boolean holdConnections, List<List<String>> setup) {
        this(name, listening, dropped, rejected, loss, holdConnections, setup, List.of(), List.of(), UdpPorts.NONE);
    }

    /** The same host with another loss probability (each benchmark path adds its own). */
    public LabHost withLoss(double probability) {
        return new LabHost(name, listening, dropped, rejected, probability, holdConnections, setup, sweepRanges,
                daemons, udp);
    }

    /** How many addresses the sweep ranges hold together. */
    public long sweepAddresses() {
        return sweepRanges.stream().mapToLong(r -> Ipv4Prefix.parse(r).size()).sum();
    }

    /** The ports the daemons serve over {@code protocol}; refuses two daemons on one port. */
    private static PortSet daemonPorts(String host, List<DaemonSpec> daemons, Protocol protocol) {
        PortSet all = PortSet.none();
        for (DaemonSpec spec : daemons) {
            for (Endpoint e : spec.endpoints()) {
                if (e.protocol() != protocol) {
                    continue;
                }
                if (all.contains(e.port())) {
                    throw new IllegalArgumentException("host " + host + ": two daemons on " + e.port() + "/"
                            + protocol.label());
                }
                all = all.union(PortSet.of(e.port()));
            }
        }
        return all;
    }

    /** The ports this host's daemons serve over {@code protocol} (TCP ones are open, UDP ones answer). */
    public PortSet daemonPorts(Protocol protocol) {
        return daemonPorts(name, daemons, protocol);
    }

    private static void requireDisjoint(String host, String aName, PortSet a, String bName, PortSet b) {
        PortSet both = a.intersection(b);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException(
                    "host " + host + ": ports both " + aName + " and " + bName + ": " + both);
        }
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The state each port must have, as declared here (loss does not change it: it only makes it harder to see). */
    public GroundTruth truth() {
        // REJECTED_STATE is FILTERED, so rejected ports join the dropped ones
        return new GroundTruth(listening.union(daemonPorts(Protocol.TCP)), dropped.union(rejected));
    }

    /** Collects a {@link LabHost}; every method adds to what was given before. */
    public static final class Builder {
        private final String name;
        private PortSet listening = PortSet.none();
        private PortSet dropped = PortSet.none();
        private PortSet rejected = PortSet.none();
        private double loss;
        private boolean hold;
        private final List<List<String>> setup = new ArrayList<>();
        private final List<String> sweepRanges = new ArrayList<>();
        private final List<DaemonSpec> daemons = new ArrayList<>();
        private UdpPorts udp = UdpPorts.NONE;

        private Builder(String name) {
            this.name = name;
        }

        public Builder listen(PortSet ports) {
            listening = listening.union(ports);
            return this;
        }

        /** Ports like "22,80,8000-8009". */
        public Builder listen(String ports) {
            return listen(PortSet.parse(ports));
        }

        public Builder listen(int... ports) {
            return listen(PortSet.of(ports));
        }

        public Builder drop(PortSet ports) {
            dropped = dropped.union(ports);
            return this;
        }

        public Builder drop(String ports) {
            return drop(PortSet.parse(ports));
        }

        public Builder drop(int... ports) {
            return drop(PortSet.of(ports));
        }

        public Builder reject(PortSet ports) {
            rejected = rejected.union(ports);
            return this;
        }

        public Builder reject(String ports) {
            return reject(PortSet.parse(ports));
        }

        public Builder reject(int... ports) {
            return reject(PortSet.of(ports));
        }

        /** Random loss probability for each packet, applied in each direction separately. */
        public Builder loss(double probability) {
            loss = probability;
            return this;
        }

        public Builder holdConnections(boolean value) {
            hold = value;
            return this;
        }

        /** A command to run inside the namespace once its network is up. */
        public Builder setup(String... command) {
            setup.add(List.of(command));
            return this;
        }

        /** Makes the host answer for every address of {@code prefix} ("198.18.0.0/15"), routed from the scanner. */
        public Builder answerFor(String prefix) {
            sweepRanges.add(prefix);
            return this;
        }

        /** A daemon to run in the namespace on its standard ports (see {@link dev.portolan.lab.services.Daemons}). */
        public Builder daemon(Daemon daemon) {
            return daemon(daemon.atDefaultPorts());
        }

        /** A daemon on the ports given, e.g. {@code daemon(Daemons.NGINX.on(8080, 8443))}. */
        public Builder daemon(DaemonSpec spec) {
            daemons.add(spec);
            return this;
        }

        public Builder daemons(List<Daemon> all) {
            all.forEach(this::daemon);
            return this;
        }

        /** UDP ports like "53,7000-7009" that a listener answers (it echoes each datagram). */
        public Builder listenUdp(String ports) {
            udp = new UdpPorts(udp.listening().union(PortSet.parse(ports)), udp.dropped(), udp.rejected());
            return this;
        }

        /** UDP ports whose datagrams iptables drops (nmap: open|filtered). */
        public Builder dropUdp(String ports) {
            udp = new UdpPorts(udp.listening(), udp.dropped().union(PortSet.parse(ports)), udp.rejected());
            return this;
        }

        /** UDP ports iptables rejects with an ICMP administratively-prohibited (nmap: filtered). */
        public Builder rejectUdp(String ports) {
            udp = new UdpPorts(udp.listening(), udp.dropped(), udp.rejected().union(PortSet.parse(ports)));
            return this;
        }

        public LabHost build() {
            return new LabHost(name, listening, dropped, rejected, loss, hold, setup, sweepRanges, daemons, udp);
        }
    }
}
