package dev.portolan.lab.services;

import java.io.IOException;
import java.util.List;

/** Net-SNMP's snmpd answering SNMP v1 and v2c for one read-only community. */
final class Snmpd extends BaseDaemon {
    /** The read-only community: "public", the one scanners try first. */
    static final String COMMUNITY = "public";
    static final String SYS_NAME = "lab-snmp";

    Snmpd() {
        super("snmpd", "Net-SNMP", "snmpd", 161);
    }

    @Override
    public List<Endpoint> endpoints(List<Integer> ports) {
        return List.of(Endpoint.udp(ports.get(0), "snmp"));
    }

    @Override
    public List<String> executables() {
        return List.of("/usr/sbin/snmpd");
    }

    @Override
    public String version() {
        return VersionCommand.read("NET-SNMP version:\\s+(\\S+)", "/usr/sbin/snmpd", "-v");
    }

    @Override
    public Launch prepare(DaemonDir dir, List<Integer> ports) throws IOException {
        String persist = dir.mkdir("persist").toString();
        String conf = """
                agentAddress udp:%1$d,udp6:%1$d
                rocommunity %2$s default
                rocommunity6 %2$s default
                sysName %3$s
                sysLocation Portolan lab
                sysContact lab@lab.example
                [snmp] persistentDir %4$s
                """.formatted(ports.get(0), COMMUNITY, SYS_NAME, persist);
        // -f foreground, -Lo log to stdout, -C no other config file; the environment keeps it out of /var/lib/snmp
        return Launch.asRoot(List.of("/usr/sbin/snmpd", "-f", "-Lo", "-C", "-c",
                        dir.write("snmpd.conf", conf).toString(), "-p", dir.resolve("snmpd.pid").toString()))
                .withEnvironment("SNMP_PERSISTENT_DIR", persist)
                .withEnvironment("MIBS", "");
    }
}
