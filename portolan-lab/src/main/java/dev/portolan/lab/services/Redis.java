package dev.portolan.lab.services;

import java.io.IOException;
import java.util.List;

/** redis-server as the redis user, configured on its command line, persisting nothing. */
final class Redis extends BaseDaemon {
    Redis() {
        super("redis", "Redis", "redis-server", 6379);
    }

    @Override
    public List<Endpoint> endpoints(List<Integer> ports) {
        return List.of(Endpoint.tcp(ports.get(0), "redis"));
    }

    @Override
    public List<String> executables() {
        return List.of("/usr/bin/redis-server");
    }

    @Override
    public String version() {
        return VersionCommand.read("v=(\\S+)", "/usr/bin/redis-server", "--version");
    }

    @Override
    public Launch prepare(DaemonDir dir, List<Integer> ports) throws IOException {
        dir.chown("redis");
        // protected mode off: it would answer the scanner with a DENIED error instead of the protocol
        return Launch.as("redis", List.of("/usr/bin/redis-server", "--port", ports.get(0).toString(),
                "--bind", "* -::*", "--dir", dir.path().toString(), "--daemonize", "no", "--save", "",
                "--appendonly", "no", "--protected-mode", "no", "--logfile", "",
                "--pidfile", dir.resolve("redis.pid").toString()));
    }
}
