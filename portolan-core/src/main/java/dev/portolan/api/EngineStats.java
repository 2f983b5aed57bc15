package dev.portolan.api;

/**
 * What the probe engine counted, for the summary.
 *
 * @param probesSent every probe sent, retries included
 * @param probesRetried probes sent again because the previous one went unanswered
 * @param probesUnanswered probes still unanswered after the last retry
 */
public record EngineStats(long probesSent, long probesRetried, long probesUnanswered) {
}
