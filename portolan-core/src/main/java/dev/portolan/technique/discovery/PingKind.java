package dev.portolan.technique.discovery;

import dev.portolan.result.Reason;

/** The kinds of discovery probe, with nmap's option letters. */
public enum PingKind {
    ECHO("PE", false),
    TIMESTAMP("PP", false),
    MASK("PM", false),
    SYN("PS", true),
    ACK("PA", true),
    UDP("PU", true),
    ARP("PR", false);

    private final String letters;
    private final boolean takesPorts;

    PingKind(String letters, boolean takesPorts) {
        this.letters = letters;
        this.takesPorts = takesPorts;
    }

    /** nmap's option without the dash: "PE", "PS". */
    public String letters() {
        return letters;
    }

    public boolean takesPorts() {
        return takesPorts;
    }

    /** The reason nmap gives a host that answered an ICMP probe of this kind. */
    Reason icmpReason() {
        return switch (this) {
            case TIMESTAMP -> Reason.TIMESTAMP_REPLY;
            case MASK -> Reason.MASK_REPLY;
            default -> Reason.ECHO_REPLY;
        };
    }
}
