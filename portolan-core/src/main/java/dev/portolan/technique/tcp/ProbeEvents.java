package dev.portolan.technique.tcp;

/** What a {@link ProbeScheduler} decided: a port or a host became final. */
interface ProbeEvents {

    void portFinal(int host, int portIndex, Outcome outcome);

    /** Every port of the host is final, or the host was cut short by --host-timeout. */
    void hostFinal(int host, boolean timedOut);
}
