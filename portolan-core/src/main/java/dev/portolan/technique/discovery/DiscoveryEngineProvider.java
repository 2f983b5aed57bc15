package dev.portolan.technique.discovery;

import dev.portolan.api.ScanConfig;
import dev.portolan.api.ScanEngine;
import dev.portolan.api.ScanEngineProvider;
import dev.portolan.net.Privileges;

/**
 * A ping scan ({@code -sn}, {@code portolan discover}) run by a discovery plug-in alone: hosts are reported as they
 * answer, while the sweep goes on. Listed before the TCP engines, which otherwise run it after their own set-up.
 */
public final class DiscoveryEngineProvider implements ScanEngineProvider {
    @Override
    public boolean supports(ScanConfig config) {
        if (!config.pingOnly() || config.skipDiscovery() || config.discovery().isEmpty()) {
            return false;
        }
        DiscoveryOptions o = config.discovery().get();
        return HostDiscoveries.supported(o, rawRights(o));
    }

    @Override
    public ScanEngine create() {
        return new DiscoveryEngine();
    }

    /**
     * An engine that probes every target, this machine's own addresses too, where a ping scan otherwise reports them
     * up at once (nmap's localhost-response): for the AOT training, whose sweep of loopback must take the path of a
     * real one.
     */
    public static ScanEngine probingOwnAddresses() {
        return new DiscoveryEngine(LocalAddresses.none());
    }

    static boolean rawRights(DiscoveryOptions o) {
        return o.rawSockets() && Privileges.current().rawSockets();
    }
}
