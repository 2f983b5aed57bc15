package dev.portolan.api;

/** Facts about the library itself. */
public final class Portolan {
    /** The version written into every report. */
    public static final String VERSION = "0.1.0";
    /** The scanner name written into every report. */
    public static final String NAME = "portolan";

    private Portolan() {
    }
}
