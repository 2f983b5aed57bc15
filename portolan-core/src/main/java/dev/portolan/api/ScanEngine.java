package dev.portolan.api;

/**
 * Runs the probes of a scan and reports each port and host through the listener. One engine per technique
 * family: connect scanning now, the raw-packet engine later.
 */
public interface ScanEngine {

    /** Runs to the end or until {@link #cancel()}; calls {@code listener.hostDone} once per finished host. */
    EngineStats run(ScanConfig config, ScanListener listener);

    /** Stops sending and makes {@link #run} return soon; safe from any thread. */
    void cancel();
}
