package dev.portolan.lab.services;

import java.io.IOException;
import java.util.List;

/** chronyd serving NTP from its local clock (stratum 10), never touching the machine's clock. */
final class Chrony extends BaseDaemon {
    Chrony() {
        super("chrony", "chrony", "chrony", 123);
    }

    @Override
    public List<Endpoint> endpoints(List<Integer> ports) {
        return List.of(Endpoint.udp(ports.get(0), "ntp"));
    }

    @Override
    public List<String> executables() {
        return List.of("/usr/sbin/chronyd");
    }

    @Override
    public String version() {
        return VersionCommand.read("version (\\S+)", "/usr/sbin/chronyd", "-v");
    }

    @Override
    public Launch prepare(DaemonDir dir, List<Integer> ports) throws IOException {
        // no pool or server: it serves its own clock; cmdport 0 and bindcmdaddress / close both command sockets
        String conf = """
                port %d
                allow all
                local stratum 10
                cmdport 0
                bindcmdaddress /
                pidfile %s
                """.formatted(ports.get(0), dir.resolve("chronyd.pid"));
        // -d: foreground, log to stderr; -x: never adjust the system clock (we are root)
        return Launch.asRoot(List.of("/usr/sbin/chronyd", "-d", "-x", "-u", "_chrony", "-f",
                dir.write("chrony.conf", conf).toString()));
    }
}
