package dev.portolan.lab.services;

import dev.portolan.target.Protocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The ports on which something listens in a network namespace, read from {@code /proc/PID/net/*} of a process
 * inside it: the kernel shows each process its own namespace's sockets there, so no command has to run.
 */
final class ListeningSockets {
    /** TCP_LISTEN in /proc/net/tcp's "st" column. */
    private static final String TCP_LISTEN = "0A";
    /** TCP_CLOSE, which /proc/net/udp shows for a bound, unconnected socket. */
    private static final String UDP_UNCONNECTED = "07";

    private ListeningSockets() {
    }

    /** The ports listening over {@code protocol} (IPv4 and IPv6) in the namespace of process {@code pid}. */
    static Set<Integer> of(long pid, Protocol protocol) throws IOException {
        String base = protocol == Protocol.UDP ? "udp" : "tcp";
        Set<Integer> ports = new HashSet<>();
        for (String file : new String[] {base, base + "6"}) {
            try {
                ports.addAll(parse(Files.readString(Path.of("/proc", Long.toString(pid), "net", file)), protocol));
            } catch (NoSuchFileException e) {
                // no IPv6 in this kernel, or the process is gone: the caller checks the latter
            }
        }
        return ports;
    }

    /** The listening local ports in the text of /proc/net/{tcp,tcp6,udp,udp6}. */
    static Set<Integer> parse(String procNet, Protocol protocol) {
        String wanted = protocol == Protocol.UDP ? UDP_UNCONNECTED : TCP_LISTEN;
        Set<Integer> ports = new HashSet<>();
        for (String line : procNet.lines().skip(1).toList()) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 4 || !f[3].equalsIgnoreCase(wanted)) {
                continue;
            }
            int colon = f[1].lastIndexOf(':');
            if (colon < 0) {
                continue;
            }
            ports.add(Integer.parseInt(f[1].substring(colon + 1), 16));
        }
        return ports;
    }
}
