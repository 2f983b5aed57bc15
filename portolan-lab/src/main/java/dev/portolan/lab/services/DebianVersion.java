package dev.portolan.lab.services;

/** Debian package versions ("1:9.2p1-2+deb12u10") and the upstream version inside them ("9.2p1"). */
public final class DebianVersion {
    private DebianVersion() {
    }

    /**
     * The upstream part: without the epoch ("1:"), the Debian revision (after the last '-') and a repack suffix
     * ("+dfsg1", "~rc1"), since services announce the upstream version only.
     */
    public static String upstream(String debianVersion) {
        String v = debianVersion.strip();
        if (v.isEmpty()) {
            throw new IllegalArgumentException("empty package version");
        }
        int colon = v.indexOf(':');
        if (colon >= 0) {
            v = v.substring(colon + 1);
        }
        int dash = v.lastIndexOf('-');
        if (dash > 0) {
            v = v.substring(0, dash);
        }
        for (char cut : new char[] {'+', '~'}) {
            int at = v.indexOf(cut);
            if (at > 0) {
                v = v.substring(0, at);
            }
        }
        return v;
    }
}
