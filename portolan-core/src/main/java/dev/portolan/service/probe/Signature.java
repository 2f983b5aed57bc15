package dev.portolan.service.probe;

import java.util.Objects;

/**
 * One match or softmatch line: a response that matches {@code pattern} is {@code service}. A hard match ends
 * detection; a soft match only narrows which probes to send next.
 *
 * @param service the service name ("ssh")
 * @param soft true for softmatch
 * @param pattern the compiled pattern with its source text
 * @param template what to report, expanded from the pattern's groups
 * @param origin where the line was read ("nmap-service-probes:1234"), for error messages and debugging
 */
public record Signature(String service, boolean soft, SignaturePattern pattern, VersionTemplate template,
        String origin) {

    public Signature {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(origin, "origin");
        if (service.isEmpty()) {
            throw new IllegalArgumentException("empty service name");
        }
    }
}
