package dev.portolan.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portolan.net.PacketSocket;
import dev.portolan.packet.IpPacket;
import dev.portolan.packet.IpProtocol;
import dev.portolan.packet.Ipv4Header;
import dev.portolan.packet.Ipv6Header;
import dev.portolan.packet.TcpHeader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A {@link WireCapture} on a target's interface while a test scans it: what reached the target and what it sent. */
final class Capture implements AutoCloseable {
    private static final int ETHERNET = 14;
    private final Process process;
    private final CompletableFuture<List<String>> lines;
    private final CompletableFuture<String> stderr;

    /** One IP packet as the target's interface saw it. */
    record Frame(int type, byte[] ip) {
        boolean incoming() {
            return type != PacketSocket.OUTGOING;
        }

        boolean ipv6() {
            return (ip[0] & 0xf0) == 0x60;
        }

        /** An IPv6 fragment: a Fragment header right after the fixed one, where the scanner writes it. */
        boolean isFragment6() {
            return ipv6() && (ip[6] & 0xff) == IpProtocol.IPV6_FRAGMENT;
        }

        Ipv4Header header() {
            return Ipv4Header.parse(ByteBuffer.wrap(ip));
        }

        /** The IPv6 header with its extension headers (a fragment's data past the first is not parsed). */
        Ipv6Header header6() {
            return Ipv6Header.parse(ByteBuffer.wrap(ip));
        }

        /** The whole packet parsed (not for a fragment past the first). */
        IpPacket packet() {
            return IpPacket.parse(ByteBuffer.wrap(ip));
        }

        /** A TCP packet: an IPv4 one (maybe a fragment), or a whole IPv6 one. */
        boolean isTcp() {
            return (ip[ipv6() ? 6 : 9] & 0xff) == 6;
        }
    }

    private Capture(Process process) {
        this.process = process;
        this.stderr = Shell.drain(process.getErrorStream());
        BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.US_ASCII));
        String first;
        try {
            first = r.readLine();
        } catch (IOException e) {
            first = null;
        }
        if (!"READY".equals(first)) {
            throw new AssertionError("capture did not start: " + first + " " + stderr.join());
        }
        this.lines = CompletableFuture.supplyAsync(() -> r.lines().toList());
    }

    /** Starts capturing IPv4 on {@code target}'s own interface, inside its namespace. */
    static Capture on(Lab lab, LabTarget target) {
        return on(lab, target, false);
    }

    /** Starts capturing IPv4, or IPv6 with {@code ipv6}, on {@code target}'s own interface. */
    static Capture on(Lab lab, LabTarget target, boolean ipv6) {
        List<String> command = lab.inTarget(target, Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                PortolanLauncher.NATIVE_ACCESS, "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), WireCapture.class.getName(), LabTarget.INTERFACE,
                ipv6 ? "ipv6" : "ipv4");
        try {
            return new Capture(new ProcessBuilder(command).start());
        } catch (IOException e) {
            throw new AssertionError("cannot start the capture: " + e.getMessage(), e);
        }
    }

    /** Stops the capture and returns every packet it saw, in order. */
    List<Frame> stop() {
        close();
        List<Frame> frames = new ArrayList<>();
        HexFormat hex = HexFormat.of();
        try {
            for (String line : lines.get(30, TimeUnit.SECONDS)) {
                int space = line.indexOf(' ');
                byte[] frame = hex.parseHex(line, space + 1, line.length());
                frames.add(new Frame(Integer.parseInt(line.substring(0, space)),
                        Arrays.copyOfRange(frame, ETHERNET, frame.length)));
            }
        } catch (Exception e) {
            throw new AssertionError("capture output: " + e + " " + stderr.getNow(""), e);
        }
        return frames;
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                Shell.destroyTree(process);
            }
        } catch (IOException e) {
            // gone already
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The TCP SYNs that reached the target (whole, unfragmented packets). */
    static List<IpPacket> syns(List<Frame> frames) {
        List<IpPacket> syns = new ArrayList<>();
        for (Frame f : frames) {
            if (f.incoming() && f.isTcp() && (f.ipv6() || !f.header().isFragment())) {
                IpPacket p = f.packet();
                if (p.upper() instanceof TcpHeader tcp && tcp.syn() && !tcp.ack()) {
                    syns.add(p);
                }
            }
        }
        return syns;
    }

    /** The UDP datagrams that reached the target (whole, unfragmented packets). */
    static List<IpPacket> udp(List<Frame> frames) {
        List<IpPacket> datagrams = new ArrayList<>();
        for (Frame f : frames) {
            if (f.incoming() && (f.ip()[f.ipv6() ? 6 : 9] & 0xff) == IpProtocol.UDP
                    && (f.ipv6() || !f.header().isFragment())) {
                datagrams.add(f.packet());
            }
        }
        return datagrams;
    }

    /**
     * The incoming IPv6 fragments put together by (source, identification), in the order their first piece came:
     * each a whole packet again, its Fragment header taken out.
     */
    static Map<String, byte[]> reassemble6(List<Frame> frames) {
        Map<String, List<Frame>> pieces = new LinkedHashMap<>();
        for (Frame f : frames) {
            if (f.incoming() && f.isFragment6()) {
                Ipv6Header h = f.header6();
                pieces.computeIfAbsent(h.source() + "/" + h.fragment().orElseThrow().identification(),
                        k -> new ArrayList<>()).add(f);
            }
        }
        Map<String, byte[]> whole = new LinkedHashMap<>();
        pieces.forEach((key, list) -> {
            int end = 0;
            for (Frame f : list) {
                end = Math.max(end, offset6(f) + length6(f));
            }
            byte[] packet = new byte[40 + end];
            boolean[] covered = new boolean[end];
            boolean last = false;
            for (Frame f : list) {
                if (offset6(f) == 0) {
                    System.arraycopy(f.ip(), 0, packet, 0, 40);
                    packet[6] = f.ip()[40];
                }
                last |= (f.ip()[43] & 1) == 0;
                System.arraycopy(f.ip(), 48, packet, 40 + offset6(f), length6(f));
                Arrays.fill(covered, offset6(f), offset6(f) + length6(f), true);
            }
            for (boolean c : covered) {
                assertThat(c).as("fragments of %s leave a gap", key).isTrue();
            }
            assertThat(last).as("the last fragment of %s", key).isTrue();
            packet[4] = (byte) (end >>> 8);
            packet[5] = (byte) end;
            whole.put(key, packet);
        });
        return whole;
    }

    /** Where an IPv6 fragment's data goes in the packet, and how long it is. */
    private static int offset6(Frame f) {
        return ((f.ip()[42] & 0xff) << 8 | (f.ip()[43] & 0xf8));
    }

    private static int length6(Frame f) {
        return ((f.ip()[4] & 0xff) << 8 | (f.ip()[5] & 0xff)) - 8;
    }

    /** The incoming fragments put together by (source, identification), in the order their first piece came. */
    static Map<String, byte[]> reassemble(List<Frame> frames) {
        Map<String, List<Frame>> pieces = new LinkedHashMap<>();
        for (Frame f : frames) {
            Ipv4Header h = f.header();
            if (f.incoming() && h.isFragment()) {
                pieces.computeIfAbsent(h.source() + "/" + h.identification(), k -> new ArrayList<>()).add(f);
            }
        }
        Map<String, byte[]> whole = new LinkedHashMap<>();
        pieces.forEach((key, list) -> {
            int end = 0;
            for (Frame f : list) {
                Ipv4Header h = f.header();
                end = Math.max(end, h.fragmentOffsetBytes() + h.totalLength() - h.headerLength());
            }
            byte[] datagram = new byte[20 + end];
            boolean[] covered = new boolean[end];
            for (Frame f : list) {
                Ipv4Header h = f.header();
                int length = h.totalLength() - h.headerLength();
                if (h.fragmentOffsetBytes() == 0) {
                    System.arraycopy(f.ip(), 0, datagram, 0, 20);
                }
                System.arraycopy(f.ip(), h.headerLength(), datagram, 20 + h.fragmentOffsetBytes(), length);
                Arrays.fill(covered, h.fragmentOffsetBytes(), h.fragmentOffsetBytes() + length, true);
            }
            for (boolean c : covered) {
                assertThat(c).as("fragments of %s leave a gap", key).isTrue();
            }
            // a whole datagram again: its length, no fragment fields, its header checksum
            datagram[2] = (byte) (datagram.length >>> 8);
            datagram[3] = (byte) datagram.length;
            datagram[6] = 0;
            datagram[7] = 0;
            Ipv4Header h = Ipv4Header.parse(ByteBuffer.wrap(datagram)).withComputedChecksum();
            System.arraycopy(h.toBytes(), 0, datagram, 0, 20);
            whole.put(key, datagram);
        });
        return whole;
    }
}
