package dev.portolan.engine;

/** How many hosts are scanned together (nmap's host groups), so a group's per-port state stays bounded. */
public final class HostGroups {
    /** At most this many (host, port) pairs per group: about 2 MB of per-port state. */
    public static final int MAX_PAIRS = 1 << 20;
    /**
     * At most this many hosts per group, also when only a few ports are scanned: about 6 MB of per-host state. A
     * group ends only when its last retry does, so in a sweep of one port fewer, larger groups wait less.
     */
    public static final int MAX_HOSTS = 16_384;

    private HostGroups() {
    }

    /** Hosts per group when every host gets {@code portsPerHost} probes. */
    public static int hostsPerGroup(int portsPerHost) {
        if (portsPerHost < 0) {
            throw new IllegalArgumentException("ports per host must not be negative, got " + portsPerHost);
        }
        return Math.clamp(MAX_PAIRS / Math.max(1, portsPerHost), 1, MAX_HOSTS);
    }
}
