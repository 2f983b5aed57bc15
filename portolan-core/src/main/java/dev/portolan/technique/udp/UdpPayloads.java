package dev.portolan.technique.udp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The payloads of the UDP scan by port: data, not code. The built-in set is the resource {@code udp-payloads};
 * users add files of the same format (docs/udp-payloads.md), whose payloads come after the built-in ones.
 */
public final class UdpPayloads {
    static final String RESOURCE = "udp-payloads";
    private static final byte[][] NONE = {new byte[0]};

    private final List<UdpPayload> all;
    private final Map<Integer, byte[][]> byPort = new HashMap<>();
    /** What a port without payloads gets. */
    private final byte[][] otherwise;

    private UdpPayloads(List<UdpPayload> all) {
        this(all, NONE);
    }

    private UdpPayloads(List<UdpPayload> all, byte[][] otherwise) {
        this.all = List.copyOf(all);
        this.otherwise = otherwise;
        Map<Integer, List<byte[]>> lists = new HashMap<>();
        for (UdpPayload p : all) {
            for (int port : p.ports()) {
                lists.computeIfAbsent(port, k -> new ArrayList<>()).add(p.shared());
            }
        }
        lists.forEach((port, list) -> byPort.put(port, list.toArray(byte[][]::new)));
    }

    /** The built-in set. */
    public static UdpPayloads builtin() {
        return new UdpPayloads(readBuiltin());
    }

    /** The built-in set and then every payload of {@code files}. */
    public static UdpPayloads withFiles(List<Path> files) throws IOException, UdpPayloadFormatException {
        List<UdpPayload> all = new ArrayList<>(readBuiltin());
        for (Path f : files) {
            try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                all.addAll(parse(r, f.toString()));
            }
        }
        return new UdpPayloads(all);
    }

    /** No protocol payloads: every port gets one datagram of {@code data} (--data-length's random bytes). */
    public static UdpPayloads everyPort(byte[] data) {
        return new UdpPayloads(List.of(), new byte[][] {data.clone()});
    }

    /** Only {@code payloads}: for tests. */
    public static UdpPayloads of(List<UdpPayload> payloads) {
        return new UdpPayloads(payloads);
    }

    /** Every payload, in file order. */
    public List<UdpPayload> all() {
        return all;
    }

    /** The datagrams for {@code port}: its payloads, or one empty datagram when it has none. */
    byte[][] forPort(int port) {
        return byPort.getOrDefault(port, otherwise);
    }

    /** The payload called {@code name}; for tests and docs. */
    public UdpPayload named(String name) {
        return all.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no UDP payload " + name));
    }

    /** Parses one file of the format; {@code source} names it in messages. */
    public static List<UdpPayload> parse(Reader reader, String source) throws IOException, UdpPayloadFormatException {
        return new UdpPayloadParser(source).parse(new BufferedReader(reader));
    }

    private static List<UdpPayload> readBuiltin() {
        try (InputStream in = UdpPayloads.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the built-in UDP payloads are missing from the class path");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UdpPayloadFormatException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
