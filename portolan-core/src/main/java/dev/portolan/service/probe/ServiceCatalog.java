package dev.portolan.service.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The probes and signatures version detection uses: Portolan's own set first, then any user files in the same
 * format, then nmap's nmap-service-probes when installed (unless left out). Probes of the same name merge, the
 * earlier source's lines tried first.
 *
 * @param probes the merged catalog
 * @param ownSignatures how many signatures came from Portolan's set and user files
 * @param nmapSignatures how many came from nmap's file (0 when absent or left out)
 * @param notes one line per thing the user may want to know: nmap's file missing, lines Java cannot express
 */
public record ServiceCatalog(ProbeCatalog probes, int ownSignatures, int nmapSignatures, List<String> notes) {
    /** The resource holding Portolan's own signature set. */
    public static final String BUILTIN = "portolan-service-probes.txt";

    public ServiceCatalog {
        Objects.requireNonNull(probes, "probes");
        notes = List.copyOf(notes);
    }

    /** Portolan's own signature set alone, read from the jar. */
    public static ProbeCatalog builtin() {
        try (InputStream in = ServiceCatalog.class.getResourceAsStream(BUILTIN)) {
            if (in == null) {
                throw new IllegalStateException("resource " + BUILTIN + " is missing from the build");
            }
            return PortolanProbeParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8), BUILTIN);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUILTIN, e);
        }
    }

    /**
     * The catalog: the built-in set, then {@code userFiles} (Portolan's format), then nmap's file at
     * {@code nmapFile} if {@code withNmap} and it exists.
     *
     * @throws ProbeFormatException when a file is malformed (one line naming file and line)
     * @throws UncheckedIOException when a user file cannot be read
     */
    public static ServiceCatalog load(List<Path> userFiles, boolean withNmap, Path nmapFile) {
        ProbeCatalog catalog = builtin();
        for (Path file : userFiles) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                catalog = catalog.merge(PortolanProbeParser.parse(in, file.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        int own = catalog.signatureCount();
        List<String> notes = new ArrayList<>();
        int nmap = 0;
        if (withNmap) {
            List<String> skipped = new ArrayList<>();
            var loaded = NmapProbes.load(nmapFile, skipped);
            if (loaded.isPresent()) {
                nmap = loaded.get().signatureCount();
                catalog = catalog.merge(loaded.get());
                notes.addAll(skipped);
            } else {
                notes.add(nmapFile + " not found: using Portolan's own signatures only (install nmap for more)");
            }
        }
        return new ServiceCatalog(catalog, own, nmap, notes);
    }

    /** The default catalog: built-in set plus the installed nmap file if there is one. */
    public static ServiceCatalog load() {
        return load(List.of(), true, NmapProbes.DEFAULT_PATH);
    }

    /** A matcher over this catalog. */
    public ServiceMatcher matcher() {
        return new ServiceMatcher(probes);
    }

    /** A probe selector over this catalog. */
    public ProbeSelector selector() {
        return new ProbeSelector(probes);
    }
}
