package dev.portolan.lab.bench;

import java.util.List;
import java.util.OptionalDouble;

/** The service scenario on one path: nmap's run first, then Portolan's. */
record ServiceResult(String scenario, String path, ServiceRun nmap, ServiceRun portolan) {
    List<ServiceRun> runs() {
        return List.of(nmap, portolan);
    }

    /** Portolan's wall time over nmap's, when both finished. */
    OptionalDouble ratio() {
        return nmap.finished() && portolan.finished() && nmap.wall().toMillis() > 0
                ? OptionalDouble.of(portolan.wall().toMillis() / (double) nmap.wall().toMillis())
                : OptionalDouble.empty();
    }
}
