package dev.portolan.technique.discovery;

import dev.portolan.net.NativeAccess;
import dev.portolan.net.PingSocket;

/**
 * ICMP echo over unprivileged ping sockets, for when raw sockets cannot be used and
 * {@code net.ipv4.ping_group_range} lets this process ping; asked only when echo is among the probes.
 */
public final class DatagramDiscoveryProvider implements HostDiscoveryProvider {
    @Override
    public boolean supports(DiscoveryOptions options, boolean rawRights) {
        return !rawRights && options.sendsEcho() && NativeAccess.available() && PingSocket.allowedForThisProcess();
    }

    @Override
    public HostDiscovery create(DiscoveryOptions options) {
        return new DatagramPinger(options);
    }

    @Override
    public int priority() {
        return 5;
    }
}
