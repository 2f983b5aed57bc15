package dev.portolan.result;

/** Whether a host answered, with nmap's names. */
public enum HostStatus {
    UP("up"), DOWN("down"), UNKNOWN("unknown");

    private final String label;

    HostStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
