package dev.portolan.technique.discovery;

/** A discovery plug-in, found with {@link java.util.ServiceLoader}. */
public interface HostDiscoveryProvider {
    /** Whether it can run {@code options} with or without raw-socket rights ({@code rawRights}). */
    boolean supports(DiscoveryOptions options, boolean rawRights);

    /** A discovery for one scan. */
    HostDiscovery create(DiscoveryOptions options);

    /** Higher wins when several support the options. */
    default int priority() {
        return 0;
    }
}
