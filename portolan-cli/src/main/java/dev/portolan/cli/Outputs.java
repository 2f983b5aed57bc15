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

    /**
     * Opens every output the options name. {@code stdout} takes reports named "-" (null: they go to
     * {@code terminal} as text); the terminal report is printed through {@code screen}, around the progress bar.
     */
    static Outputs open(ScanCommand.OutputGroup o, ReportOptions options, PrintWriter terminal, OutputStream stdout,
                        Screen screen) throws IOException {
        return open(o, options, terminal, stdout, screen,
                () -> {
                    try {
                        return ReportFormat.TERMINAL.open(new WriterStream(terminal, screen), options);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
    }

    /** As above, with {@code terminalReport} the report shown on the terminal when no file format takes stdout. */
    static Outputs open(ScanCommand.OutputGroup o, ReportOptions options, PrintWriter terminal, OutputStream stdout,
                        Screen screen, java.util.function.Supplier<ResultSink> terminalReport) throws IOException {
        List<Destination> wanted = new ArrayList<>();
        add(wanted, ReportFormat.NORMAL, "-oN", o.normal);
        add(wanted, ReportFormat.XML, "-oX", o.xml);
        add(wanted, ReportFormat.GREPABLE, "-oG", o.grepable);
        add(wanted, ReportFormat.JSON, "-oJ", o.json);
        add(wanted, ReportFormat.NDJSON, "--ndjson", o.ndjson);
        add(wanted, ReportFormat.CSV, "-oC", o.csv);
        if (o.all != null) {
            add(wanted, ReportFormat.NORMAL, "-oA", o.all + ".nmap");
            add(wanted, ReportFormat.XML, "-oA", o.all + ".xml");
            add(wanted, ReportFormat.GREPABLE, "-oA", o.all + ".gnmap");
        }
        checkDistinct(wanted);
        boolean toStdout = wanted.stream().anyMatch(d -> d.path().equals("-"));
        List<ResultSink> sinks = new ArrayList<>();
        List<OutputStream> streams = new ArrayList<>();
        OutputStream reportsOut = stdout != null ? new KeepOpen(stdout) : new WriterStream(terminal, null);
        if (!toStdout) {
            // Normal output on the terminal unless another format took stdout, as nmap does.
            sinks.add(terminalReport.get());
        }
        for (Destination d : wanted) {
            OutputStream stream;
            if (d.path().equals("-")) {
                stream = reportsOut;
            } else {
                try {
                    stream = Files.newOutputStream(Path.of(d.path()));
                } catch (IOException | RuntimeException e) {
                    closeAll(streams);
                    throw new UsageException(d.option() + " " + d.path() + ": cannot write the file: " + why(e));
                }
                streams.add(stream);
            }
            sinks.add(d.format().open(stream, options));
        }
        return new Outputs(sinks, streams, toStdout);
    }

    private static void add(List<Destination> wanted, ReportFormat format, String option, String path) {
        if (path != null) {
            wanted.add(new Destination(format, option, path));
        }
    }

    /** Two reports in one file (or both on stdout) would write over each other. */
    private static void checkDistinct(List<Destination> wanted) {
        for (int i = 0; i < wanted.size(); i++) {
            for (int j = 0; j < i; j++) {
                Destination a = wanted.get(j);
                Destination b = wanted.get(i);
                boolean same = a.path().equals("-") || b.path().equals("-")
                        ? a.path().equals(b.path())
                        : absolute(a.path()).equals(absolute(b.path()));
                if (same) {
                    throw new UsageException(b.option() + " " + b.path() + ": " + a.option() + " already writes "
                            + (a.path().equals("-") ? "to standard output" : "there"));
                }
            }
        }
    }

    private static Path absolute(String path) {
        return Path.of(path).toAbsolutePath().normalize();
    }

    private static String why(Exception e) {
        return switch (e) {
            case java.nio.file.NoSuchFileException x -> "no such directory";
            case java.nio.file.AccessDeniedException x -> "permission denied";
            case java.nio.file.FileSystemException x when x.getReason() != null -> x.getReason();
            default -> Main.describe(e);
        };
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

    private record Destination(ReportFormat format, String option, String path) {
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

    /**
     * The terminal is a PrintWriter (tests capture it); sinks write bytes and flush after whole lines, so
     * decoding at a flush never splits a character. Printed through the screen, when there is one.
     */
    private static final class WriterStream extends OutputStream {
        private final PrintWriter writer;
        private final Screen screen;
        private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

        WriterStream(PrintWriter writer, Screen screen) {
            this.writer = writer;
            this.screen = screen;
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
            if (pending.size() == 0) {
                writer.flush();
                return;
            }
            String text = pending.toString(java.nio.charset.StandardCharsets.UTF_8);
            pending.reset();
            Runnable print = () -> {
                writer.write(text);
                writer.flush();
            };
            if (screen == null) {
                print.run();
            } else {
                screen.print(print);
            }
        }

        @Override
        public void close() {
            flush();
        }
    }
}
