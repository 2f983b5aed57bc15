package dev.portolan.lab.services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** OpenSSH's sshd with host keys generated into its directory. */
final class OpenSsh extends BaseDaemon {
    /** Compiled into sshd as its privilege-separation chroot; it refuses to start without it (empty, root's). */
    private static final Path PRIVSEP_DIR = Path.of("/run/sshd");

    OpenSsh() {
        super("openssh", "OpenSSH", "openssh-server", 22);
    }

    @Override
    public List<Endpoint> endpoints(List<Integer> ports) {
        return List.of(Endpoint.tcp(ports.get(0), "ssh"));
    }

    @Override
    public List<String> executables() {
        return List.of("/usr/sbin/sshd", "/usr/bin/ssh-keygen");
    }

    @Override
    public Launch prepare(DaemonDir dir, List<Integer> ports) throws IOException {
        if (!Files.isDirectory(PRIVSEP_DIR)) {
            Files.createDirectories(PRIVSEP_DIR, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwxr-xr-x")));
        }
        StringBuilder conf = new StringBuilder("Port " + ports.get(0) + "\n");
        List<List<String>> init = new ArrayList<>();
        for (String type : List.of("ed25519", "ecdsa", "rsa")) {
            Path key = dir.resolve("ssh_host_" + type + "_key");
            conf.append("HostKey ").append(key).append('\n');
            init.add(List.of("/usr/bin/ssh-keygen", "-q", "-t", type, "-N", "", "-C", "lab", "-f", key.toString()));
        }
        conf.append("PidFile ").append(dir.resolve("sshd.pid")).append('\n').append("""
                UsePAM no
                PermitRootLogin no
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                AuthorizedKeysFile none
                StrictModes no
                """);
        Path config = dir.write("sshd_config", conf.toString());
        // -D: foreground; -e: log to stderr (our log file); an absolute path, which sshd needs to re-exec itself
        return new Launch(init, List.of("/usr/sbin/sshd", "-D", "-e", "-f", config.toString()), null, Map.of());
    }
}
