package dev.portolan.cli;

import dev.portolan.report.ReportFormat;
import dev.portolan.report.ReportOptions;
import dev.portolan.report.ResultSink;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The report sinks that the -o options ask for, plus normal output on the terminal. */
final class Outputs implements AutoCloseable {
    private final List<ResultSink> sinks;
    private final List<OutputStream> streams;
    private final boolean usesStdout;

    private Outputs(List<ResultSink> sinks, List<OutputStream> streams, boolean usesStdout) {
        this.sinks = sinks;
        this.streams = streams;
        this.usesStdout = usesStdout;
    }

    static Outputs open(ScanCommand.OutputGroup o, ReportOptions options, PrintWriter terminal) throws IOException {
        List<Destination> wanted = new ArrayList<>();
        add(wanted, ReportFormat.NORMAL, o.normal);
        add(wanted, ReportFormat.XML, o.xml);
        add(wanted, ReportFormat.GREPABLE, o.grepable);
        add(wanted, ReportFormat.JSON, o.json);
        add(wanted, ReportFormat.NDJSON, o.ndjson);
        add(wanted, ReportFormat.CSV, o.csv);
        if (o.all != null) {
            add(wanted, ReportFormat.NORMAL, o.all + ".nmap");
            add(wanted, ReportFormat.XML, o.all + ".xml");
            add(wanted, ReportFormat.GREPABLE, o.all + ".gnmap");
        }
        boolean toStdout = wanted.stream().anyMatch(d -> d.path().equals("-"));
        List<ResultSink> sinks = new ArrayList<>();
        List<OutputStream> streams = new ArrayList<>();
        OutputStream stdout = new KeepOpen(System.out);
        if (!toStdout) {
            // Normal output on the terminal unless another format took stdout, as nmap does.
            sinks.add(ReportFormat.TERMINAL.open(new WriterStream(terminal), options));
        }
        for (Destination d : wanted) {
            OutputStream stream;
            if (d.path().equals("-")) {
                stream = stdout;
            } else {
                try {
                    stream = Files.newOutputStream(Path.of(d.path()));
                } catch (IOException | RuntimeException e) {
                    closeAll(streams);
                    throw new UsageException("cannot write " + d.path() + ": " + Main.describe(e));
                }
                streams.add(stream);
            }
            sinks.add(d.format().open(stream, options));
        }
        return new Outputs(sinks, streams, toStdout);
    }

    private static void add(List<Destination> wanted, ReportFormat format, String path) {
        if (path != null) {
            wanted.add(new Destination(format, path));
        }
    }

    List<ResultSink> sinks() {
        return sinks;
    }

    /** True when a report format writes to standard output, so nothing else may. */
    boolean usesStdout() {
        return usesStdout;
    }

    @Override
    public void close() {
        closeAll(streams);
        System.out.flush();
    }

    private static void closeAll(List<OutputStream> streams) {
        for (OutputStream s : streams) {
            try {
                s.close();
            } catch (IOException ignored) {
                // The sink already reported a failed write; closing cannot add anything useful.
            }
        }
    }

    private record Destination(ReportFormat format, String path) {
    }

    /** Standard output shared by several sinks: closing a sink must not close it. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** The terminal is a PrintWriter (tests capture it); sinks write bytes. */
    private static final class WriterStream extends OutputStream {
        private final PrintWriter writer;
        private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

        WriterStream(PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) {
            pending.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            pending.write(b, off, len);
        }

        @Override
        public void flush() {
            writer.write(pending.toString(java.nio.charset.StandardCharsets.UTF_8));
            pending.reset();
            writer.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }
}
