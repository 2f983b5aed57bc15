package dev.portolan.service.probe;

/**
 * --version-intensity: probes of rarity up to this level are sent (probes listing the port always are).
 *
 * @param level 0 to 9
 */
public record VersionIntensity(int level) {
    /** nmap's default. */
    public static final VersionIntensity DEFAULT = new VersionIntensity(7);
    /** --version-light. */
    public static final VersionIntensity LIGHT = new VersionIntensity(2);
    /** --version-all. */
    public static final VersionIntensity ALL = new VersionIntensity(9);

    public VersionIntensity {
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("version intensity must be 0-9, got " + level);
        }
    }

    /** True when a probe of {@code rarity} is sent at this intensity. */
    public boolean admits(int rarity) {
        return rarity <= level;
    }
}
