package dev.portolan.target;

/** Transport protocols a port belongs to, with nmap's lower-case names. */
public enum Protocol {
    TCP("tcp"), UDP("udp"), SCTP("sctp");

    private final String label;

    Protocol(String label) {
        this.label = label;
    }

    /** The lower-case name used in every report format ("tcp"). */
    public String label() {
        return label;
    }

    /** The protocol named {@code label} as reports write it ("tcp"). */
    public static Protocol fromLabel(String label) {
        for (Protocol p : values()) {
            if (p.label.equals(label)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown protocol \"" + label + "\"");
    }

    @Override
    public String toString() {
        return label;
    }
}
