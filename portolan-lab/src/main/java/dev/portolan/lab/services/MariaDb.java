package dev.portolan.lab.services;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** MariaDB: a data directory made by mariadb-install-db, the server dropping to the mysql user itself. */
final class MariaDb extends BaseDaemon {
    MariaDb() {
        super("mariadb", "MariaDB", "mariadb-server", 3306);
    }

    @Override
    public List<Endpoint> endpoints(List<Integer> ports) {
        return List.of(Endpoint.tcp(ports.get(0), "mysql"));
    }

    @Override
    public List<String> executables() {
        return List.of("/usr/sbin/mariadbd", "/usr/bin/mariadb-install-db");
    }

    @Override
    public String version() {
        return VersionCommand.read("Ver (\\d+\\.\\d+\\.\\d+)", "/usr/sbin/mariadbd", "--version");
    }

    @Override
    public Launch prepare(DaemonDir dir, List<Integer> ports) throws IOException {
        Path data = dir.mkdirOwnedBy("data", "mysql");
        Path tmp = dir.mkdirOwnedBy("tmp", "mysql");
        dir.chown("mysql");
        // an account for any host: without one MariaDB answers a remote client with an error, not its greeting
        Path init = dir.write("init.sql", "CREATE USER IF NOT EXISTS 'lab'@'%' IDENTIFIED BY 'lab-password';\n");
        List<String> install = List.of("/usr/bin/mariadb-install-db", "--no-defaults", "--user=mysql",
                "--datadir=" + data, "--auth-root-authentication-method=socket", "--skip-test-db",
                "--skip-name-resolve");
        List<String> server = List.of("/usr/sbin/mariadbd", "--no-defaults", "--user=mysql",
                "--datadir=" + data, "--tmpdir=" + tmp, "--socket=" + dir.resolve("mysqld.sock"),
                "--pid-file=" + dir.resolve("mysqld.pid"), "--port=" + ports.get(0), "--bind-address=*",
                "--skip-name-resolve", "--init-file=" + init,
                "--innodb-buffer-pool-size=16M", "--skip-log-bin");
        return new Launch(List.of(install), server, null, Map.of());
    }
}
