package dev.portolan.cli;

import dev.portolan.craft.Decoy;
import dev.portolan.craft.ProbeCrafting;
import dev.portolan.craft.SourceAddresses;
import dev.portolan.net.ErrnoException;
import dev.portolan.net.Interfaces;
import dev.portolan.net.NativeAccess;
import dev.portolan.target.Addresses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.Predicate;

/** The FIREWALL/IDS EVASION AND SPOOFING options mapped onto a {@link ProbeCrafting}, with nmap's warnings. */
final class Crafting {
    private Crafting() {
    }

    /** The options as one value; a bad value is a usage error naming it. */
    static ProbeCrafting of(ScanCommand.EvasionGroup e) {
        try {
            ProbeCrafting.Builder b = ProbeCrafting.builder();
            if (e.fragment.length > 0) {
                b.fragments(e.fragment.length);
            }
            if (e.mtu != null) {
                b.mtu(e.mtu);
            }
            if (e.decoys != null) {
                // RND decoys need not be secret, only spread; SecureRandom keeps them unguessable anyway
                b.decoys(ProbeCrafting.parseDecoys(e.decoys, new SecureRandom()));
            }
            if (e.source != null) {
                // a list is for -sU (ScanRun checks that); a raw TCP scan beside it sends from the first
                b.source(sources(e.source).getFirst());
            }
            if (e.device != null) {
                b.device(e.device);
                checkInterface(e.device);
            }
            if (e.sourcePort != null) {
                b.sourcePort(e.sourcePort);
            }
            if (e.dataLength != null) {
                b.dataLength(e.dataLength);
            }
            if (e.ttl != null) {
                b.ttl(e.ttl);
            }
            return b.badChecksum(e.badChecksum).build();
        } catch (IllegalArgumentException ex) {
            throw new UsageException(ex.getMessage());
        }
    }

    /** -S as typed: one address, or for -sU a list or range of them (SourceAddresses). */
    static List<InetAddress> sources(String text) {
        try {
            return SourceAddresses.isList(text) ? SourceAddresses.parse(text)
                    : List.of(ProbeCrafting.builder().source(text).build().source().orElseThrow());
        } catch (IllegalArgumentException ex) {
            throw new UsageException(ex.getMessage());
        }
    }

    /**
     * The -S addresses the UDP scan binds its sockets to: each must be this machine's, else a usage error naming
     * the first that is not.
     */
    static List<InetAddress> udpSources(String text, Predicate<InetAddress> isLocal) {
        List<InetAddress> list = sources(text);
        list.stream().filter(isLocal.negate()).findFirst().ifPresent(a -> {
            throw new UsageException("-S " + a.getHostAddress() + ": not an address of this machine (the UDP scan "
                    + "sends from sockets bound to its -S addresses)");
        });
        return list;
    }

    private static void checkInterface(String name) {
        if (!NativeAccess.available()) {
            return;
        }
        try {
            if (Interfaces.byName(name).isEmpty()) {
                throw new UsageException("-e " + name + ": no such network interface");
            }
        } catch (ErrnoException ex) {
            throw new UsageException("-e " + name + ": cannot list the network interfaces (" + ex.getMessage() + ")");
        }
    }

    /**
     * What nmap does with raw-only options when the connect scan runs: fragments are refused (a usage error), -g
     * and the rest are ignored with a warning each.
     */
    static void forConnectScan(ProbeCrafting c, ScanCommand.EvasionGroup given, Warnings warnings) {
        if (c.fragmentSize() > 0) {
            String option = given.mtu != null ? "--mtu" : given.fragment.length > 1 ? "-ff" : "-f";
            throw new UsageException(option + ": fragmented probes need a raw scan (-sS as root or with "
                    + "CAP_NET_RAW), not the connect scan (-sT)");
        }
        List<String> ignored = c.rawOnlyOptions();
        if (c.sourcePort().isPresent()) {
            warnings.warn("-g is ignored by the connect scan (-sT): use a raw scan such as -sS to set the source "
                    + "port");
            ignored = ignored.stream().filter(o -> !o.equals("-g")).toList();
        }
        if (!ignored.isEmpty()) {
            warnings.warn(String.join(", ", ignored) + ": these need raw sockets and are not honoured by the "
                    + "connect scan (-sT)");
        }
    }

    /** nmap's warning for -S with an address this machine does not have: the replies go to that address. */
    static void checkSource(ProbeCrafting c, Predicate<InetAddress> isLocal, Warnings warnings) {
        c.source().filter(isLocal.negate()).ifPresent(a -> warnings.warn("-S " + Addresses.format(a)
                + " is not an address of this machine: replies go there and are not seen here, so ports show "
                + "as filtered"));
    }

    /**
     * -S and -D against the families of the targets, as nmap (which reads both in the scan's one family): an address
     * of a family no target has is a usage error; with targets of both families, the ones the address cannot serve
     * are named in a warning (-S: they keep their route's source; -D: they get no decoys but RND's).
     */
    static void checkFamilies(ProbeCrafting c, boolean ipv4Targets, boolean ipv6Targets, Warnings warnings) {
        c.source().ifPresent(a -> {
            boolean v6 = a instanceof Inet6Address;
            if (!(v6 ? ipv6Targets : ipv4Targets)) {
                throw new UsageException("-S " + Addresses.format(a) + ": an " + family(v6) + " source, but every "
                        + "target is " + family(!v6));
            }
            if (v6 ? ipv4Targets : ipv6Targets) {
                warnings.warn("-S " + Addresses.format(a) + " is " + family(v6) + ": the " + family(!v6)
                        + " targets are probed from their route's source");
            }
        });
        boolean[] listed = new boolean[2];
        for (Decoy d : c.decoys()) {
            if (d instanceof Decoy.Spoofed s) {
                if (!(s.isIpv6() ? ipv6Targets : ipv4Targets)) {
                    throw new UsageException("-D " + Addresses.format(s.address()) + ": an " + family(s.isIpv6())
                            + " decoy, but every target is " + family(!s.isIpv6()));
                }
                listed[s.isIpv6() ? 1 : 0] = true;
            }
        }
        boolean random = c.decoys().stream().anyMatch(d -> d instanceof Decoy.Random);
        if (ipv4Targets && ipv6Targets && !random && listed[0] != listed[1]) {
            warnings.warn("-D lists " + family(listed[1]) + " decoys only: the " + family(listed[0])
                    + " targets are probed without decoys");
        }
    }

    private static String family(boolean ipv6) {
        return ipv6 ? "IPv6" : "IPv4";
    }
}
