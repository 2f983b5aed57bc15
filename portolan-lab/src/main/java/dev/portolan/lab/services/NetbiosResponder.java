package dev.portolan.lab.services;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A NetBIOS name service that answers only node status (RFC 1002 4.2.18) with the fixed name table of
 * {@link NetbiosService}: a Windows host's or nmbd's answer in miniature, for discovery's NetBIOS column. Written
 * apart from Portolan's codec so that the two check each other.
 *
 * <p>Usage: {@code NetbiosResponder [--until-stdin-closes] PORT}
 */
public final class NetbiosResponder {
    private NetbiosResponder() {
    }

    public static void main(String[] args) throws IOException {
        boolean watchStdin = args.length > 0 && args[0].equals("--until-stdin-closes");
        int port = Integer.parseInt(args[watchStdin ? 1 : 0]);
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(port));
        if (watchStdin) {
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // wait for the lab's JVM to go away
                    }
                } catch (IOException e) {
                    // same: the lab is gone
                }
                System.exit(0);
            });
        }
        System.out.println("READY " + port);
        System.out.flush();
        byte[] buffer = new byte[576];
        while (true) {
            DatagramPacket in = new DatagramPacket(buffer, buffer.length);
            socket.receive(in);
            byte[] answer = answer(ByteBuffer.wrap(buffer, 0, in.getLength()));
            if (answer != null) {
                socket.send(new DatagramPacket(answer, answer.length, in.getSocketAddress()));
            }
        }
    }

    /** The answer to a node status request, or null for anything else (other questions get no answer). */
    static byte[] answer(ByteBuffer q) {
        // header (12) + one question of a 34-byte name + type and class (4)
        if (q.remaining() < 50 || (q.get(2) & 0x80) != 0 || q.getShort(4) != 1 || q.get(12) != 32) {
            return null;
        }
        if (q.getShort(46) != 0x21 || q.getShort(48) != 1) {
            return null;
        }
        String[][] table = NetbiosService.NAMES;
        int rdata = 1 + 18 * table.length + 46;
        ByteBuffer a = ByteBuffer.allocate(12 + 34 + 10 + rdata);
        a.putShort(q.getShort(0));
        a.putShort((short) 0x8400); // response, authoritative answer
        a.putShort((short) 0).putShort((short) 1).putShort((short) 0).putShort((short) 0);
        a.put(q.array(), q.arrayOffset() + 12, 34); // the question's name, as asked
        a.putShort((short) 0x21).putShort((short) 1).putInt(0).putShort((short) rdata);
        a.put((byte) table.length);
        for (String[] entry : table) {
            byte[] name = new byte[15];
            java.util.Arrays.fill(name, (byte) ' ');
            byte[] text = entry[0].getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, name, 0, text.length);
            a.put(name);
            a.put((byte) Integer.parseInt(entry[1], 16));
            // G bit for groups, ACT (active) for every name; B node
            a.putShort((short) ((entry[2].equals("group") ? 0x8000 : 0) | 0x0400));
        }
        for (String octet : NetbiosService.UNIT_ID.split(":")) {
            a.put((byte) Integer.parseInt(octet, 16));
        }
        a.put(new byte[40]); // the rest of the statistics: zero counters
        return a.array();
    }
}
