package dev.portolan.service.detect;

/**
 * One host's smoothed round-trip time for version detection, shared by its ports: seeded from the port scan when it
 * measured one, refined by every probe answer (RFC 6298's smoothing, gain 1/8). Thread-safe.
 */
final class HostRtt {
    private long srttMicros;
    private boolean measured;

    HostRtt(long srttMicros) {
        this.srttMicros = Math.max(0, srttMicros);
        this.measured = srttMicros > 0;
    }

    synchronized long micros() {
        return srttMicros;
    }

    synchronized void sample(long micros) {
        if (micros <= 0) {
            return;
        }
        srttMicros = measured ? srttMicros + (micros - srttMicros) / 8 : micros;
        measured = true;
    }
}
