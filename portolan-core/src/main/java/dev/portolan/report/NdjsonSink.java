package dev.portolan.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.portolan.result.HostResult;
import dev.portolan.result.ScanMeta;
import dev.portolan.result.ScanSummary;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Newline-delimited JSON ({@code --ndjson}): a {@code "type":"scan"} line, one {@code "type":"host"} line per host as
 * it finishes, a {@code "type":"summary"} line last. Every line is a complete JSON object.
 */
final class NdjsonSink extends StreamingSink {
    private final JsonGenerator json;

    NdjsonSink(OutputStream stream, ReportOptions options) throws IOException {
        super(stream, options);
        this.json = new JsonFactory().createGenerator(out);
        json.setPrettyPrinter(null);
        json.setRootValueSeparator(null);
        json.configure(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT, false);
        // ending a line hands the generator's buffer on; reaching the stream is flush()'s job (once per batch)
        json.configure(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM, false);
    }

    @Override
    void writeHeader(ScanMeta meta) throws IOException {
        json.writeStartObject();
        json.writeStringField("type", "scan");
        JsonFields.meta(json, meta);
        endLine();
    }

    @Override
    void writeHost(HostResult host) throws IOException {
        json.writeStartObject();
        json.writeStringField("type", "host");
        JsonFields.host(json, host, rule.ports(host));
        endLine();
    }

    @Override
    void writeTrailer(ScanSummary summary) throws IOException {
        json.writeStartObject();
        json.writeStringField("type", "summary");
        JsonFields.summary(json, summary);
        endLine();
    }

    /** Ends the object and its line; the generator's root separator is replaced by this newline. */
    private void endLine() throws IOException {
        json.writeEndObject();
        json.flush();
        out.write('\n');
    }

    @Override
    void flush() throws IOException {
        json.flush();
        out.flush();
    }

    @Override
    void release() throws IOException {
        try {
            json.close();
        } finally {
            super.release();
        }
    }
}
