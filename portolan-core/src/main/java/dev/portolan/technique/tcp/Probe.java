package dev.portolan.technique.tcp;

/** One connect attempt in flight: which (host, port), which try, and when it times out. */
final class Probe {
    final int host;
    final int port;
    final int attempt;
    final long sentAt;
    final long deadline;
    /** Set once the probe was answered, timed out or aborted; the scheduler then forgets it. */
    boolean done;
    /** The I/O shell's handle (its socket channel); the scheduler never looks at it. */
    Object io;

    Probe(int host, int port, int attempt, long sentAt, long deadline) {
        this.host = host;
        this.port = port;
        this.attempt = attempt;
        this.sentAt = sentAt;
        this.deadline = deadline;
    }

    @Override
    public String toString() {
        return "Probe[host=" + host + " port=" + port + " attempt=" + attempt + "]";
    }
}
