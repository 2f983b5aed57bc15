package dev.portolan.lab.services;

import dev.portolan.target.Protocol;
import java.io.IOException;
import java.util.List;

/** Dovecot serving POP3 and IMAP without TLS, with an empty user list. */
final class Dovecot extends BaseDaemon {
    Dovecot() {
        super("dovecot", "Dovecot", "dovecot-core", 110, 143);
    }

    @Override
    public List<Endpoint> endpoints(List<Integer> ports) {
        return List.of(new Endpoint(ports.get(0), Protocol.TCP, "pop3", false),
                new Endpoint(ports.get(1), Protocol.TCP, "imap", false));
    }

    @Override
    public List<String> executables() {
        return List.of("/usr/sbin/dovecot");
    }

    @Override
    public String version() {
        return VersionCommand.read("^(\\S+)", "/usr/sbin/dovecot", "--version");
    }

    @Override
    public Launch prepare(DaemonDir dir, List<Integer> ports) throws IOException {
        dir.mkdir("run");
        dir.mkdir("state");
        dir.mkdir("mail");
        dir.write("users", "");
        String conf = """
                base_dir = %1$s/run
                state_dir = %1$s/state
                instance_name = %2$s
                log_path = %1$s/dovecot.log
                protocols = pop3 imap
                listen = *, ::
                ssl = no
                disable_plaintext_auth = no
                mail_location = maildir:%1$s/mail/%%u
                passdb {
                  driver = passwd-file
                  args = %1$s/users
                }
                userdb {
                  driver = passwd-file
                  args = %1$s/users
                }
                service pop3-login {
                  inet_listener pop3 {
                    port = %3$d
                  }
                  inet_listener pop3s {
                    port = 0
                  }
                }
                service imap-login {
                  inet_listener imap {
                    port = %4$d
                  }
                  inet_listener imaps {
                    port = 0
                  }
                }
                """.formatted(dir.path(), "plab-" + Integer.toHexString(dir.path().hashCode()), ports.get(0),
                ports.get(1));
        // -F: foreground; its own base_dir and instance name, so that several run side by side
        return Launch.asRoot(List.of("/usr/sbin/dovecot", "-F", "-c", dir.write("dovecot.conf", conf).toString()));
    }
}
