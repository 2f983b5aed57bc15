package dev.portolan.technique.tcp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one lane's sockets found since the job last heard from it, gathered without the job's lock and handed over
 * under it in one go. Answers are timed where they were seen, not when the job hears of them.
 */
final class LaneResults {
    private Probe[] probes = new Probe[256];
    /** The outcome's code, or 0 for a probe that never left and goes again. */
    private byte[] codes = new byte[256];
    private long[] times = new long[256];
    private int size;
    private final List<String> shortages = new ArrayList<>();
    private final List<String> oddErrors = new ArrayList<>();

    /** {@code p} found {@code outcome} at {@code at}. */
    void answered(Probe p, Outcome outcome, long at) {
        add(p, outcome.code(), at);
    }

    /** {@code p}'s connect failed in a way nobody expects ({@code message}): a filtered port and a warning. */
    void unexpected(Probe p, String message, long at) {
        oddErrors.add(message);
        add(p, Outcome.UNKNOWN_ERROR.code(), at);
    }

    /** {@code p} never reached the target: it goes again; {@code shortage} says what ran out, if anything. */
    void unsent(Probe p, String shortage) {
        if (shortage != null) {
            shortages.add(shortage);
        }
        add(p, (byte) 0, 0);
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Local resources that ran out since the last hand-over. */
    List<String> shortages() {
        return shortages;
    }

    /** Unexpected connect errors since the last hand-over. */
    List<String> oddErrors() {
        return oddErrors;
    }

    /** Under the job's lock: tells {@code job} every result, at {@code now} for the probes put back, and forgets. */
    void handOver(ProbeScheduler job, long now) {
        for (int i = 0; i < size; i++) {
            Outcome o = Outcome.ofCode(codes[i]);
            if (o == null) {
                job.unsent(probes[i], now);
            } else {
                job.answered(probes[i], o, times[i]);
            }
            probes[i] = null;
        }
        size = 0;
        shortages.clear();
        oddErrors.clear();
    }

    private void add(Probe p, byte code, long at) {
        if (size == probes.length) {
            probes = Arrays.copyOf(probes, size * 2);
            codes = Arrays.copyOf(codes, size * 2);
            times = Arrays.copyOf(times, size * 2);
        }
        probes[size] = p;
        codes[size] = code;
        times[size] = at;
        size++;
    }
}
