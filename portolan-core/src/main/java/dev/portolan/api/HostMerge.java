package dev.portolan.api;

import dev.portolan.result.HostResult;
import dev.portolan.result.HostStatus;
import dev.portolan.result.PortResult;
import dev.portolan.result.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * One host as two scans of it saw it (a TCP and a UDP part of one run): up if either saw it answer (a later part's
 * "up" only by -Pn does not overrule an earlier "down"), with the ports of both; a down host has none.
 */
final class HostMerge {
    private HostMerge() {
    }

    static HostResult of(HostResult a, HostResult b) {
        boolean bAnswered = b.status() == HostStatus.UP && b.statusReason() != Reason.USER_SET;
        HostResult status;
        if (a.status() == HostStatus.UP) {
            status = a;
        } else if (bAnswered) {
            status = b;
        } else {
            status = a.status() == HostStatus.DOWN ? a : b;
        }
        List<PortResult> ports = new ArrayList<>(a.ports());
        for (PortResult p : b.ports()) {
            if (ports.stream().noneMatch(q -> q.protocol() == p.protocol() && q.port() == p.port())) {
                ports.add(p);
            }
        }
        ports.sort(PortResult.ORDER);
        if (status.status() != HostStatus.UP) {
            ports.clear();
        }
        return new HostResult(a.target(), status.status(), status.statusReason(),
                a.ptrNames().isEmpty() ? b.ptrNames() : a.ptrNames(), ports,
                a.start().isBefore(b.start()) ? a.start() : b.start(), a.end().isAfter(b.end()) ? a.end() : b.end(),
                a.times().or(b::times), a.timedOut() || b.timedOut());
    }
}
