package dev.portolan.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the data files shipped beside these classes. */
final class Resources {
    private Resources() {
    }

    /** A parser of one data file format. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(Reader text) throws IOException;
    }

    /** The bytes of the resource {@code name} of this package; a missing or unreadable file is a broken build. */
    static byte[] bytes(String name) {
        try (InputStream in = Resources.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    /** The resource {@code name} of this package, parsed; a missing or unreadable file is a broken build. */
    static <T> T load(String name, Parser<T> parser) {
        try (InputStream in = Resources.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the build");
            }
            return parser.parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
