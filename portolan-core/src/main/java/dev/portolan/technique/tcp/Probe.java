package dev.portolan.technique.tcp;

/** One connect attempt in flight: which (host, port), which try, and when it times out. */
final class Probe {
    final int host;
    final int port;
    final int attempt;
    final long sentAt;
    final long deadline;
    /** After this the probe is presumed lost: it no longer counts against the windows, only against sockets. */
    final long lostAt;
    /** When the shell really called connect; the round trip is measured from here. */
    long launchedAt;
    /** Set once the probe was answered, timed out or aborted; the scheduler then forgets it. */
    boolean done;
    /** Counted in the windows (sent and not yet presumed lost). */
    boolean inPipe;
    /** The I/O shell's handle (its socket channel); the scheduler never looks at it. */
    Object io;
    /** The descriptor of the probe's socket in a native lane, -1 when none is open; not the scheduler's. */
    int fd = -1;
    /** The TTL of the packet that answered (SYN scan), 0 when unknown; not the scheduler's. */
    int replyTtl;
    /** Which I/O lane owns the probe's socket; the scheduler never looks at it. */
    int lane;

    Probe(int host, int port, int attempt, long sentAt, long deadline, long lostAt) {
        this.host = host;
        this.port = port;
        this.attempt = attempt;
        this.sentAt = sentAt;
        this.launchedAt = sentAt;
        this.deadline = deadline;
        this.lostAt = lostAt;
    }

    @Override
    public String toString() {
        return "Probe[host=" + host + " port=" + port + " attempt=" + attempt + "]";
    }
}
