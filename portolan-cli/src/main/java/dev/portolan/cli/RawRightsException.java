package dev.portolan.cli;

/** A raw technique asked for without raw-socket rights: one line, and the scan does not run (exit code 3). */
final class RawRightsException extends RuntimeException {
    RawRightsException(String message) {
        super(message);
    }
}
