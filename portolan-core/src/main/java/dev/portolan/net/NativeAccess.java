package dev.portolan.net;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether the native bindings may be used here: Linux on x86-64 or AArch64, native access enabled for this code
 * (--enable-native-access, or Enable-Native-Access in the jar's manifest) and libc's functions found. Where not,
 * callers use their pure-Java path, and nothing here has printed or thrown.
 */
public final class NativeAccess {
    /** Set to "false" to keep the bindings off (a diagnostic escape hatch). */
    public static final String PROPERTY = "portolan.native";

    private static volatile Optional<String> verdict;

    private NativeAccess() {
    }

    /** True when the bindings of this package can be called. */
    public static boolean available() {
        return unavailableReason().isEmpty();
    }

    /** Why the bindings cannot be used, or empty when they can. Decided once per process. */
    public static Optional<String> unavailableReason() {
        Optional<String> v = verdict;
        if (v == null) {
            synchronized (NativeAccess.class) {
                v = verdict;
                if (v == null) {
                    v = decide();
                    verdict = v;
                }
            }
        }
        return v;
    }

    private static Optional<String> decide() {
        Optional<String> refused = refusal(System.getProperty("os.name", ""), System.getProperty("os.arch", ""),
                NativeAccess.class.getModule().isNativeAccessEnabled(), System.getProperty(PROPERTY));
        if (refused.isPresent()) {
            return refused;
        }
        try {
            // the other functions are linked at first use: each link costs start-up time
            Libc.link();
            return Optional.empty();
        } catch (RuntimeException | LinkageError e) {
            return Optional.of("native bindings failed to link: " + e);
        }
    }

    /**
     * The reason not to use the bindings on {@code os}/{@code arch}, with native access {@code enabled} and the
     * {@value #PROPERTY} property {@code property} (may be null); empty when nothing stands against them.
     */
    static Optional<String> refusal(String os, String arch, boolean enabled, String property) {
        if ("false".equalsIgnoreCase(property)) {
            return Optional.of("turned off by -D" + PROPERTY + "=false");
        }
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Optional.of("not Linux (" + os + ")");
        }
        if (!Arch.isSupported(arch)) {
            return Optional.of("unsupported architecture " + arch);
        }
        if (!enabled) {
            return Optional.of("native access is not enabled (run java with --enable-native-access=ALL-UNNAMED)");
        }
        return Optional.empty();
    }
}
