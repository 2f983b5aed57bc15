package dev.portolan.engine;

/** Monotonic time for the engine, injected so tests can drive it. */
public interface Clock {

    /** Monotonic nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** The real clock. */
    Clock SYSTEM = System::nanoTime;
}
