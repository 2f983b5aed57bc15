package dev.portolan.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * The report formats of {@code portolan scan}, each a streaming {@link ResultSink}. Described field by field in
 * docs/output-formats.md.
 */
public enum ReportFormat {
    /** nmap's normal output as a file ({@code -oN}): '#' lines frame the host reports. */
    NORMAL("-oN", "nmap"),
    /** The same host reports for the screen: "Starting ..." and "... done:" lines instead of '#' lines. */
    TERMINAL(null, null),
    /** nmap's XML ({@code -oX}), valid against nmap.dtd. */
    XML("-oX", "xml"),
    /** nmap's grepable output ({@code -oG}). */
    GREPABLE("-oG", "gnmap"),
    /** One JSON document ({@code -oJ}). */
    JSON("-oJ", "json"),
    /** One JSON object per line ({@code --ndjson}). */
    NDJSON("--ndjson", "ndjson"),
    /** RFC 4180 CSV, one row per listed port ({@code -oC}). */
    CSV("-oC", "csv");

    private final String option;
    private final String extension;

    ReportFormat(String option, String extension) {
        this.option = option;
        this.extension = extension;
    }

    /** The command-line option that selects the format ("-oX"); empty for the terminal. */
    public Optional<String> option() {
        return Optional.ofNullable(option);
    }

    /** The file extension nmap's {@code -oA} uses ("xml", "gnmap", "nmap"); empty for the terminal. */
    public Optional<String> extension() {
        return Optional.ofNullable(extension);
    }

    /**
     * A sink writing this format to {@code out}. The sink flushes after every host and closes {@code out} when it
     * is closed, except {@link System#out} and {@link System#err}, which it only flushes.
     */
    public ResultSink open(OutputStream out, ReportOptions options) throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(options, "options");
        return switch (this) {
            case NORMAL -> new NormalSink(out, options, false);
            case TERMINAL -> new NormalSink(out, options, true);
            case XML -> new XmlSink(out, options);
            case GREPABLE -> new GrepableSink(out, options);
            case JSON -> new JsonSink(out, options);
            case NDJSON -> new NdjsonSink(out, options);
            case CSV -> new CsvSink(out, options);
        };
    }

    /** The factory as a static call: {@code ReportFormat.open(ReportFormat.XML, out, options)}. */
    public static ResultSink open(ReportFormat format, OutputStream out, ReportOptions options) throws IOException {
        return Objects.requireNonNull(format, "format").open(out, options);
    }
}
