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

    @Override
    public String toString() {
        return label;
    }
}
