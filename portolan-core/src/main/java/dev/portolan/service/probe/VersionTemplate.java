package dev.portolan.service.probe;

import java.util.List;
import java.util.Objects;

/**
 * The version-info fields of a match line, unexpanded: each may hold {@code $1}..{@code $9}, {@code $P(n)},
 * {@code $SUBST(n,"a","b")} and {@code $I(n,">")}; an absent field is the empty string.
 *
 * @param product p/ vendor and product name
 * @param version v/ version
 * @param info i/ extra information, in parts joined by ", " (nmap's lines have one part; Portolan's may have
 *     several, and a part whose group references all came out empty is left out)
 * @param hostname h/ host name the service reports
 * @param os o/ operating system
 * @param device d/ device type
 * @param cpes cpe:/…/ names, each with its "cpe:/" prefix
 */
public record VersionTemplate(String product, String version, List<String> info, String hostname, String os,
        String device, List<String> cpes) {

    /** A template with no fields: the match names only the service. */
    public static final VersionTemplate NONE = new VersionTemplate("", "", List.of(), "", "", "", List.of());

    public VersionTemplate {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(version, "version");
        info = List.copyOf(info);
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(device, "device");
        cpes = List.copyOf(cpes);
    }
}
