package dev.portolan.lab.services;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A TCP server that misbehaves on purpose ({@link Behaviour}), for testing that a service scan stays bounded in
 * time and memory. Binds one port on all IPv4 and IPv6 addresses, prints {@code READY}, serves each connection on
 * a virtual thread until killed.
 *
 * <p>Usage: {@code HostileServer [--until-stdin-closes] BEHAVIOUR PORT}, BEHAVIOUR one of drip, endless,
 * tls-garbage, tcpwrapped, silent.
 */
public final class HostileServer {
    static final String DRIP_BANNER = "220 drip.lab.example ESMTP slowly, very slowly\r\n";
    static final String ENDLESS_LINE = "220-endless.lab.example says more and more and more\r\n";
    /** Random bytes sent for a ClientHello: more than one TLS record header could promise to hold. */
    static final int GARBAGE_BYTES = 16 * 1024;

    private HostileServer() {
    }

    public static void main(String[] args) {
        int i = 0;
        boolean untilStdinCloses = false;
        if (args.length > 0 && args[0].equals("--until-stdin-closes")) {
            untilStdinCloses = true;
            i = 1;
        }
        if (args.length - i != 2) {
            fail("usage: HostileServer [--until-stdin-closes] BEHAVIOUR PORT");
        }
        Behaviour behaviour;
        int port;
        try {
            behaviour = Behaviour.parse(args[i]);
            port = Integer.parseInt(args[i + 1]);
        } catch (IllegalArgumentException e) {
            fail("bad argument: " + e.getMessage());
            return;
        }
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(port), 512);
            System.out.println("READY " + behaviour.label() + " " + port);
            System.out.flush();
            if (untilStdinCloses) {
                Thread.ofPlatform().daemon().start(HostileServer::exitWhenStdinCloses);
            }
            while (true) {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> serve(behaviour, client));
            }
        } catch (IOException e) {
            fail("hostile server on port " + port + ": " + e.getMessage());
        }
    }

    private static void exitWhenStdinCloses() {
        try (InputStream in = System.in) {
            while (in.read() >= 0) {
                // ignore input
            }
        } catch (IOException e) {
            // same as end of input
        }
        System.exit(0);
    }

    /** Plays {@code behaviour} on one connection until it is done or the peer goes away. */
    static void serve(Behaviour behaviour, Socket client) {
        try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
            switch (behaviour) {
                case DRIP -> drip(out);
                case ENDLESS -> endless(out);
                case TLS_GARBAGE -> garbage(in, out);
                case TCPWRAPPED -> {
                    // closed by try-with-resources at once, before any byte
                }
                case SILENT -> in.transferTo(OutputStream.nullOutputStream());
            }
        } catch (IOException e) {
            // the peer went away: that ends every behaviour
        }
    }

    private static void drip(OutputStream out) throws IOException {
        byte[] banner = DRIP_BANNER.getBytes(StandardCharsets.US_ASCII);
        for (long n = 0; ; n++) {
            out.write(banner[(int) (n % banner.length)]);
            out.flush();
            sleep(1000);
        }
    }

    private static void endless(OutputStream out) throws IOException {
        byte[] chunk = ENDLESS_LINE.repeat(64 * 1024 / ENDLESS_LINE.length()).getBytes(StandardCharsets.US_ASCII);
        while (true) {
            out.write(chunk);
        }
    }

    private static void garbage(InputStream in, OutputStream out) throws IOException {
        if (in.read() < 0) {
            return;
        }
        byte[] noise = new byte[GARBAGE_BYTES];
        ThreadLocalRandom.current().nextBytes(noise);
        // never a TLS record type (20-24) first, so that no parser can take the noise for a record by luck
        noise[0] = (byte) (0x30 + (noise[0] & 0x3f));
        out.write(noise);
        out.flush();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
