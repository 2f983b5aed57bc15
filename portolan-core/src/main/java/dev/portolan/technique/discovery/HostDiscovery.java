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

    /**
     * As {@link #discover(List, TimingTemplate, double, Consumer)}, but each host's verdict goes to {@code each} as
     * soon as it is final (an up host on its answer, the rest when the sweep ends), once per host, on the calling
     * thread. This default hands them on at the end, in index order.
     */
    default void discover(List<InetAddress> hosts, TimingTemplate timing, double maxRate, Consumer<String> warnings,
                          Verdicts each) throws IOException {
        List<PingVerdict> all = discover(hosts, timing, maxRate, warnings);
        for (int i = 0; i < all.size(); i++) {
            each.verdict(i, all.get(i));
        }
    }

    /** Stops soon; hosts not yet answered are then down. */
    void cancel();

    /** Takes final verdicts as they come. */
    @FunctionalInterface
    interface Verdicts {
        /** The verdict of {@code hosts.get(index)}. */
        void verdict(int index, PingVerdict verdict);
    }
}
