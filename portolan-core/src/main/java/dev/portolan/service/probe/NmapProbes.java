package dev.portolan.service.probe;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** nmap's own probe file, read where nmap is installed and never shipped with Portolan. */
public final class NmapProbes {
    /** Where Debian's nmap package puts it. */
    public static final Path DEFAULT_PATH = Path.of("/usr/share/nmap/nmap-service-probes");

    private NmapProbes() {
    }

    /**
     * The probes of the file at {@code path}, or empty when it does not exist. Lines whose pattern Java cannot
     * express are added to {@code skipped} (one line each) rather than failing the file.
     *
     * @throws ProbeFormatException when the file is malformed
     */
    public static Optional<ProbeCatalog> load(Path path, List<String> skipped) {
        if (!Files.isReadable(path)) {
            return Optional.empty();
        }
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.ISO_8859_1)) {
            return Optional.of(NmapProbeParser.parseLenient(in, path.getFileName().toString(), skipped));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
