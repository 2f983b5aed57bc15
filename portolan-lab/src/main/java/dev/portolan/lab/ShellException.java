package dev.portolan.lab;

import java.util.List;

/** A command failed or timed out; the message carries the command line and its stderr. */
public final class ShellException extends LabException {
    private final List<String> command;
    private final int exitCode;
    private final String stderr;

    ShellException(List<String> command, int exitCode, String stderr, String message) {
        super(message);
        this.command = List.copyOf(command);
        this.exitCode = exitCode;
        this.stderr = stderr;
    }

    static ShellException failed(Shell.Result result) {
        return new ShellException(result.command(), result.exitCode(), result.stderr(),
                "command failed (exit " + result.exitCode() + "): " + Shell.render(result.command())
                        + (result.stderr().isBlank() ? "" : ": " + result.stderr().strip()));
    }

    static ShellException timedOut(List<String> command, java.time.Duration timeout, String stderr) {
        return new ShellException(command, -1, stderr,
                "command timed out after " + human(timeout) + ": " + Shell.render(command)
                        + (stderr.isBlank() ? "" : ": " + stderr.strip()));
    }

    private static String human(java.time.Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }

    public List<String> command() {
        return command;
    }

    /** The exit code, or -1 when the command timed out or could not start. */
    public int exitCode() {
        return exitCode;
    }

    public String stderr() {
        return stderr;
    }
}
