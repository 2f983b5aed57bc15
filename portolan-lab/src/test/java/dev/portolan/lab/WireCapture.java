package dev.portolan.lab;

import dev.portolan.net.Interfaces;
import dev.portolan.net.Libc;
import dev.portolan.net.PacketSocket;
import java.io.IOException;
import java.io.PrintStream;
import java.util.HexFormat;

/**
 * A capture run inside a lab namespace ({@code ip netns exec NS java ... WireCapture IFACE [ipv6]}): every IPv4
 * frame (with {@code ipv6}: every IPv6 frame) on IFACE, in and out, as one line "TYPE HEX" (TYPE: the packet socket's HOST=0 ... OUTGOING=4; HEX: the frame), after
 * a first line "READY". It stops when its stdin closes, after the frames already queued.
 */
public final class WireCapture {
    private WireCapture() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int index = Interfaces.byName(args[0]).orElseThrow(() -> new IOException("no interface " + args[0])).index();
        PrintStream out = new PrintStream(System.out, false, "US-ASCII");
        HexFormat hex = HexFormat.of();
        byte[] frame = new byte[70_000];
        try (Libc libc = Libc.open(); PacketSocket s = PacketSocket.open(libc, index, PacketSocket.ETH_P_ALL)) {
            // ETH_P_ALL: a socket of one protocol never sees what the host sends, so the type is checked here
            int etherType = args.length > 1 && args[1].equals("ipv6") ? PacketSocket.ETH_P_IPV6 : PacketSocket.ETH_P_IP;
            // printing hex is slower than a scan sends: a deep queue keeps every frame
            s.setReceiveBuffer(64 << 20);
            out.println("READY");
            out.flush();
            Thread stdin = Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // wait for the end
                    }
                } catch (IOException e) {
                    // closed
                }
            });
            boolean last = false;
            while (true) {
                int n = s.receive(frame);
                if (n > 0) {
                    if (n < 14 || ((frame[12] & 0xff) << 8 | (frame[13] & 0xff)) != etherType) {
                        continue;
                    }
                    out.println(s.lastPacketType() + " " + hex.formatHex(frame, 0, n));
                    continue;
                }
                if (last) {
                    break;
                }
                if (!stdin.isAlive()) {
                    // one more pass for what arrived before the end was asked
                    last = true;
                    Thread.sleep(200);
                    continue;
                }
                s.awaitReadable(50);
            }
        }
        out.flush();
    }
}
