package dev.portolan.cli;

import dev.portolan.api.ScanListener;
import java.io.PrintWriter;

/** Prints warnings as single lines on stderr and remembers whether any target failed. */
final class Warnings implements ScanListener {
    private final PrintWriter err;
    private final boolean quiet;
    private volatile boolean targetsFailed;

    Warnings(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    @Override
    public void warning(String message) {
        warn(message);
    }

    void warn(String message) {
        if (!quiet) {
            synchronized (err) {
                err.println("Warning: " + message);
                err.flush();
            }
        }
    }

    /** A target name that did not resolve: warned about, the rest is scanned, the exit code says 1. */
    void unresolved(String name) {
        targetsFailed = true;
        warn("failed to resolve \"" + name + "\"; scanning the other targets");
    }

    boolean targetsFailed() {
        return targetsFailed;
    }
}
