package dev.portolan.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portolan.net.PacketSocket;
import dev.portolan.packet.IpPacket;
import dev.portolan.packet.Ipv4Header;
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

    /** One IPv4 packet as the target's interface saw it. */
    record Frame(int type, byte[] ip) {
        boolean incoming() {
            return type != PacketSocket.OUTGOING;
        }

        Ipv4Header header() {
            return Ipv4Header.parse(ByteBuffer.wrap(ip));
        }

        /** The whole packet parsed (not for a fragment past the first). */
        IpPacket packet() {
            return IpPacket.parse(ByteBuffer.wrap(ip));
        }

        boolean isTcp() {
            return (ip[9] & 0xff) == 6;
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

    /** Starts capturing on {@code target}'s own interface, inside its namespace. */
    static Capture on(Lab lab, LabTarget target) {
        List<String> command = lab.inTarget(target, Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                PortolanLauncher.NATIVE_ACCESS, "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), WireCapture.class.getName(), LabTarget.INTERFACE);
        try {
            return new Capture(new ProcessBuilder(command).start());
        } catch (IOException e) {
            throw new AssertionError("cannot start the capture: " + e.getMessage(), e);
        }
    }

    /** Stops the capture and returns every IPv4 packet it saw, in order. */
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
            if (f.incoming() && f.isTcp() && !f.header().isFragment()) {
                IpPacket p = f.packet();
                if (p.upper() instanceof TcpHeader tcp && tcp.syn() && !tcp.ack()) {
                    syns.add(p);
                }
            }
        }
        return syns;
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
