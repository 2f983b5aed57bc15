package dev.portolan.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this process may do with raw packets: whether it runs as root and whether CAP_NET_RAW (raw and packet
 * sockets) and CAP_NET_ADMIN (interface settings, forced buffer sizes) are in its effective set.
 */
public record Privileges(boolean root, boolean netRaw, boolean netAdmin) {
    public static final int CAP_NET_ADMIN = 12;
    public static final int CAP_NET_RAW = 13;
    /**
     * What to do without the rights; the engine prints it as the one line of its fallback. A java binary given
     * capabilities runs in secure-execution mode, where ld.so ignores its $ORIGIN rpath: it then also needs its
     * {@code lib} directory in /etc/ld.so.conf.d (and ldconfig), or it fails to find libjli.so.
     */
    public static final String HINT =
            "raw sockets need root or CAP_NET_RAW: run as root or `setcap cap_net_raw,cap_net_admin+eip <java>`";

    private static final Path STATUS = Path.of("/proc/self/status");

    /** This process's rights now; none when /proc cannot tell (not Linux). */
    public static Privileges current() {
        try {
            return parse(Files.readString(STATUS));
        } catch (IOException | IllegalArgumentException e) {
            return new Privileges(false, false, false);
        }
    }

    /** Reads the effective uid ("Uid:" line) and effective capabilities ("CapEff:" line) of a proc status text. */
    public static Privileges parse(String status) {
        String uid = field(status, "Uid:");
        String capEff = field(status, "CapEff:");
        String[] ids = uid.trim().split("\\s+");
        if (ids.length < 2) {
            throw new IllegalArgumentException("Uid: no effective uid in \"" + uid.trim() + "\"");
        }
        long caps = capabilities(capEff);
        return new Privileges(ids[1].equals("0"), has(caps, CAP_NET_RAW), has(caps, CAP_NET_ADMIN));
    }

    /** The capability bits of a CapEff value (16 hex digits, "000001ffffffffff"). */
    public static long capabilities(String capEff) {
        String hex = capEff.trim();
        if (hex.isEmpty() || hex.length() > 16) {
            throw new IllegalArgumentException("CapEff: not a capability mask: \"" + hex + "\"");
        }
        try {
            return Long.parseUnsignedLong(hex, 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("CapEff: not a capability mask: \"" + hex + "\"");
        }
    }

    private static boolean has(long caps, int capability) {
        return (caps >>> capability & 1) != 0;
    }

    private static String field(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name)) {
                return line.substring(name.length());
            }
        }
        throw new IllegalArgumentException("no " + name + " line in the process status");
    }

    /** Whether raw IP and AF_PACKET sockets can be opened (root without CAP_NET_RAW, in a container, cannot). */
    public boolean rawSockets() {
        return netRaw;
    }

    /** One line for the user: what the process may do, or what to do to use raw sockets. */
    public String explanation() {
        if (netRaw) {
            return "raw sockets allowed (" + (root ? "root" : "CAP_NET_RAW") + ")";
        }
        String java = ProcessHandle.current().info().command().orElse("<java>");
        return HINT.replace("<java>", java);
    }
}
