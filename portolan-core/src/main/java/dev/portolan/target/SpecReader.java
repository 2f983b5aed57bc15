package dev.portolan.target;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Reads target files (-iL, --excludefile): tokens separated by white space, "#" starts a comment to line end. */
public final class SpecReader {
    private SpecReader() {
    }

    /** The tokens of {@code in}, in order. */
    public static List<String> tokens(Reader reader) throws IOException {
        Reader in = reader instanceof BufferedReader ? reader : new BufferedReader(reader);
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean comment = false;
        for (int c = in.read(); c >= 0; c = in.read()) {
            if (c == '\n' || c == '\r') {
                comment = false;
            }
            if (comment) {
                continue;
            }
            if (c == '#' || Character.isWhitespace(c)) {
                comment = c == '#';
                if (!token.isEmpty()) {
                    tokens.add(token.toString());
                    token.setLength(0);
                }
            } else {
                token.append((char) c);
            }
        }
        if (!token.isEmpty()) {
            tokens.add(token.toString());
        }
        return tokens;
    }

    /** The tokens of the file {@code name}, where "-" means {@code stdin}; failure names the file. */
    static List<String> tokens(String name, Supplier<InputStream> stdin) {
        try {
            if (name.equals("-")) {
                return tokens(new InputStreamReader(stdin.get(), StandardCharsets.UTF_8));
            }
            try (InputStream in = Files.newInputStream(Path.of(name))) {
                return tokens(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException | UncheckedIOException | InvalidPathException e) {
            throw new TargetSpecException(name, "cannot read the file: " + describe(e));
        }
    }

    private static String describe(Exception e) {
        return switch (e) {
            case NoSuchFileException x -> "no such file";
            case AccessDeniedException x -> "permission denied";
            default -> String.valueOf(e.getMessage());
        };
    }
}
