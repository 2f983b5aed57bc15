package dev.portolan.technique.discovery;

import java.util.ArrayList;
import java.util.List;

/**
 * Which IP probes a host still waiting for an answer gets in each pass of a round. The first pass sends one probe
 * (ICMP echo when it is among them, else the first named); from the second pass on the others follow, and every
 * probe goes out {@code sends} times at most, as many as before staging. Most live hosts answer the first probe
 * and never get the others.
 */
final class ProbeStages {
    private final List<List<PingProbe>> byPass;

    private ProbeStages(List<List<PingProbe>> byPass) {
        this.byPass = byPass;
    }

    /** Stages for {@code probes} (none: no IP probe at all), each sent at most {@code sends} times (1 or more). */
    static ProbeStages of(List<PingProbe> probes, int sends) {
        if (sends < 1) {
            throw new IllegalArgumentException("each probe is sent at least once, not " + sends);
        }
        if (probes.isEmpty()) {
            return new ProbeStages(List.of());
        }
        int lead = 0;
        for (int k = 0; k < probes.size(); k++) {
            if (probes.get(k).kind() == PingKind.ECHO) {
                lead = k;
                break;
            }
        }
        int passes = probes.size() == 1 ? sends : sends + 1;
        List<List<PingProbe>> byPass = new ArrayList<>();
        for (int pass = 0; pass < passes; pass++) {
            List<PingProbe> in = new ArrayList<>();
            for (int k = 0; k < probes.size(); k++) {
                int first = k == lead ? 0 : 1;
                if (pass >= first && pass < first + sends) {
                    in.add(probes.get(k));
                }
            }
            byPass.add(List.copyOf(in));
        }
        return new ProbeStages(List.copyOf(byPass));
    }

    /** How many passes send IP probes: one more than {@code sends} when there are probes to hold back. */
    int passes() {
        return byPass.size();
    }

    /** The probes of pass {@code pass}, in the order named; empty past the last pass. */
    List<PingProbe> in(int pass) {
        return pass < byPass.size() ? byPass.get(pass) : List.of();
    }
}
