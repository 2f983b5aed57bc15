package dev.portolan.lab.services;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** vsftpd, standalone in the foreground, anonymous read-only over an empty directory. */
final class Vsftpd extends BaseDaemon {
    Vsftpd() {
        super("vsftpd", "vsftpd", "vsftpd", 21);
    }

    @Override
    public List<Endpoint> endpoints(List<Integer> ports) {
        return List.of(Endpoint.tcp(ports.get(0), "ftp"));
    }

    @Override
    public List<String> executables() {
        return List.of("/usr/sbin/vsftpd");
    }

    @Override
    public Launch prepare(DaemonDir dir, List<Integer> ports) throws IOException {
        // vsftpd refuses to start when its chroot directory is missing or writable by its unprivileged user
        Path empty = dir.mkdir("empty");
        Path pub = dir.mkdir("pub");
        // listen_ipv6 on "::" takes IPv4 too (and listen=YES would exclude it)
        String conf = """
                listen=NO
                listen_ipv6=YES
                listen_port=%d
                background=NO
                anonymous_enable=YES
                no_anon_password=YES
                anon_root=%s
                write_enable=NO
                local_enable=NO
                secure_chroot_dir=%s
                pam_service_name=vsftpd
                xferlog_enable=NO
                vsftpd_log_file=%s
                seccomp_sandbox=NO
                """.formatted(ports.get(0), pub, empty, dir.resolve("vsftpd.log"));
        return Launch.asRoot(List.of("/usr/sbin/vsftpd", dir.write("vsftpd.conf", conf).toString()));
    }
}
