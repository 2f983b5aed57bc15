package dev.portolan.lab.bench;

/** A bad command line for {@code ./bench}; the message names the offending token. */
public final class BenchUsageException extends IllegalArgumentException {
    public BenchUsageException(String message) {
        super(message);
    }
}
