package dev.portolan.cli;

import dev.portolan.api.Progress;
import dev.portolan.api.ScanListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar with rate and ETA on standard error, drawn through the {@link Screen} so that host reports and
 * warnings printed meanwhile are never mixed into it. Shown only when standard error is a terminal, without -q,
 * and when no report takes standard output.
 */
final class ProgressDisplay implements ScanListener, AutoCloseable {
    private final ProgressBar bar;
    private final Screen screen;

    private ProgressDisplay(ProgressBar bar, Screen screen) {
        this.bar = bar;
        this.screen = screen;
    }

    /** A display, or null when there is no terminal, the user said -q, or a report takes stdout. */
    static ProgressDisplay forTerminal(boolean quiet, boolean reportOnStdout, Screen screen) {
        if (quiet || reportOnStdout || !Tty.isTerminal(Tty.STDERR)) {
            return null;
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("Scanning")
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" probes", 1)
                .showSpeed()
                .setUpdateIntervalMillis(250)
                .setInitialMax(1)
                .setConsumer(new OnScreen(screen))
                .clearDisplayOnFinish()
                .build();
        return new ProgressDisplay(bar, screen);
    }

    @Override
    public void progress(Progress p) {
        bar.maxHint(Math.max(1, p.total()));
        bar.stepTo(p.done());
        bar.setExtraMessage(" " + p.hostsDone() + "/" + p.hostsTotal() + " hosts");
    }

    @Override
    public void close() {
        bar.close();
        screen.stopBar();
    }

    /**
     * The bar's renderings go to the screen. Its width is the terminal's, as the library measures it, less room for
     * the echo of Ctrl-C: with a bar up to the last column, "^C" would wrap and the bar would stay behind.
     */
    private static final class OnScreen implements ProgressBarConsumer {
        private final Screen screen;
        private final ConsoleProgressBarConsumer width = new ConsoleProgressBarConsumer(System.err);

        OnScreen(Screen screen) {
            this.screen = screen;
        }

        @Override
        public int getMaxRenderedLength() {
            return Math.max(20, width.getMaxRenderedLength() - Screen.ECHO_ROOM);
        }

        @Override
        public void accept(String rendered) {
            screen.drawBar(rendered);
        }

        @Override
        public void clear() {
            screen.stopBar();
        }

        @Override
        public void close() {
            screen.stopBar();
        }
    }
}
