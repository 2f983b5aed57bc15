package dev.portolan.lab.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The summary at the end of Portolan's JSON report: what the engine itself counted, read without loading the hosts
 * (a sweep's report holds 131 072 of them).
 *
 * @param probesSent every probe sent, retries included
 * @param probesRetried probes sent again
 * @param probesUnanswered probes unanswered after the last retry
 * @param elapsedMillis the scan's own wall time, without the JVM's start
 */
record PortolanSummary(long probesSent, long probesRetried, long probesUnanswered, long elapsedMillis) {

    /** Probes sent per second of the scan. */
    double rate() {
        return elapsedMillis <= 0 ? 0 : probesSent * 1000.0 / elapsedMillis;
    }

    /** The summary of {@code json}, or empty when the file is missing, cut short or has none. */
    static Optional<PortolanSummary> read(Path json) {
        try (JsonParser p = new JsonFactory().createParser(json.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("summary")) {
                    return Optional.of(summary(p));
                }
                p.skipChildren();
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static PortolanSummary summary(JsonParser p) throws IOException {
        long sent = -1;
        long retried = 0;
        long unanswered = 0;
        long elapsed = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "probes_sent" -> sent = p.getLongValue();
                case "probes_retried" -> retried = p.getLongValue();
                case "probes_unanswered" -> unanswered = p.getLongValue();
                case "elapsed_ms" -> elapsed = p.getLongValue();
                default -> p.skipChildren();
            }
        }
        if (sent < 0 || elapsed < 0) {
            throw new IOException("summary without probes_sent or elapsed_ms");
        }
        return new PortolanSummary(sent, retried, unanswered, elapsed);
    }
}
