package dev.portolan.engine;

/** A clock the test moves by hand. */
public final class FakeClock implements Clock {
    private long now;

    public FakeClock() {
        this(1_000_000_000L);
    }

    public FakeClock(long start) {
        this.now = start;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    public void advanceNanos(long nanos) {
        now += nanos;
    }

    public void advanceMillis(long millis) {
        now += millis * 1_000_000L;
    }
}
