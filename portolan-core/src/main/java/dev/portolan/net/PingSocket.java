package dev.portolan.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An unprivileged ICMP echo socket, {@code socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP)} (or ICMPv6): it sends echo
 * requests and receives only the replies to them, without their IP header; the kernel sets the identifier. Any
 * process whose group is in {@code net.ipv4.ping_group_range} may open one.
 */
public final class PingSocket extends NativeSocket {
    static final Path GROUP_RANGE = Path.of("/proc/sys/net/ipv4/ping_group_range");

    private PingSocket(Libc libc, int fd) {
        super(libc, fd);
    }

    public static PingSocket ipv4(Libc libc) throws ErrnoException {
        return new PingSocket(libc, openDescriptor(libc, Sockaddr.AF_INET, Libc.SOCK_DGRAM, Libc.IPPROTO_ICMP,
                "socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP)"));
    }

    public static PingSocket ipv6(Libc libc) throws ErrnoException {
        return new PingSocket(libc, openDescriptor(libc, Sockaddr.AF_INET6, Libc.SOCK_DGRAM, Libc.IPPROTO_ICMPV6,
                "socket(AF_INET6, SOCK_DGRAM, IPPROTO_ICMPV6)"));
    }

    /** Whether net.ipv4.ping_group_range holds this process's group or one of its supplementary groups. */
    public static boolean allowedForThisProcess() {
        try {
            // read as lines: Files.readString stops after the first number of this sysctl (a short read)
            String[] range = String.join(" ", Files.readAllLines(GROUP_RANGE)).strip().split("\\s+");
            long low = Long.parseLong(range[0]);
            long high = Long.parseLong(range[1]);
            return groups(Files.readAllLines(Path.of("/proc/self/status"))).stream()
                    .anyMatch(g -> g >= low && g <= high);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The real, effective and supplementary groups of a /proc/PID/status text. */
    static Set<Long> groups(List<String> status) {
        Set<Long> groups = new HashSet<>();
        for (String line : status) {
            if (line.startsWith("Gid:") || line.startsWith("Groups:")) {
                String[] words = line.substring(line.indexOf(':') + 1).strip().split("\\s+");
                for (String w : words) {
                    if (!w.isEmpty()) {
                        groups.add(Long.parseLong(w));
                    }
                }
            }
        }
        return groups;
    }

    @Override
    public String toString() {
        return "PingSocket[fd=" + fd + "]";
    }
}
