package dev.portolan.engine.cookie;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * Fresh secret keys for a scan's cookies and tags: the kernel's random bytes, read from {@code /dev/urandom} as
 * {@link SecureRandom} reads them on Linux, without the security-provider framework that SecureRandom loads first
 * (some 20-30 ms of a cold start, on every scan); SecureRandom where that file cannot be read.
 */
public final class KeyMaterial {
    private static final Path URANDOM = Path.of("/dev/urandom");

    private KeyMaterial() {
    }

    /** {@code length} unpredictable bytes. */
    public static byte[] fresh(int length) {
        return fresh(length, URANDOM);
    }

    /** As {@link #fresh(int)}, read from {@code source}; SecureRandom when it cannot give them all. */
    static byte[] fresh(int length, Path source) {
        if (length < 0) {
            throw new IllegalArgumentException("negative key length " + length);
        }
        byte[] key = new byte[length];
        try (InputStream in = Files.newInputStream(source)) {
            if (in.readNBytes(key, 0, length) == length) {
                return key;
            }
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            // not Linux, or a sandbox without the device: the platform's generator below
        }
        new SecureRandom().nextBytes(key);
        return key;
    }
}
