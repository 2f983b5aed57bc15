package dev.portolan.cli;

import java.io.PrintStream;

/**
 * The terminal shared by the progress bar and everything printed while it runs. The bar lives on the last line;
 * a host report or a warning first erases it, is printed, and the bar is drawn again below it, so lines are
 * never interleaved with the bar. Only carriage returns and spaces are used, no ANSI codes.
 */
final class Screen {
    /** Columns the bar leaves free at its end: the terminal echoes Ctrl-C there as "^C", which erasing clears. */
    static final int ECHO_ROOM = 2;

    private final PrintStream barStream;
    private String bar = "";
    private int drawnWidth;
    private boolean stopped;

    /** A screen whose bar, if any, is drawn on {@code barStream} (standard error). */
    Screen(PrintStream barStream) {
        this.barStream = barStream;
    }

    /** Runs {@code print}, which writes whole lines and flushes them, with the bar out of the way. */
    synchronized void print(Runnable print) {
        boolean shown = drawnWidth > 0;
        erase();
        try {
            print.run();
        } finally {
            if (shown && !stopped) {
                draw(bar);
            }
        }
    }

    /** Draws the bar over its previous version. */
    synchronized void drawBar(String text) {
        if (stopped) {
            return;
        }
        bar = text.replace('\r', ' ').replace('\n', ' ');
        draw(bar);
    }

    /** Erases the bar for good: after this, only lines are printed. */
    synchronized void stopBar() {
        erase();
        stopped = true;
    }

    private void draw(String text) {
        StringBuilder line = new StringBuilder("\r").append(text);
        // Spaces over what is left of a longer previous bar, then back to the bar's end.
        line.repeat(' ', Math.max(0, drawnWidth - text.length()));
        barStream.print(line);
        barStream.flush();
        drawnWidth = Math.max(text.length(), 1);
    }

    private void erase() {
        if (drawnWidth > 0) {
            barStream.print("\r" + " ".repeat(drawnWidth + ECHO_ROOM) + "\r");
            barStream.flush();
            drawnWidth = 0;
        }
    }
}
