package dev.portolan.cli;

/** The exit codes of the portolan command, as documented in the README. */
public final class ExitCode {
    /** The scan ran to the end. */
    public static final int OK = 0;
    /** The scan ran, but some targets failed: a name did not resolve or a host timed out. */
    public static final int SOME_TARGETS_FAILED = 1;
    /** The command line was wrong: a bad option, target or port list, a missing file. */
    public static final int USAGE = 2;
    /** The scan could not run or could not write its results. */
    public static final int FAILED = 3;
    /** The user interrupted the scan (Ctrl-C); what was found so far was written. */
    public static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
