package dev.portolan.api;

/**
 * A family of techniques, found with {@link java.util.ServiceLoader}: a new engine is a new provider listed in
 * {@code META-INF/services/dev.portolan.api.ScanEngineProvider}, never an edit of a central list.
 */
public interface ScanEngineProvider {

    /** True when this engine runs every technique {@code config} asks for. */
    boolean supports(ScanConfig config);

    /** A fresh engine for one scan. */
    ScanEngine create();
}
