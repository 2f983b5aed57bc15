package dev.portolan.lab.services;

import dev.portolan.lab.LabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** PostgreSQL: a fresh cluster made by initdb, both run as the postgres user (they refuse root). */
final class Postgres extends BaseDaemon {
    private static final Path VERSIONS = Path.of("/usr/lib/postgresql");

    private Postgres(int major) {
        super("postgresql", "PostgreSQL", "postgresql-" + major, 5432);
    }

    /** The newest PostgreSQL installed (Debian keeps each major version in /usr/lib/postgresql/N). */
    static Postgres installed() {
        return new Postgres(newestMajor());
    }

    private static int newestMajor() {
        try (Stream<Path> dirs = Files.isDirectory(VERSIONS) ? Files.list(VERSIONS) : Stream.empty()) {
            return dirs.filter(d -> d.getFileName().toString().matches("\\d+"))
                    .filter(d -> Files.isExecutable(d.resolve("bin/postgres")))
                    .map(d -> Integer.parseInt(d.getFileName().toString()))
                    .max(Comparator.naturalOrder()).orElse(15);
        } catch (IOException e) {
            throw new LabException("cannot list " + VERSIONS + ": " + e.getMessage(), e);
        }
    }

    private Path bin(String tool) {
        return VERSIONS.resolve(packageName().substring("postgresql-".length())).resolve("bin").resolve(tool);
    }

    @Override
    public List<Endpoint> endpoints(List<Integer> ports) {
        return List.of(Endpoint.tcp(ports.get(0), "postgresql"));
    }

    @Override
    public List<String> executables() {
        return List.of(bin("postgres").toString(), bin("initdb").toString());
    }

    @Override
    public String version() {
        return VersionCommand.read("\\(PostgreSQL\\) (\\S+)", bin("postgres").toString(), "--version");
    }

    @Override
    public String stopSignal() {
        // TERM is a "smart" shutdown that waits for every client to leave; INT ends their sessions
        return "INT";
    }

    @Override
    public Launch prepare(DaemonDir dir, List<Integer> ports) throws IOException {
        dir.chown("postgres");
        Path data = dir.resolve("data");
        Path sockets = dir.mkdirOwnedBy("sockets", "postgres");
        // clients of the lab get asked for a password, as on a real server, instead of "no pg_hba.conf entry"
        Path hba = dir.write("pg_hba.conf", """
                local all all trust
                host all all 0.0.0.0/0 scram-sha-256
                host all all ::/0 scram-sha-256
                """);
        List<String> initdb = List.of(bin("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions");
        List<String> postgres = List.of(bin("postgres").toString(), "-D", data.toString(),
                "-p", ports.get(0).toString(), "-c", "listen_addresses=*",
                "-c", "unix_socket_directories=" + sockets, "-c", "hba_file=" + hba,
                "-c", "fsync=off", "-c", "shared_buffers=16MB", "-c", "logging_collector=off");
        return new Launch(List.of(initdb), postgres, "postgres", java.util.Map.of());
    }
}
