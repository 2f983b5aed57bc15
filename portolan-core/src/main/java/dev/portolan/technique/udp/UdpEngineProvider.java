package dev.portolan.technique.udp;

import dev.portolan.api.EngineStats;
import dev.portolan.api.ScanConfig;
import dev.portolan.api.ScanEngine;
import dev.portolan.api.ScanEngineProvider;
import dev.portolan.api.ScanListener;
import dev.portolan.api.ScanType;
import dev.portolan.net.NativeAccess;
import dev.portolan.technique.discovery.LocalAddresses;
import java.io.IOException;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** The UDP scan (-sU) as a scan engine: plain UDP sockets with queued ICMP errors, so no privilege is needed. */
public final class UdpEngineProvider implements ScanEngineProvider {

    @Override
    public boolean supports(ScanConfig config) {
        return config.scanTypes().equals(Set.of(ScanType.UDP)) && NativeAccess.available();
    }

    @Override
    public ScanEngine create() {
        return new Engine();
    }

    private static final class Engine implements ScanEngine {
        private volatile UdpScanner scanner;
        private volatile boolean cancelled;

        @Override
        public EngineStats run(ScanConfig config, ScanListener listener) {
            UdpPayloads payloads;
            try {
                OptionalInt dataLength = config.udp().dataLength();
                // as nmap: --data-length replaces the protocol payloads with random bytes of that length
                payloads = dataLength.isPresent() ? UdpPayloads.everyPort(randomBytes(dataLength.getAsInt()))
                        : config.udp().payloadFiles().isEmpty() ? UdpPayloads.builtin()
                        : UdpPayloads.withFiles(config.udp().payloadFiles());
            } catch (IOException e) {
                throw new IllegalArgumentException("reading UDP payloads: " + e.getMessage(), e);
            } catch (UdpPayloadFormatException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            UdpScanner s = new UdpScanner(config, listener, LocalAddresses.ofThisMachine(), payloads);
            scanner = s;
            if (cancelled) {
                s.cancel();
            }
            return s.run();
        }

        private static byte[] randomBytes(int n) {
            byte[] b = new byte[n];
            ThreadLocalRandom.current().nextBytes(b);
            return b;
        }

        @Override
        public void cancel() {
            cancelled = true;
            UdpScanner s = scanner;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
