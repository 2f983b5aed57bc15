package dev.portolan.net;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The one assumption of the tests that open raw or packet sockets; without the rights it says so once. */
final class RawRights {
    private static final String SKIPPED = "raw-socket tests skipped: they need root or CAP_NET_RAW";
    private static boolean announced;

    private RawRights() {
    }

    static synchronized void assume() {
        boolean allowed = NativeAccess.available() && Privileges.current().rawSockets();
        if (!allowed && !announced) {
            announced = true;
            System.err.println(SKIPPED);
        }
        assumeTrue(allowed, SKIPPED);
    }
}
