package dev.portolan.report;

import dev.portolan.target.Addresses;
import dev.portolan.target.Target;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.Set;

/**
 * The hosts a sink has already been given, so that each is written once. Plain IPv4 targets (the bulk of any sweep)
 * are bits in a bitmap allocated per /16 on first use: a /8 costs 2 MiB, the whole IPv4 space at most 512 MiB.
 */
public final class SeenHosts {
    private static final int WORDS_PER_16 = (1 << 16) / 64;

    private long[][] ipv4;
    private final Set<Target> others = new HashSet<>();
    private final Set<InetAddress> otherAddresses = new HashSet<>();

    /** Records {@code target}; false when it was seen before. */
    public boolean add(Target target) {
        if (target.userName().isEmpty() && target.address() instanceof Inet4Address v4) {
            return addIpv4(Addresses.ipv4Value(v4));
        }
        return others.add(target);
    }

    /** Records {@code address} whatever name it was given; false when it was seen before. */
    public boolean add(InetAddress address) {
        if (address instanceof Inet4Address v4) {
            return addIpv4(Addresses.ipv4Value(v4));
        }
        return otherAddresses.add(address);
    }

    private boolean addIpv4(long value) {
        if (ipv4 == null) {
            ipv4 = new long[1 << 16][];
        }
        int high = (int) (value >>> 16);
        int low = (int) (value & 0xffff);
        long[] words = ipv4[high];
        if (words == null) {
            words = new long[WORDS_PER_16];
            ipv4[high] = words;
        }
        long bit = 1L << (low & 63);
        if ((words[low >>> 6] & bit) != 0) {
            return false;
        }
        words[low >>> 6] |= bit;
        return true;
    }
}
