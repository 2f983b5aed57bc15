package dev.portolan.engine;

import java.lang.management.ManagementFactory;

/** How many sockets a scan may hold open: the process's descriptor limit minus those open and a reserve. */
public final class FdBudget {
    /** Used where the JVM cannot tell the limit (not a Unix). */
    static final int FALLBACK = 512;
    private static final int MIN_BUDGET = 8;

    private FdBudget() {
    }

    /** Sockets this process can still open, leaving room for files, logs and the JVM itself. */
    public static int available() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
            return budget(os.getMaxFileDescriptorCount(), os.getOpenFileDescriptorCount());
        }
        return FALLBACK;
    }

    /** The budget for a limit of {@code max} descriptors of which {@code open} are in use. */
    static int budget(long max, long open) {
        if (max <= 0 || open < 0) {
            return FALLBACK;
        }
        long reserve = Math.max(64, max / 16);
        long free = max - open - reserve;
        return (int) Math.clamp(free, MIN_BUDGET, Integer.MAX_VALUE);
    }
}
