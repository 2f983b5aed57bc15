package dev.portolan.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The destination of one routing-table entry: a network address and a prefix length (0 for a default route).
 * Host bits beyond the length are cleared, so two entries for the same network are equal.
 */
public record RoutePrefix(byte[] network, int length) {

    public RoutePrefix {
        network = network.clone();
        if (network.length != 4 && network.length != 16) {
            throw new IllegalArgumentException("a route prefix has 4 or 16 bytes, not " + network.length);
        }
        if (length < 0 || length > network.length * 8) {
            throw new IllegalArgumentException("prefix length " + length + " out of range for " + network.length
                    + " bytes");
        }
        for (int bit = length; bit < network.length * 8; bit++) {
            network[bit >>> 3] &= (byte) ~(0x80 >>> (bit & 7));
        }
    }

    public static RoutePrefix of(byte[] network, int length) {
        return new RoutePrefix(network, length);
    }

    /** "198.51.100.0/24" or "2001:db8::/32". */
    public static RoutePrefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a prefix (no '/'): " + text);
        }
        try {
            return of(InetAddress.ofLiteral(text.substring(0, slash)).getAddress(),
                    Integer.parseInt(text.substring(slash + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a prefix: " + text + " (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    /** Whether this is an IPv4 prefix. */
    public boolean ipv4() {
        return network.length == 4;
    }

    /** Whether {@code address} (4 or 16 bytes) lies in this prefix; another family never does. */
    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int whole = length >>> 3;
        for (int i = 0; i < whole; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = length & 7;
        return rest == 0 || ((address[whole] ^ network[whole]) & (0xff00 >>> rest) & 0xff) == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoutePrefix p && p.length == length && Arrays.equals(p.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + length;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + length;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
