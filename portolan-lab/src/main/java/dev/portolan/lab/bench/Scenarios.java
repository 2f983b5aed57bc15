package dev.portolan.lab.bench;

import dev.portolan.lab.LabHost;
import dev.portolan.lab.services.Daemons;
import dev.portolan.lab.PortSet;
import dev.portolan.target.PortList;
import dev.portolan.target.Protocol;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/** The benchmark scenarios by name; their hosts are fixed by a seed so that every run scans the same lab. */
public final class Scenarios {
    /** Well-known ports that listen in the connect scenario, plus the range's two ends. */
    static final int[] WELL_KNOWN = {1, 21, 22, 25, 53, 80, 110, 143, 443, 445, 993, 995, 3306, 5432, 8080, 65535};
    static final long SEED = 20_251_122L;

    private Scenarios() {
    }

    /** The range the sweep scenario's target answers for: RFC 2544's benchmarking /15, 131 072 addresses. */
    static final String SWEEP_RANGE = "198.18.0.0/15";
    /**
     * The smaller range scanned first, so that memory can be compared: scan state must not grow with the range. A
     * /18 is one full host group of a one-port scan (16384 hosts); the /15 is eight of them.
     */
    static final String SWEEP_SMALL_RANGE = "198.18.0.0/18";
    static final int SWEEP_PORT = 80;

    /** Every scenario, in the order {@code ./bench} runs them when none is named. */
    public static Map<String, BenchScenario> all() {
        Map<String, BenchScenario> all = new LinkedHashMap<>();
        for (BenchScenario s : List.of(connect(), connectSmall(), syn(), sweep(), service(), discover(),
                udp(), udpHosts())) {
            all.put(s.name(), s);
        }
        return all;
    }

    /** Issue 2's benchmark: all TCP ports of one host, 36 open, 1000 filtered (DROP), the rest closed. */
    public static Scenario connect() {
        LabHost host = host("connect", PortSet.range(1, 65535), 20, 1000);
        return new Scenario("connect", "TCP connect scan of all 65535 ports: 36 open, 1000 filtered (DROP), rest closed",
                host, PortSet.range(1, 65535), List.of("-p-"));
    }

    /** Issue 3's first benchmark: {@link #connect()}'s host scanned with SYNs, masscan beside nmap and Portolan. */
    public static Scenario syn() {
        LabHost host = host("syn", PortSet.range(1, 65535), 20, 1000);
        return new Scenario("syn", "SYN scan of all 65535 ports: 36 open, 1000 filtered (DROP), rest closed;"
                + " masscan -p0-65535 at Portolan's rate", host, PortSet.range(1, 65535), List.of("-p-"), "-sS",
                Optional.of("0-65535"));
    }

    /** Issue 3's sweep: one port open on every address of a /15, scanned as a /18 and as the whole /15. */
    public static SweepScenario sweep() {
        LabHost host = LabHost.builder("sweep").listen(SWEEP_PORT).answerFor(SWEEP_RANGE).build();
        return new SweepScenario("sweep", "SYN sweep of port " + SWEEP_PORT + " over " + SWEEP_SMALL_RANGE + " and "
                + SWEEP_RANGE + ", open on every address", host, List.of(SWEEP_SMALL_RANGE, SWEEP_RANGE), SWEEP_PORT);
    }

    /** Issue 5's benchmark: -sV on the lab's real TCP daemons (OpenSSH, nginx HTTP and HTTPS, vsftpd, Exim, …). */
    public static ServiceScenario service() {
        LabHost host = LabHost.builder("service").daemons(Daemons.TCP_SERVICES).build();
        return new ServiceScenario("service", "-sV on " + Daemons.TCP_SERVICES.size() + " real Debian daemons"
                + " (OpenSSH, nginx HTTP and HTTPS, vsftpd, Exim, Dovecot, Redis, PostgreSQL, MariaDB, memcached)", host);
    }

    /** Issue 4's benchmark: a ping sweep of a /16 where every address is a live host. */
    public static DiscoveryScenario discover() {
        String range = "198.18.0.0/16";
        LabHost host = LabHost.builder("discover").listen(SWEEP_PORT).answerFor(range).build();
        return new DiscoveryScenario("discover", "ping sweep of " + range + " (65 536 live hosts): portolan discover"
                + " beside nmap -sn and fping -g", host, range);
    }

    /**
     * Issue 6's benchmark: UDP ports 1-200 of one host with the kernel's ICMP rate limit on (4 open, 3 dropped,
     * 2 rejected, 191 closed): nmap -sU -T4 beside Portolan alone, from 8 source addresses, and not waiting.
     */
    public static UdpScenario udp() {
        LabHost host = LabHost.builder("udp").listenUdp("7,53,123,161").dropUdp("20-22").rejectUdp("30,31").build();
        return new UdpScenario("udp", "-sU -p 1-200 with the target's ICMP rate limit on: nmap -sU -T4, Portolan"
                + " -sU, with -S (8 sources) and with --defeat-icmp-ratelimit", List.of(host), PortSet.range(1, 200), 8);
    }

    /** How many hosts {@link #udpHosts()} scans. */
    static final int UDP_HOSTS = 16;

    /**
     * Issue 6's third benchmark: Portolan's 100 most common UDP ports (--top-ports 100, given to both tools as one
     * -p list) on 16 hosts, each a namespace of its own with the kernel's ICMP rate limit on: DNS, NTP and SNMP
     * answer on each, one more service on some, two ports dropped and one rejected, different per host; the rest
     * closed.
     */
    public static UdpScenario udpHosts() {
        int[] top = PortList.top(100, Protocol.UDP).ports(Protocol.UDP);
        int[] extraOpen = {7, 137, 500, 1900, 5353, 11211};
        List<LabHost> hosts = new ArrayList<>();
        for (int i = 0; i < UDP_HOSTS; i++) {
            String open = "53,123,161" + (i % 2 == 0 ? "," + extraOpen[i / 2 % extraOpen.length] : "");
            // the dropped and rejected ports walk through the list, never onto an open one
            PortSet listening = PortSet.parse(open);
            List<Integer> others = Arrays.stream(top).filter(p -> !listening.contains(p)).boxed().toList();
            int a = others.get((7 * i + 3) % others.size());
            int b = others.get((7 * i + 40) % others.size());
            int c = others.get((7 * i + 70) % others.size());
            hosts.add(LabHost.builder("udp" + i).listenUdp(open).dropUdp(a + "," + b).rejectUdp(String.valueOf(c))
                    .build());
        }
        return new UdpScenario("udp-hosts", "-sU --top-ports 100 on " + UDP_HOSTS + " hosts with their ICMP rate"
                + " limits on: nmap -sU -T4, Portolan -sU, with -S (8 sources) and with --defeat-icmp-ratelimit", hosts,
                PortSet.of(Arrays.stream(top).boxed().toList()), 8);
    }

    /** A quick version of {@link #connect()} over ports 1-2000, for trying the harness itself. */
    public static Scenario connectSmall() {
        Random random = new Random(SEED);
        PortSet open = PortSet.of(22, 80, 443).union(randomPorts(random, 1024, 2000, 4, PortSet.none()));
        PortSet dropped = randomPorts(random, 1, 2000, 20, open);
        LabHost host = LabHost.builder("connect-small").listen(open).drop(dropped).build();
        return new Scenario("connect-small", "TCP connect scan of ports 1-2000: 7 open, 20 filtered (DROP), rest closed",
                host, PortSet.range(1, 2000), List.of("-p", "1-2000"));
    }

    private static LabHost host(String name, PortSet range, int randomOpen, int dropped) {
        Random random = new Random(SEED);
        PortSet open = PortSet.of(WELL_KNOWN).union(randomPorts(random, 1024, 65535, randomOpen, PortSet.of(WELL_KNOWN)));
        PortSet filtered = randomPorts(random, range.stream().min().orElseThrow(), range.stream().max().orElseThrow(),
                dropped, open);
        return LabHost.builder(name).listen(open).drop(filtered).build();
    }

    /** {@code count} distinct ports from {@code first..last}, none of them in {@code avoid}. */
    static PortSet randomPorts(Random random, int first, int last, int count, PortSet avoid) {
        Set<Integer> chosen = new TreeSet<>();
        while (chosen.size() < count) {
            int p = first + random.nextInt(last - first + 1);
            if (!avoid.contains(p)) {
                chosen.add(p);
            }
        }
        return PortSet.of(chosen);
    }
}
