package dev.portolan.net;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/** An entry of the kernel's ARP or NDP table: an address on a link, its link-layer address when known, a state. */
public record Neighbour(InetAddress address, int interfaceIndex, Optional<HardwareAddress> mac, int state) {
    // the kernel's NUD_* states
    public static final int INCOMPLETE = 0x01;
    public static final int REACHABLE = 0x02;
    public static final int STALE = 0x04;
    public static final int DELAY = 0x08;
    public static final int PROBE = 0x10;
    public static final int FAILED = 0x20;
    public static final int NOARP = 0x40;
    public static final int PERMANENT = 0x80;

    public Neighbour {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(mac, "mac");
    }

    /** Whether frames may be sent to {@link #mac()} now: known and not failed or still being resolved. */
    public boolean isUsable() {
        return mac.isPresent() && (state & (REACHABLE | STALE | DELAY | PROBE | PERMANENT | NOARP)) != 0;
    }
}
