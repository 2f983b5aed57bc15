package dev.portolan.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * nmap's timing knobs as one immutable value. {@link #of(int)} gives the templates -T0..-T5 with nmap's
 * numbers; the {@code with…} methods apply the user's overrides.
 *
 * @param level 0..5, the template this started from
 * @param initialRttTimeout probe timeout before any round trip was measured
 * @param minRttTimeout lower bound of the adaptive probe timeout
 * @param maxRttTimeout upper bound of the adaptive probe timeout
 * @param maxRetries how many times an unanswered probe is sent again
 * @param scanDelay the least time between two probes to one host
 * @param maxScanDelay the most the delay may grow to when a host drops probes
 * @param hostTimeout give up a host after this long; zero means never
 * @param maxParallelism the most probes in flight at once; 0 means decided by the engine
 */
public record TimingTemplate(int level, Duration initialRttTimeout, Duration minRttTimeout, Duration maxRttTimeout,
                             int maxRetries, Duration scanDelay, Duration maxScanDelay, Duration hostTimeout,
                             int maxParallelism) {

    public TimingTemplate {
        if (level < 0 || level > 5) {
            throw new IllegalArgumentException("timing template must be 0-5, got " + level);
        }
        Objects.requireNonNull(initialRttTimeout);
        Objects.requireNonNull(minRttTimeout);
        Objects.requireNonNull(maxRttTimeout);
        Objects.requireNonNull(scanDelay);
        Objects.requireNonNull(maxScanDelay);
        Objects.requireNonNull(hostTimeout);
        if (maxRetries < 0) {
            throw new IllegalArgumentException("max retries must not be negative");
        }
    }

    private static final Duration NONE = Duration.ZERO;

    public static final TimingTemplate PARANOID = new TimingTemplate(0, Duration.ofMinutes(5), ms(100),
            Duration.ofSeconds(10), 10, Duration.ofMinutes(5), Duration.ofSeconds(1), NONE, 1);
    public static final TimingTemplate SNEAKY = new TimingTemplate(1, Duration.ofSeconds(15), ms(100),
            Duration.ofSeconds(10), 10, Duration.ofSeconds(15), Duration.ofSeconds(1), NONE, 1);
    public static final TimingTemplate POLITE = new TimingTemplate(2, Duration.ofSeconds(1), ms(100),
            Duration.ofSeconds(10), 10, ms(400), Duration.ofSeconds(1), NONE, 1);
    public static final TimingTemplate NORMAL = new TimingTemplate(3, Duration.ofSeconds(1), ms(100),
            Duration.ofSeconds(10), 10, NONE, Duration.ofSeconds(1), NONE, 0);
    public static final TimingTemplate AGGRESSIVE = new TimingTemplate(4, ms(500), ms(100), ms(1250), 6, NONE,
            ms(10), NONE, 0);
    public static final TimingTemplate INSANE = new TimingTemplate(5, ms(250), ms(50), ms(300), 2, NONE, ms(5),
            Duration.ofMinutes(15), 0);

    /** The template -T{@code level}. */
    public static TimingTemplate of(int level) {
        return switch (level) {
            case 0 -> PARANOID;
            case 1 -> SNEAKY;
            case 2 -> POLITE;
            case 3 -> NORMAL;
            case 4 -> AGGRESSIVE;
            case 5 -> INSANE;
            default -> throw new IllegalArgumentException("timing template must be 0-5, got " + level);
        };
    }

    /** nmap's name of the template ("aggressive"). */
    public String templateName() {
        return switch (level) {
            case 0 -> "paranoid";
            case 1 -> "sneaky";
            case 2 -> "polite";
            case 3 -> "normal";
            case 4 -> "aggressive";
            default -> "insane";
        };
    }

    public TimingTemplate withInitialRttTimeout(Duration d) {
        return new TimingTemplate(level, d, minRttTimeout, maxRttTimeout, maxRetries, scanDelay, maxScanDelay,
                hostTimeout, maxParallelism);
    }

    public TimingTemplate withMinRttTimeout(Duration d) {
        return new TimingTemplate(level, initialRttTimeout, d, maxRttTimeout, maxRetries, scanDelay, maxScanDelay,
                hostTimeout, maxParallelism);
    }

    public TimingTemplate withMaxRttTimeout(Duration d) {
        return new TimingTemplate(level, initialRttTimeout, minRttTimeout, d, maxRetries, scanDelay, maxScanDelay,
                hostTimeout, maxParallelism);
    }

    public TimingTemplate withMaxRetries(int n) {
        return new TimingTemplate(level, initialRttTimeout, minRttTimeout, maxRttTimeout, n, scanDelay, maxScanDelay,
                hostTimeout, maxParallelism);
    }

    public TimingTemplate withScanDelay(Duration d) {
        return new TimingTemplate(level, initialRttTimeout, minRttTimeout, maxRttTimeout, maxRetries, d,
                d.compareTo(maxScanDelay) > 0 ? d : maxScanDelay, hostTimeout, maxParallelism);
    }

    public TimingTemplate withMaxScanDelay(Duration d) {
        return new TimingTemplate(level, initialRttTimeout, minRttTimeout, maxRttTimeout, maxRetries, scanDelay, d,
                hostTimeout, maxParallelism);
    }

    public TimingTemplate withHostTimeout(Duration d) {
        return new TimingTemplate(level, initialRttTimeout, minRttTimeout, maxRttTimeout, maxRetries, scanDelay,
                maxScanDelay, d, maxParallelism);
    }

    public TimingTemplate withMaxParallelism(int n) {
        return new TimingTemplate(level, initialRttTimeout, minRttTimeout, maxRttTimeout, maxRetries, scanDelay,
                maxScanDelay, hostTimeout, n);
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
