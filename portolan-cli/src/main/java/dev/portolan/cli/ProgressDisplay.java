package dev.portolan.cli;

import dev.portolan.api.Progress;
import dev.portolan.api.ScanListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar with rate and ETA on the terminal; only when stdout is a terminal and not -q. */
final class ProgressDisplay implements ScanListener, AutoCloseable {
    private final ProgressBar bar;

    private ProgressDisplay(ProgressBar bar) {
        this.bar = bar;
    }

    /** A display, or null when there is no terminal, the user said -q, or a report takes stdout. */
    static ProgressDisplay forTerminal(boolean quiet, boolean reportOnStdout) {
        java.io.Console console = System.console();
        if (quiet || reportOnStdout || console == null || !console.isTerminal()) {
            return null;
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("Scanning")
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" probes", 1)
                .showSpeed()
                .setUpdateIntervalMillis(250)
                .setInitialMax(1)
                .clearDisplayOnFinish()
                .build();
        return new ProgressDisplay(bar);
    }

    @Override
    public void progress(Progress p) {
        bar.maxHint(Math.max(1, p.total()));
        bar.stepTo(p.done());
        bar.setExtraMessage(p.hostsDone() + "/" + p.hostsTotal() + " hosts");
    }

    @Override
    public void close() {
        bar.close();
    }
}
