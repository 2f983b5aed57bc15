package dev.portolan.lab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FirewallTest {

    @Test
    void rulesPutLossFirstThenDropsThenRejects() {
        LabHost host = LabHost.builder("x").drop("100-102,105").reject(200).loss(0.02).build();
        assertThat(Firewall.rules(host, "eth0", Firewall.Family.IPV4)).isEqualTo("""
                *filter
                -A INPUT -i eth0 -m statistic --mode random --probability 0.020000 -m comment --comment plab-loss -j DROP
                -A OUTPUT -o eth0 -m statistic --mode random --probability 0.020000 -m comment --comment plab-loss -j DROP
                -A INPUT -i eth0 -p tcp -m multiport --dports 100:102,105 -j DROP
                -A INPUT -i eth0 -p tcp -m multiport --dports 200 -j REJECT --reject-with icmp-admin-prohibited
                COMMIT
                """);
        assertThat(Firewall.rules(host, "eth0", Firewall.Family.IPV6))
                .contains("-j REJECT --reject-with icmp6-adm-prohibited\n");
    }

    @Test
    void udpPortsGetTheirOwnDropAndRejectRules() {
        LabHost host = LabHost.builder("x").drop(7).listenUdp("53").dropUdp("20-22").rejectUdp("30").build();
        assertThat(Firewall.rules(host, "eth0", Firewall.Family.IPV4)).isEqualTo("""
                *filter
                -A INPUT -i eth0 -p tcp -m multiport --dports 7 -j DROP
                -A INPUT -i eth0 -p udp -m multiport --dports 20:22 -j DROP
                -A INPUT -i eth0 -p udp -m multiport --dports 30 -j REJECT --reject-with icmp-admin-prohibited
                COMMIT
                """);
        assertThat(host.udp().stateOf(53)).isEqualTo(dev.portolan.result.PortState.OPEN);
        assertThat(host.udp().stateOf(21)).isEqualTo(dev.portolan.result.PortState.OPEN_FILTERED);
        assertThat(host.udp().stateOf(30)).isEqualTo(dev.portolan.result.PortState.FILTERED);
        assertThat(host.udp().stateOf(31)).isEqualTo(dev.portolan.result.PortState.CLOSED);
    }

    /**
     * Many ports become a tree of chains split by range: evaluated as iptables would (rules in order, a range and a
     * multiport match, jumps into chains), every dropped port is dropped, every other port falls through, and a port
     * meets few rules on the way.
     */
    @Test
    void manyPortsBecomeATreeThatDropsExactlyThosePorts() {
        java.util.Random random = new java.util.Random(3);
        java.util.Set<Integer> chosen = new java.util.TreeSet<>();
        while (chosen.size() < 1000) {
            chosen.add(1 + random.nextInt(65535));
        }
        PortSet dropped = PortSet.of(chosen);
        String rules = Firewall.rules(LabHost.builder("x").drop(dropped).build(), "eth0", Firewall.Family.IPV4);
        assertThat(rules).startsWith("*filter\n:plab-tcp-0 - [0:0]\n").endsWith("COMMIT\n");
        java.util.Map<String, java.util.List<String>> chains = new java.util.LinkedHashMap<>();
        for (String line : rules.split("\n")) {
            if (line.startsWith("-A ")) {
                chains.computeIfAbsent(line.split(" ")[1], k -> new java.util.ArrayList<>()).add(line);
            }
        }
        int mostRules = 0;
        for (int port = 0; port <= 65535; port++) {
            int[] seen = {0};
            String verdict = evaluate(chains, "INPUT", port, seen);
            assertThat(verdict).as("port " + port).isEqualTo(chosen.contains(port) ? "DROP" : "");
            mostRules = Math.max(mostRules, seen[0]);
        }
        // 67 multiport rules in one chain would be met in full by every closed port
        assertThat(mostRules).isLessThanOrEqualTo(30);
    }

    /** The target the rules of {@code chain} send a TCP packet to {@code port} to; "" when it falls through. */
    private static String evaluate(java.util.Map<String, java.util.List<String>> chains, String chain, int port,
                                   int[] seen) {
        for (String rule : chains.getOrDefault(chain, java.util.List.of())) {
            seen[0]++;
            java.util.List<String> words = java.util.List.of(rule.split(" "));
            int range = words.indexOf("--dport");
            if (range >= 0 && !within(words.get(range + 1), port)) {
                continue;
            }
            int multi = words.indexOf("--dports");
            if (multi >= 0 && java.util.Arrays.stream(words.get(multi + 1).split(",")).noneMatch(r -> within(r, port))) {
                continue;
            }
            String target = words.get(words.indexOf("-j") + 1);
            if (chains.containsKey(target)) {
                String inner = evaluate(chains, target, port, seen);
                if (!inner.isEmpty()) {
                    return inner;
                }
                continue;
            }
            return target;
        }
        return "";
    }

    private static boolean within(String range, int port) {
        String[] ends = range.split(":");
        return port >= Integer.parseInt(ends[0]) && port <= Integer.parseInt(ends[ends.length - 1]);
    }

    @Test
    void noLossNoLossRules() {
        LabHost host = LabHost.builder("x").drop(7).build();
        assertThat(Firewall.rules(host, "eth0", Firewall.Family.IPV4)).doesNotContain("statistic");
    }

    @Test
    void multiportGroupsStayWithinFifteenSlots() {
        // 20 single ports: 15 + 5
        assertThat(Firewall.multiportGroups(PortSet.parse("1,3,5,7,9,11,13,15,17,19,21,23,25,27,29,31,33,35,37,39")))
                .containsExactly("1,3,5,7,9,11,13,15,17,19,21,23,25,27,29", "31,33,35,37,39");
        // ranges cost two slots: seven ranges fill 14, the eighth starts a new group
        assertThat(Firewall.multiportGroups(PortSet.parse("1-2,4-5,7-8,10-11,13-14,16-17,19-20,22-23")))
                .containsExactly("1:2,4:5,7:8,10:11,13:14,16:17,19:20", "22:23");
        assertThat(Firewall.multiportGroups(PortSet.none())).isEmpty();
    }

    @Test
    void lossCountersAreReadFromSaveOutput() {
        String saved = """
                # Generated by iptables-save
                *filter
                :INPUT ACCEPT [2045:90000]
                :OUTPUT ACCEPT [1990:80000]
                [41:2460] -A INPUT -i eth0 -m statistic --mode random --probability 0.02000000000 -m comment --comment plab-loss -j DROP
                [37:1998] -A OUTPUT -o eth0 -m statistic --mode random --probability 0.02000000000 -m comment --comment plab-loss -j DROP
                [12:720] -A INPUT -i eth0 -p tcp -m multiport --dports 100:102 -j DROP
                COMMIT
                """;
        assertThat(Firewall.lossCounters(saved)).isEqualTo(new Firewall.LossCounters(41, 37));
        assertThat(Firewall.lossCounters("*filter\nCOMMIT\n")).isEqualTo(new Firewall.LossCounters(0, 0));
    }
}
