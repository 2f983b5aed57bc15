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
        StringBuilder sb = new StringBuilder("*filter\n");
        if (host.loss() > 0) {
            String p = String.format(Locale.ROOT, "%.6f", host.loss());
            sb.append("-A INPUT -i ").append(iface).append(" -m statistic --mode random --probability ").append(p)
                    .append(" -m comment --comment ").append(LOSS_COMMENT).append(" -j DROP\n");
            sb.append("-A OUTPUT -o ").append(iface).append(" -m statistic --mode random --probability ").append(p)
                    .append(" -m comment --comment ").append(LOSS_COMMENT).append(" -j DROP\n");
        }
        for (String group : multiportGroups(host.dropped())) {
            sb.append("-A INPUT -i ").append(iface).append(" -p tcp -m multiport --dports ").append(group)
                    .append(" -j DROP\n");
        }
        for (String group : multiportGroups(host.rejected())) {
            sb.append("-A INPUT -i ").append(iface).append(" -p tcp -m multiport --dports ").append(group)
                    .append(" -j REJECT --reject-with ").append(family.rejectWith()).append('\n');
        }
        for (String group : multiportGroups(host.udp().dropped())) {
            sb.append("-A INPUT -i ").append(iface).append(" -p udp -m multiport --dports ").append(group)
                    .append(" -j DROP\n");
        }
        for (String group : multiportGroups(host.udp().rejected())) {
            sb.append("-A INPUT -i ").append(iface).append(" -p udp -m multiport --dports ").append(group)
                    .append(" -j REJECT --reject-with ").append(family.rejectWith()).append('\n');
        }
        return sb.append("COMMIT\n").toString();
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
