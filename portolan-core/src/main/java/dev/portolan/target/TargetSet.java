package dev.portolan.target;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * An ordered, duplicate-free set of hosts that is read by index, so that a /8 never sits in memory as a list.
 * (Placeholder body: the parser issue replaces the list with interval arithmetic.)
 */
public final class TargetSet {
    private final List<Target> targets;

    private TargetSet(List<Target> targets) {
        this.targets = targets;
    }

    public static TargetSet of(Collection<Target> targets) {
        return new TargetSet(List.copyOf(new ArrayList<>(new java.util.LinkedHashSet<>(targets))));
    }

    /** How many hosts. */
    public long size() {
        return targets.size();
    }

    /** The host at {@code index}, 0 <= index < size. */
    public Target get(long index) {
        return targets.get(Math.toIntExact(index));
    }
}
