package dev.portolan.result;

/** nmap's six port states, with nmap's names. */
public enum PortState {
    OPEN("open"),
    CLOSED("closed"),
    FILTERED("filtered"),
    UNFILTERED("unfiltered"),
    OPEN_FILTERED("open|filtered"),
    CLOSED_FILTERED("closed|filtered");

    private final String label;

    PortState(String label) {
        this.label = label;
    }

    /** The name nmap prints and writes in XML ("open|filtered"). */
    public String label() {
        return label;
    }

    /** The state named {@code label}, as nmap writes it. */
    public static PortState fromLabel(String label) {
        for (PortState s : values()) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown port state: " + label);
    }

    @Override
    public String toString() {
        return label;
    }
}
