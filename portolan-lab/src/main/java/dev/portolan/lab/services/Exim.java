package dev.portolan.lab.services;

import java.io.IOException;
import java.util.List;

/** Exim as an SMTP daemon in the foreground, with a minimal config that refuses every recipient. */
final class Exim extends BaseDaemon {
    private static final String USER = "Debian-exim";

    Exim() {
        super("exim", "Exim", "exim4-daemon-light", 25);
    }

    @Override
    public List<Endpoint> endpoints(List<Integer> ports) {
        return List.of(Endpoint.tcp(ports.get(0), "smtp"));
    }

    @Override
    public List<String> executables() {
        return List.of("/usr/sbin/exim4");
    }

    @Override
    public String version() {
        return VersionCommand.read("Exim version (\\S+)", "/usr/sbin/exim4", "-bV");
    }

    @Override
    public Launch prepare(DaemonDir dir, List<Integer> ports) throws IOException {
        String conf = """
                primary_hostname = %1$s
                spool_directory = %2$s
                log_file_path = %3$s/%%slog
                pid_file_path = %4$s/exim.pid
                daemon_smtp_ports = %5$d
                exim_user = %6$s
                exim_group = %6$s
                never_users = root
                keep_environment =
                tls_advertise_hosts =
                acl_smtp_rcpt = acl_check_rcpt
                begin acl
                acl_check_rcpt:
                  deny message = relay not permitted
                """.formatted(Tls.CERTIFICATE_CN, dir.mkdirOwnedBy("spool", USER), dir.mkdirOwnedBy("log", USER),
                dir.path(), ports.get(0), USER);
        // -bdf: daemon in the foreground; a root caller keeps its privilege with -C, so it can bind port 25
        return Launch.asRoot(List.of("/usr/sbin/exim4", "-bdf", "-C", dir.write("exim.conf", conf).toString()));
    }
}
