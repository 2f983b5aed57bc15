package dev.portolan.result;

/**
 * The round-trip estimate for a host at the end of its scan, in microseconds, as nmap's {@code <times>}.
 *
 * @param srttMicros smoothed round-trip time
 * @param rttvarMicros round-trip variance
 * @param timeoutMicros the probe timeout derived from them
 */
public record HostTimes(long srttMicros, long rttvarMicros, long timeoutMicros) {
}
