package dev.portolan.cli;

import dev.portolan.service.detect.VersionOptions;
import dev.portolan.service.probe.VersionIntensity;
import java.time.Duration;
import java.util.Optional;

/** The -sV options as one {@link VersionOptions}, checked the way nmap checks them. */
final class VersionChoice {
    private VersionChoice() {
    }

    /** The options when -sV or -A was given; a bad combination is a one-line usage error. */
    static Optional<VersionOptions> of(ScanCommand.VersionGroup v) {
        boolean tuned = v.intensity != null || v.light || v.all || v.minWait != null || v.ownOnly;
        if (!v.enabled && !v.aggressive) {
            if (tuned) {
                throw new UsageException("--version-* and --no-nmap-probes only mean something with -sV (or -A)");
            }
            return Optional.empty();
        }
        if ((v.light ? 1 : 0) + (v.all ? 1 : 0) + (v.intensity != null ? 1 : 0) > 1) {
            throw new UsageException("--version-light, --version-all and --version-intensity: give one of them");
        }
        VersionOptions options = VersionOptions.DEFAULT.withNmapProbes(!v.ownOnly);
        if (v.intensity != null) {
            if (v.intensity < 0 || v.intensity > 9) {
                throw new UsageException("--version-intensity " + v.intensity + ": must be 0 to 9");
            }
            options = options.withIntensity(new VersionIntensity(v.intensity));
        } else if (v.light) {
            options = options.withIntensity(VersionIntensity.LIGHT);
        } else if (v.all) {
            options = options.withIntensity(VersionIntensity.ALL);
        }
        if (v.minWait != null) {
            Duration wait = v.minWait;
            if (wait.isZero() || wait.compareTo(options.portBudget()) > 0) {
                throw new UsageException("--version-wait " + wait.toMillis() + "ms: must be above 0 and at most "
                        + options.portBudget().toSeconds() + "s");
            }
            options = new VersionOptions(options.intensity(), options.nmapProbes(), wait, options.portBudget(),
                    options.parallelism(), options.checkTlsVersions());
        }
        return Optional.of(options);
    }
}
