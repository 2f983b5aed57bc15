package dev.portolan.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.portolan.result.HostResult;
import dev.portolan.result.ScanMeta;
import dev.portolan.result.ScanSummary;
import java.io.IOException;
import java.io.OutputStream;

/**
 * One JSON document ({@code -oJ}), written as the scan goes: the {@code hosts} array opens in {@link #open} and
 * closes in {@link #close(ScanSummary)}, so an interrupted scan still yields a complete document.
 */
final class JsonSink extends StreamingSink {
    private final JsonGenerator json;

    JsonSink(OutputStream stream, ReportOptions options) throws IOException {
        super(stream, options);
        this.json = new JsonFactory().createGenerator(out);
        json.setPrettyPrinter(prettyPrinter());
    }

    /** Two-space indent, '\n' line ends on every platform, "key": value, [] and {} when empty. */
    static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        return new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
    }

    @Override
    void writeHeader(ScanMeta meta) throws IOException {
        json.writeStartObject();
        JsonFields.meta(json, meta);
        json.writeArrayFieldStart("hosts");
    }

    @Override
    void writeHost(HostResult host) throws IOException {
        json.writeStartObject();
        JsonFields.host(json, host, rule.ports(host));
        json.writeEndObject();
    }

    @Override
    void writeTrailer(ScanSummary summary) throws IOException {
        json.writeEndArray();
        json.writeObjectFieldStart("summary");
        JsonFields.summary(json, summary);
        json.writeEndObject();
        json.writeEndObject();
        json.writeRaw('\n');
    }

    @Override
    void flush() throws IOException {
        json.flush();
    }

    /** Closing the generator also closes any array or object left open, so even this path leaves valid JSON. */
    @Override
    void release() throws IOException {
        try {
            json.close();
        } finally {
            super.release();
        }
    }
}
