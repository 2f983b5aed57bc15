package dev.portolan.lab.services;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * A kind of service the lab can run inside a target namespace: which ports it serves, what it is (product and the
 * version installed on this machine, read at run time) and how to start it with a configuration of its own.
 */
public interface Daemon {
    /** A short label ("nginx"), also the name of its directory in the lab's files. */
    String name();

    /** The product as its makers name it ("OpenSSH"); empty for the lab's own hostile services. */
    String product();

    /** The Debian package whose installed version is the truth ("openssh-server"); empty when none. */
    String packageName();

    /** Its standard ports, one per port it can be given (nginx: HTTP, HTTPS). */
    List<Integer> defaultPorts();

    /** What it serves when given {@code ports} (as many as {@link #defaultPorts()}, in the same roles). */
    List<Endpoint> endpoints(List<Integer> ports);

    /** Executables it needs; when one is missing the daemon cannot run here. */
    List<String> executables();

    /** The upstream version the service announces ("9.2p1"), read from this machine. */
    default String version() {
        return packageName().isEmpty() ? "" : DebianVersion.upstream(Packages.version(packageName()));
    }

    /** The signal that makes it shut down cleanly and soon ("TERM"; PostgreSQL's fast shutdown is "INT"). */
    default String stopSignal() {
        return "TERM";
    }

    /** Writes its configuration into {@code dir} and says how to run it on {@code ports}. */
    Launch prepare(DaemonDir dir, List<Integer> ports) throws IOException;

    /** This daemon on its standard ports. */
    default DaemonSpec atDefaultPorts() {
        return new DaemonSpec(this, defaultPorts());
    }

    /** This daemon on other ports, given in the order of {@link #defaultPorts()}. */
    default DaemonSpec on(int... ports) {
        return new DaemonSpec(this, Arrays.stream(ports).boxed().toList());
    }
}
