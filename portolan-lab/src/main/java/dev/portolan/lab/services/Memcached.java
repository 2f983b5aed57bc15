package dev.portolan.lab.services;

import java.io.IOException;
import java.util.List;

/** memcached on TCP and UDP (UDP is off by default since 1.5.6), dropping root to the memcache user. */
final class Memcached extends BaseDaemon {
    Memcached() {
        super("memcached", "memcached", "memcached", 11211);
    }

    @Override
    public List<Endpoint> endpoints(List<Integer> ports) {
        return List.of(Endpoint.tcp(ports.get(0), "memcached"), Endpoint.udp(ports.get(0), "memcached"));
    }

    @Override
    public List<String> executables() {
        return List.of("/usr/bin/memcached");
    }

    @Override
    public String version() {
        return VersionCommand.read("memcached (\\S+)", "/usr/bin/memcached", "-V");
    }

    @Override
    public Launch prepare(DaemonDir dir, List<Integer> ports) throws IOException {
        String port = ports.get(0).toString();
        return Launch.asRoot(List.of("/usr/bin/memcached", "-u", "memcache", "-p", port, "-U", port,
                "-l", "0.0.0.0,[::]", "-m", "16"));
    }
}
