package dev.portolan.net;

import java.net.InetAddress;

/**
 * Run in a child JVM by {@link ChildJvmTest}: prints what this process may do ("rights") or the kernel's route to
 * an address ("route ADDRESS"), one finding per line, so the parent can compare the lines exactly.
 */
public final class NetProbe {
    private NetProbe() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "rights" -> rights();
            case "route" -> route(InetAddress.getByName(args[1]));
            default -> throw new IllegalArgumentException("no probe " + args[0]);
        }
    }

    private static void rights() {
        Privileges p = Privileges.current();
        System.out.println("root=" + p.root() + " netRaw=" + p.netRaw() + " netAdmin=" + p.netAdmin());
        try (Libc libc = Libc.open()) {
            try (RawSocket s = RawSocket.ipv4Sender(libc)) {
                System.out.println("opened " + s);
            } catch (ErrnoException e) {
                System.out.println(e.getMessage());
            }
            try (PacketSocket s = PacketSocket.open(libc, 1, PacketSocket.ETH_P_ARP)) {
                System.out.println("opened " + s);
            } catch (ErrnoException e) {
                System.out.println(e.getMessage());
            }
        }
    }

    private static void route(InetAddress destination) {
        try {
            Route r = RouteLookup.sourceFor(destination);
            System.out.println(r.iface().name() + " " + r.source().getHostAddress());
        } catch (ErrnoException e) {
            System.out.println(e.getMessage() + " errno=" + e.errno());
        }
    }
}
