package dev.portolan.net;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The one assumption of the tests that open raw or packet sockets. */
final class RawRights {
    private RawRights() {
    }

    static void assume() {
        assumeTrue(NativeAccess.available() && Privileges.current().rawSockets(),
                "skipped: raw-socket tests need root or CAP_NET_RAW and native access");
    }
}
