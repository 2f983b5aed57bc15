package dev.portolan.technique.discovery;

import dev.portolan.net.NativeAccess;

/** Raw-socket discovery (ICMP, TCP, UDP, ARP probes), offered only with raw-socket rights. */
public final class RawDiscoveryProvider implements HostDiscoveryProvider {
    @Override
    public boolean supports(DiscoveryOptions options, boolean rawRights) {
        return rawRights && NativeAccess.available();
    }

    @Override
    public HostDiscovery create(DiscoveryOptions options) {
        return new RawPinger(options);
    }

    @Override
    public int priority() {
        return 10;
    }
}
