package dev.portolan.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The iptables rule sets that give a lab host its filtered ports and its loss, as text for
 * {@code iptables-restore} (one call per family, whatever the number of ports).
 */
public final class Firewall {
    /** ICMP "communication administratively prohibited": nmap calls it filtered for -sT and -sS alike. */
    public static final String REJECT_WITH_V4 = "icmp-admin-prohibited";
    /** The IPv6 twin of {@link #REJECT_WITH_V4} (ICMPv6 type 1 code 1). */
    public static final String REJECT_WITH_V6 = "icmp6-adm-prohibited";
    /** The comment that marks loss rules, so their counters can be found again. */
    static final String LOSS_COMMENT = "plab-loss";
    /** iptables' multiport match takes at most 15 ports, a range counting as two. */
    private static final int MULTIPORT_SLOTS = 15;
    private static final Pattern COUNTED_RULE = Pattern.compile("^\\[(\\d+):\\d+] -A (INPUT|OUTPUT) (.*)$");

    private Firewall() {
    }

    /** An address family with its iptables tools. */
    public enum Family {
        IPV4("iptables-restore", "iptables-save", REJECT_WITH_V4),
        IPV6("ip6tables-restore", "ip6tables-save", REJECT_WITH_V6);

        private final String restore;
        private final String save;
        private final String rejectWith;

        Family(String restore, String save, String rejectWith) {
            this.restore = restore;
            this.save = save;
            this.rejectWith = rejectWith;
        }

        public String restoreCommand() {
            return restore;
        }

        public String saveCommand() {
            return save;
        }

        public String rejectWith() {
            return rejectWith;
        }
    }

    /** Packets the loss rules dropped, per direction as seen from the target. */
    public record LossCounters(long inbound, long outbound) {
        public LossCounters plus(LossCounters other) {
            return new LossCounters(inbound + other.inbound, outbound + other.outbound);
        }
    }

    /**
     * The filter table for {@code host} on its lab interface {@code iface}: loss first (so it hits every packet, as
     * a lossy path would), then drops, then rejects. Only packets on {@code iface} are touched.
     */
    public static String rules(LabHost host, String iface, Family family) {
        StringBuilder sb = new StringBuilder();
        List<String> chains = new ArrayList<>();
        if (host.loss() > 0) {
            String p = String.format(Locale.ROOT, "%.6f", host.loss());
            sb.append("-A INPUT -i ").append(iface).append(" -m statistic --mode random --probability ").append(p)
                    .append(" -m comment --comment ").append(LOSS_COMMENT).append(" -j DROP\n");
            sb.append("-A OUTPUT -o ").append(iface).append(" -m statistic --mode random --probability ").append(p)
                    .append(" -m comment --comment ").append(LOSS_COMMENT).append(" -j DROP\n");
        }
        String reject = "REJECT --reject-with " + family.rejectWith();
        new PortRules(sb, chains, "INPUT -i " + iface, "tcp", "DROP").add(host.dropped());
        new PortRules(sb, chains, "INPUT -i " + iface, "tcp", reject).add(host.rejected());
        new PortRules(sb, chains, "INPUT -i " + iface, "udp", "DROP").add(host.udp().dropped());
        new PortRules(sb, chains, "INPUT -i " + iface, "udp", reject).add(host.udp().rejected());
        StringBuilder table = new StringBuilder("*filter\n");
        chains.forEach(c -> table.append(':').append(c).append(" - [0:0]\n"));
        return table.append(sb).append("COMMIT\n").toString();
    }

    /**
     * The rules that send one protocol's ports to one target. A few ports are multiport rules in INPUT; more are a
     * tree of chains split by port range, so that a packet meets a handful of range checks and one or two multiport
     * matches instead of every multiport rule in turn. On one machine the target's firewall runs on the scanner's
     * cores: 67 multiport rules for 1000 dropped ports cost the scan of all ports about 0.8 s of kernel time.
     */
    private record PortRules(StringBuilder sb, List<String> chains, String entry, String protocol, String target) {
        /** Ranges a chain is split into. */
        private static final int FANOUT = 8;

        void add(PortSet ports) {
            List<String> groups = multiportGroups(ports);
            if (groups.size() <= 1) {
                groups.forEach(g -> rule("-A " + entry, "", "-m multiport --dports " + g, "-j " + target));
            } else {
                split("-A " + entry, ports, 0, 65535);
            }
        }

        /** Rules in {@code chain} for {@code ports}, which lie in {@code low..high}. */
        private void split(String chain, PortSet ports, int low, int high) {
            int width = (high - low) / FANOUT + 1;
            for (int from = low; from <= high; from += width) {
                int to = Math.min(high, from + width - 1);
                PortSet part = ports.intersection(PortSet.range(from, to));
                List<String> groups = multiportGroups(part);
                String range = "--dport " + from + ":" + to;
                if (groups.size() <= 1 || to - from < FANOUT) {
                    groups.forEach(g -> rule(chain, range, "-m multiport --dports " + g, "-j " + target));
                } else {
                    String sub = "plab-" + protocol + "-" + chains.size();
                    chains.add(sub);
                    rule(chain, range, "", "-j " + sub);
                    split("-A " + sub, part, from, to);
                }
            }
        }

        private void rule(String chain, String range, String match, String jump) {
            sb.append(chain).append(" -p ").append(protocol);
            if (!range.isEmpty()) {
                sb.append(' ').append(range);
            }
            if (!match.isEmpty()) {
                sb.append(' ').append(match);
            }
            sb.append(' ').append(jump).append('\n');
        }
    }

    /** The ports as multiport lists ("22,100:199"), each within iptables' 15-slot limit. */
    static List<String> multiportGroups(PortSet ports) {
        List<String> groups = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int used = 0;
        for (PortRange r : ports.ranges()) {
            int cost = r.first() == r.last() ? 1 : 2;
            if (used + cost > MULTIPORT_SLOTS) {
                groups.add(current.toString());
                current.setLength(0);
                used = 0;
            }
            if (used > 0) {
                current.append(',');
            }
            current.append(r.first() == r.last() ? Integer.toString(r.first()) : r.first() + ":" + r.last());
            used += cost;
        }
        if (used > 0) {
            groups.add(current.toString());
        }
        return groups;
    }

    /** Sums the packet counters of the loss rules in {@code iptables-save -c} output. */
    static LossCounters lossCounters(String iptablesSaveWithCounters) {
        long in = 0;
        long out = 0;
        for (String line : iptablesSaveWithCounters.split("\n")) {
            Matcher m = COUNTED_RULE.matcher(line.strip());
            if (m.matches() && m.group(3).contains(LOSS_COMMENT)) {
                long packets = Long.parseLong(m.group(1));
                if (m.group(2).equals("INPUT")) {
                    in += packets;
                } else {
                    out += packets;
                }
            }
        }
        return new LossCounters(in, out);
    }
}
