package dev.portolan.lab;

/** The lab could not be built, used or torn down; the message says which step and why. */
public class LabException extends RuntimeException {
    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
