package dev.portolan.technique.discovery;

import dev.portolan.engine.TimingTemplate;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.function.Consumer;

/** A way of finding which hosts are up: one verdict per address, in the order given. */
public interface HostDiscovery {
    /**
     * Probes {@code hosts} and returns their verdicts in the same order. {@code warnings} takes one-line notes
     * (a probe kind that cannot be sent here, lost answers); blocks until every host has its verdict.
     */
    List<PingVerdict> discover(List<InetAddress> hosts, TimingTemplate timing, double maxRate,
                               Consumer<String> warnings) throws IOException;

    /** Stops soon; hosts not yet answered are then down. */
    void cancel();
}
