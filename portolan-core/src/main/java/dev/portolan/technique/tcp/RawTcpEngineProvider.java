package dev.portolan.technique.tcp;

import dev.portolan.api.ScanConfig;
import dev.portolan.api.ScanEngine;
import dev.portolan.api.ScanEngineProvider;
import dev.portolan.api.ScanListener;
import dev.portolan.api.ScanType;
import dev.portolan.engine.cookie.SynCookie;
import dev.portolan.net.Privileges;
import dev.portolan.technique.discovery.LocalAddresses;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The raw TCP scans (-sS, -sA, -sW, -sM, -sF, -sN, -sX, with --scanflags) over raw IPv4 sockets as a scan engine;
 * offered for one such type at a time (as nmap) and only with raw-socket rights.
 */
public final class RawTcpEngineProvider implements ScanEngineProvider {
    /** Source ports are drawn from here: above the usual services, below the kernel's ephemeral range. */
    static final int LOWEST_SOURCE_PORT = 20_000;
    static final int HIGHEST_SOURCE_PORT = 32_000;

    @Override
    public boolean supports(ScanConfig config) {
        Set<ScanType> types = config.scanTypes();
        return types.size() == 1 && TcpTechnique.isRaw(types.iterator().next()) && Privileges.current().rawSockets();
    }

    @Override
    public ScanEngine create() {
        return new ScannerEngine(RawTcpEngineProvider::scanner);
    }

    /** A scanner for {@code config}: one raw lane, a fresh cookie key and a random source port (or -g's) per scan. */
    static ConnectScanner scanner(ScanConfig config, ScanListener listener) {
        TcpTechnique technique = TcpTechnique.of(config.scanTypes().iterator().next(), config.scanFlags());
        int sourcePort = config.crafting().sourcePort()
                .orElseGet(() -> ThreadLocalRandom.current().nextInt(LOWEST_SOURCE_PORT, HIGHEST_SOURCE_PORT + 1));
        RawTcpSockets sockets = new RawTcpSockets(SynCookie.random(), sourcePort, technique, config.crafting());
        // raw sockets each see every reply: one lane avoids parsing each packet once per lane
        return new ConnectScanner(config, listener, LocalAddresses.ofThisMachine(), 1, probes -> sockets,
                technique.silence());
    }
}
