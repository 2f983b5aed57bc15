package dev.portolan.cli;

import dev.portolan.api.ScanListener;
import java.io.PrintWriter;

/** Prints warnings as single lines on stderr and remembers whether any target failed. */
final class Warnings implements ScanListener {
    private final PrintWriter err;
    private final boolean quiet;
    private final Screen screen;
    private volatile boolean targetsFailed;

    Warnings(PrintWriter err, boolean quiet, Screen screen) {
        this.err = err;
        this.quiet = quiet;
        this.screen = screen;
    }

    @Override
    public void warning(String message) {
        warn(message);
    }

    void warn(String message) {
        if (!quiet) {
            screen.print(() -> {
                err.println("Warning: " + message);
                err.flush();
            });
        }
    }

    /** A target that could not be used (a name that did not resolve): the rest is scanned, the exit code says 1. */
    void targetFailed(String message) {
        targetsFailed = true;
        warn(message);
    }

    boolean targetsFailed() {
        return targetsFailed;
    }
}
