package dev.portolan.technique.udp;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One datagram the UDP scan sends to the ports it is meant for, so that a service there answers.
 *
 * @param name a short name ("dns-version-bind"), unique in its file
 * @param ports the ports it is sent to
 * @param bytes what is sent (a copy is kept)
 * @param source where it was defined ("udp-payloads:10", "/etc/mine:3")
 */
public record UdpPayload(String name, List<Integer> ports, byte[] bytes, String source) {

    /** The largest UDP payload over IPv4. */
    public static final int MAX_SIZE = 65_507;

    public UdpPayload {
        Objects.requireNonNull(name, "name");
        ports = List.copyOf(ports);
        bytes = bytes.clone();
        Objects.requireNonNull(source, "source");
        if (bytes.length > MAX_SIZE) {
            throw new IllegalArgumentException(name + ": " + bytes.length + " bytes, at most " + MAX_SIZE);
        }
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The bytes without a copy, for the sender. */
    byte[] shared() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UdpPayload p && name.equals(p.name) && ports.equals(p.ports)
                && Arrays.equals(bytes, p.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, ports, Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
        return "UdpPayload[" + name + " " + ports + " " + HexFormat.of().formatHex(bytes) + "]";
    }
}
