package dev.portolan.lab.services;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** dnsmasq as an authoritative-looking DNS server for lab.example, with no upstream and no DHCP. */
final class Dnsmasq extends BaseDaemon {
    /** Names it answers and their IPv4 addresses (documentation range); anything else under lab.example too. */
    static final Map<String, String> RECORDS = Map.of(
            "www.lab.example", "203.0.113.80",
            "mail.lab.example", "203.0.113.25");
    /** Reverse names (PTR only, no A record) of the first lab targets' addresses, for --dns-servers. */
    static final Map<String, String> PTR_RECORDS = Map.of(
            "198.51.100.2", "t0.lab.example",
            "198.51.100.6", "t1.lab.example");
    /** The address of every other name under lab.example. */
    static final String WILDCARD = "203.0.113.1";

    Dnsmasq() {
        super("dnsmasq", "dnsmasq", "dnsmasq-base", 53);
    }

    /** 198.51.100.2 → 2.100.51.198.in-addr.arpa. */
    private static String reverse(String ipv4) {
        List<String> octets = new ArrayList<>(List.of(ipv4.split("\\.")));
        java.util.Collections.reverse(octets);
        return String.join(".", octets) + ".in-addr.arpa";
    }

    @Override
    public List<Endpoint> endpoints(List<Integer> ports) {
        return List.of(Endpoint.udp(ports.get(0), "domain"), Endpoint.tcp(ports.get(0), "domain"));
    }

    @Override
    public List<String> executables() {
        return List.of("/usr/sbin/dnsmasq");
    }

    @Override
    public String version() {
        return VersionCommand.read("Dnsmasq version (\\S+)", "/usr/sbin/dnsmasq", "--version");
    }

    @Override
    public Launch prepare(DaemonDir dir, List<Integer> ports) throws IOException {
        // its own config file keeps /etc/dnsmasq.conf out; no-resolv/no-hosts keep the machine's names out
        String conf = """
                no-resolv
                no-hosts
                no-poll
                user=dnsmasq
                pid-file=%s
                log-facility=%s
                """.formatted(dir.resolve("dnsmasq.pid"), dir.resolve("dnsmasq.log"));
        // --keep-in-foreground, not --no-daemon: that is dnsmasq's debug mode, which serves a TCP query in the main
        // process and answers no UDP query until the connection closes (a -sV probe over TCP held it for seconds)
        List<String> command = new ArrayList<>(List.of("/usr/sbin/dnsmasq", "--keep-in-foreground",
                "--conf-file=" + dir.write("dnsmasq.conf", conf), "--port=" + ports.get(0),
                "--address=/" + Tls.CERTIFICATE_CN + "/" + WILDCARD));
        RECORDS.forEach((name, address) -> command.add("--host-record=" + name + "," + address));
        PTR_RECORDS.forEach((address, name) -> command.add("--ptr-record=" + reverse(address) + "," + name));
        return Launch.asRoot(command);
    }
}
