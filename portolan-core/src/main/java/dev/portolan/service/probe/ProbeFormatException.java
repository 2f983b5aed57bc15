package dev.portolan.service.probe;

/** A signature file that does not parse; the message is one line naming the file and the line number. */
public final class ProbeFormatException extends IllegalArgumentException {
    public ProbeFormatException(String file, int line, String what) {
        super(file + " line " + line + ": " + what);
    }
}
