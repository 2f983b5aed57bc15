package dev.portolan.service.detect;

import dev.portolan.service.probe.VersionIntensity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How version detection ({@code -sV}) probes.
 *
 * @param intensity nmap's --version-intensity: which probes are sent
 * @param nmapProbes whether nmap's installed nmap-service-probes joins Portolan's own signatures
 * @param minWait the shortest wait for an answer to a probe; it grows with the host's round-trip time up to the
 *     probe's own limit (nmap always waits the probe's limit, 5-6 s, which is what makes it slow)
 * @param portBudget the most time spent on one port, however many probes remain
 * @param parallelism how many ports are probed at once, over all hosts
 * @param checkTlsVersions whether to ask a TLS service for each protocol version on its own connection
 * @param signatureFiles the user's own signature files in Portolan's format (docs/service-probes.md), read after the
 *     built-in set and before nmap's
 */
public record VersionOptions(VersionIntensity intensity, boolean nmapProbes, Duration minWait, Duration portBudget,
                             int parallelism, boolean checkTlsVersions, List<Path> signatureFiles) {
    public static final VersionOptions DEFAULT = new VersionOptions(VersionIntensity.DEFAULT, true,
            Duration.ofMillis(750), Duration.ofSeconds(20), 64, true);

    /** Options without signature files of the user's. */
    public VersionOptions(VersionIntensity intensity, boolean nmapProbes, Duration minWait, Duration portBudget,
                          int parallelism, boolean checkTlsVersions) {
        this(intensity, nmapProbes, minWait, portBudget, parallelism, checkTlsVersions, List.of());
    }

    public VersionOptions {
        Objects.requireNonNull(intensity, "intensity");
        Objects.requireNonNull(minWait, "minWait");
        Objects.requireNonNull(portBudget, "portBudget");
        signatureFiles = List.copyOf(signatureFiles);
        if (minWait.isNegative() || minWait.isZero() || portBudget.compareTo(minWait) < 0) {
            throw new IllegalArgumentException("version waits must be positive and the port budget at least one wait");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("version detection parallelism must be at least 1: " + parallelism);
        }
    }

    public VersionOptions withIntensity(VersionIntensity level) {
        return new VersionOptions(level, nmapProbes, minWait, portBudget, parallelism, checkTlsVersions,
                signatureFiles);
    }

    public VersionOptions withNmapProbes(boolean use) {
        return new VersionOptions(intensity, use, minWait, portBudget, parallelism, checkTlsVersions, signatureFiles);
    }

    public VersionOptions withMinWait(Duration wait) {
        return new VersionOptions(intensity, nmapProbes, wait, portBudget, parallelism, checkTlsVersions,
                signatureFiles);
    }

    public VersionOptions withSignatureFiles(List<Path> files) {
        return new VersionOptions(intensity, nmapProbes, minWait, portBudget, parallelism, checkTlsVersions, files);
    }
}
