package dev.portolan.technique.discovery;

import dev.portolan.target.Target;
import dev.portolan.target.TargetSet;
import java.net.InetAddress;
import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * Some hosts of a target set as a sweep takes them: a host is made only when asked for, and an IPv4 host's address
 * bits are read without making it, so a /16 is not 65 536 hosts made before its first probe leaves.
 */
final class TargetHosts extends AbstractList<InetAddress> implements RandomAccess {
    private final TargetSet targets;
    private final long first;
    private final int[] offsets;
    private final int size;

    /** The hosts at {@code first + offsets[i]} of {@code targets}, for i below {@code size}. */
    TargetHosts(TargetSet targets, long first, int[] offsets, int size) {
        Objects.checkFromIndexSize(0, size, offsets.length);
        this.targets = targets;
        this.first = first;
        this.offsets = offsets;
        this.size = size;
    }

    @Override
    public InetAddress get(int i) {
        return target(i).address();
    }

    @Override
    public int size() {
        return size;
    }

    /** Host {@code i}, made now. */
    Target target(int i) {
        return targets.get(index(i));
    }

    boolean isIpv4(int i) {
        return index(i) < targets.ipv4Size();
    }

    /** The 32 bits of IPv4 host {@code i}'s address. */
    int ipv4Bits(int i) {
        return targets.ipv4Bits(index(i));
    }

    private long index(int i) {
        Objects.checkIndex(i, size);
        return first + offsets[i];
    }
}
