package dev.portolan.cli;

import dev.portolan.service.detect.VersionOptions;
import dev.portolan.service.probe.NmapProbes;
import dev.portolan.service.probe.ServiceCatalog;
import dev.portolan.service.probe.VersionIntensity;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The -sV options as one {@link VersionOptions}, checked the way nmap checks them. */
final class VersionChoice {
    private VersionChoice() {
    }

    /** The options when -sV or -A was given; a bad combination is a one-line usage error. */
    static Optional<VersionOptions> of(ScanCommand.VersionGroup v) {
        boolean tuned = v.intensity != null || v.light || v.all || v.minWait != null || v.ownOnly
                || !v.signatureFiles.isEmpty();
        if (!v.enabled && !v.aggressive) {
            if (tuned) {
                throw new UsageException("--version-*, --service-probes and --no-nmap-probes only mean something with"
                        + " -sV (or -A)");
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
            options = options.withMinWait(wait);
        }
        for (Path file : v.signatureFiles) {
            checkSignatures(file);
        }
        return Optional.of(options.withSignatureFiles(v.signatureFiles));
    }

    /** Reads a user's signature file once here, so that a mistake in it is one line before the scan starts. */
    private static void checkSignatures(Path file) {
        try {
            ServiceCatalog.load(List.of(file), false, NmapProbes.DEFAULT_PATH);
        } catch (UncheckedIOException e) {
            throw new UsageException("--service-probes " + file + ": " + (e.getCause() instanceof NoSuchFileException
                    ? "no such file" : e.getCause().getMessage()));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--service-probes " + e.getMessage());
        }
    }
}
